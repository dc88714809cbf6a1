// The real worker threads, as the extension runs them: worker.ts bundled as esbuild.mjs bundles it, driven
// through EngineClient. Answers equal the in-process ones, typed arrays cross as typed arrays (and the
// profile bytes are moved, not copied), and a bad file comes back as a ProfileError that names the file.
// Then a thread's loop on its own (threads.ts, over MessageChannels in this process): the scan thread
// answers by priority, holds its long scans while the view thread is busy, cancels what a newer request
// in the same lane replaced, and waits for a profile the view thread has not handed over yet.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { decodeSide, loadComparison, loadProfile } from '../../src/model/decode/loadProfile';
import { flameTree } from '../../src/model/analysis/flame/flameTree';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import { ProfileError } from '../../src/model/profile/profile';
import { computeTop } from '../../src/model/analysis/topRows';
import { LineIndexTable, toLineIndexColumns, toLineIndexHead } from '../../src/protocol/lineIndexColumns';
import { toTopColumns } from '../../src/protocol/topColumns';
import { unpackStrings } from '../../src/protocol/packedStrings';
import { CancelledError, type RpcRequest, type RpcResponse } from '../../src/worker/rpc';
import { packProfile, shareColumns, unpackProfile, type PackedProfile } from '../../src/worker/sharedProfile';
import { EngineClient } from '../../src/worker/startWorker';
import { servePeer } from '../../src/worker/threads';
import { ownedBuffersOf, transferablesOf } from '../../src/worker/transfer';
import { Analysis } from '../../src/worker/analysis';
import type { DecodedProfile, Profile } from '../../src/model/profile/profile';
import { FIXTURE_DIR } from './support/pprofOracle';

const root = join(__dirname, '..', '..');
const workerDir = mkdtempSync(join(tmpdir(), 'pprof-lens-worker-'));
const workerJs = join(workerDir, 'worker.js');
process.on('exit', () => rmSync(workerDir, { recursive: true, force: true }));
const fixture = (f: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, f)));
const local = (f: string) => loadProfile(fixture(f));
let client: EngineClient;

before(async () => {
  await esbuild.build({ entryPoints: [join(root, 'src/worker/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerJs, logLevel: 'warning' });
  client = new EngineClient(workerJs);
});
after(() => client.dispose());

describe('the analysis worker', () => {
  const CPU = 'go-generated/cpu.pb.gz';

  test('open returns the summary and moves the bytes to the worker', async () => {
    const bytes = fixture(CPU);
    const summary = await client.open('cpu', bytes, 'cpu.pb.gz');
    assert.equal(bytes.byteLength, 0, 'the buffer was transferred, so it is detached here');
    assert.deepEqual(summary.sampleTypes, [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
    assert.deepEqual(summary.totals, [953, 9530000000]);
    assert.equal(summary.sampleCount, local(CPU).sampleCount);
  });

  // The timeout turns a worker blocked on a FIFO into a failure instead of a hang.
  test('openFile reads a local file in the worker and opens it as open() does', { timeout: 60_000 }, async () => {
    const summary = await client.openFile('cpu-by-path', join(FIXTURE_DIR, CPU), 'cpu.pb.gz');
    assert.deepEqual(summary, await client.open('cpu-by-bytes', fixture(CPU), 'cpu.pb.gz'));
    assert.deepEqual(await client.top('cpu-by-path', { sampleIndex: 1, granularity: 'lines' }), await client.top('cpu-by-bytes', { sampleIndex: 1, granularity: 'lines' }));
    await Promise.all([client.close('cpu-by-path'), client.close('cpu-by-bytes')]);
    const missing = join(workerDir, 'gone.pb.gz');
    await assert.rejects(client.openFile('gone', missing, 'gone.pb.gz'), (e: Error) => {
      assert.ok(!(e instanceof ProfileError), 'a read failure is not a malformed profile');
      assert.match(e.message, new RegExp(`^cannot read ${missing}: ENOENT`));
      return true;
    });
    await assert.rejects(client.openFile('text', join(root, 'package.json'), 'package.json'), (e: Error) => e instanceof ProfileError && /^package\.json: /.test(e.message));
    // Reading a FIFO would wait for a writer forever, and the worker would answer nothing else.
    const fifo = join(workerDir, 'pipe.pprof');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(client.openFile('fifo', fifo, 'pipe.pprof'), new RegExp(`^Error: cannot read ${fifo}: not a regular file$`));
    await assert.rejects(client.openFile('dir', workerDir, 'dir'), /: not a regular file$/);
    assert.equal((await client.openFile('cpu-again', join(FIXTURE_DIR, CPU), 'cpu.pb.gz')).sampleCount, local(CPU).sampleCount, 'the worker still answers');
    await client.close('cpu-again');
  });

  test('top equals the in-process answer', async () => {
    const q = { sampleIndex: 1, granularity: 'functions' as const, filters: { focus: 'sort' } };
    const { sampleType, total, rows } = computeTop(local(CPU), q);
    assert.deepEqual(await client.top('cpu', q), { sampleType, total, rows });
  });

  test('flame arrives as typed arrays equal to the in-process tree', async () => {
    const q = { sampleIndex: 1, path: ['main.walkA', 'main.walkB'], minFraction: 0.001 };
    const tree = await client.flame('cpu', q);
    for (const k of ['nodeName', 'parent'] as const) assert.ok(tree[k] instanceof Int32Array, k);
    for (const k of ['value', 'self', 'folded'] as const) assert.ok(tree[k] instanceof Float64Array, k);
    assert.deepEqual(tree, flameTree(local(CPU), q));
    assert.ok(tree.parent.length > 10);
  });

  test('every typed array of a flame tree and a line index is on the transfer list', () => {
    const tree = flameTree(local(CPU), { sampleIndex: 1 });
    assert.equal(transferablesOf({ id: 1, ok: true, result: tree }).length, 5);
    const columns = toLineIndexColumns(lineIndex(local(CPU)));
    assert.equal(transferablesOf({ id: 1, ok: true, result: columns }).length, 13);
  });

  test('the line index (in columns) and callersCallees equal the in-process answers', async () => {
    const index = lineIndex(local(CPU));
    const head = await client.lineIndexHead('cpu');
    assert.deepEqual([head.sampleTypes, head.totals, unpackStrings(head.files)], [index.sampleTypes, index.totals, index.files.map((f) => f.file)]);
    const all = index.files.map((_, i) => i);
    const table = new LineIndexTable(await client.lineIndexFiles('cpu', all));
    assert.deepEqual(all.map((i) => table.file(i)), index.files);
    const some = [all.length - 1, 0];
    const two = new LineIndexTable(await client.lineIndexFiles('cpu', some));
    assert.deepEqual([two.file(0), two.file(1)], [index.files[some[0]], index.files[0]]);
    await assert.rejects(client.lineIndexFiles('cpu', [all.length]), /no such file in the line index/);
    const q = { sampleIndex: 1, name: 'runtime.mallocgc' };
    assert.deepEqual(await client.callersCallees('cpu', q), callersCallees(local(CPU), q));
  });

  test('several profiles stay open side by side; close forgets one', async () => {
    await client.open('heap', fixture('go-generated/heap.pb.gz'), 'heap.pb.gz');
    const heapTop = await client.top('heap', { sampleIndex: 3, granularity: 'lines' });
    assert.equal(heapTop.sampleType.type, 'inuse_space');
    await client.close('heap');
    await assert.rejects(client.top('heap', { sampleIndex: 0, granularity: 'functions' }), (e: Error) => {
      assert.ok(!(e instanceof ProfileError));
      return /no open profile with handle heap/.test(e.message);
    });
    assert.equal((await client.top('cpu', { sampleIndex: 0, granularity: 'functions' })).total, 953);
  });

  test('threads started by a request start the scan thread at the first close or scan request (what was handed to it waited on its port); prepare() starts it at once', { timeout: 60_000 }, async () => {
    const fresh = new EngineClient(workerJs);
    try {
      await fresh.open('a', fixture(CPU), 'cpu.pb.gz');
      await fresh.open('b', fixture(CPU), 'cpu.pb.gz');
      assert.equal(fresh.scanStarted, false, 'not started by opens, flame or top');
      await fresh.flame('a', { sampleIndex: 1 });
      assert.equal(fresh.scanStarted, false);
      await fresh.close('b');
      assert.equal(fresh.scanStarted, true, 'a close starts it, and is answered once it has dropped the profile');
      const name = computeTop(local(CPU), { sampleIndex: 1, granularity: 'functions' }).rows[0].name;
      const expectedCallers = callersCallees(local(CPU), { sampleIndex: 1, name });
      const got = await fresh.callersCallees('a', { sampleIndex: 1, name });
      assert.deepEqual([got.flat, got.cum, got.total], [expectedCallers.flat, expectedCallers.cum, expectedCallers.total]);
      assert.ok(expectedCallers.cum > 0);
    } finally {
      fresh.dispose();
    }
    const prepared = new EngineClient(workerJs);
    prepared.prepare();
    assert.equal(prepared.scanStarted, true, 'prepare() starts every thread, ahead of a choice');
    prepared.dispose();
  });

  test('a bad file comes back as a ProfileError naming the file', async () => {
    const html = new TextEncoder().encode('<html><body>Sign in</body></html>');
    await assert.rejects(client.open('bad', html, 'capture-17.pb.gz'), (e: Error) => {
      assert.ok(e instanceof ProfileError, 'a ProfileError');
      assert.match(e.message, /^capture-17\.pb\.gz: this is an HTML page/);
      return true;
    });
    const truncated = fixture('go-generated/heap.pb.gz').slice(0, 500);
    await assert.rejects(client.open('bad', truncated, '/tmp/heap.pb.gz'), (e: Error) => e instanceof ProfileError && /^\/tmp\/heap\.pb\.gz: truncated gzip/.test(e.message));
  });

  test('a bad query is an Error, not a ProfileError, and the worker keeps serving', async () => {
    await assert.rejects(client.flame('cpu', { sampleIndex: 9 }), (e: Error) => !(e instanceof ProfileError) && /sample index 9 is out of range/.test(e.message));
    await assert.rejects(client.top('cpu', { sampleIndex: 1, granularity: 'functions', filters: { focus: '(' } }), /focus/);
    assert.equal((await client.flame('cpu', { sampleIndex: 0 })).value[0], 953);
  });
});

describe('the worker threads', () => {
  const CPU = 'go-generated/cpu.pb.gz';

  test('a newer call in a lane rejects the older one with a CancelledError at once; other lanes and plain calls are untouched', async () => {
    await client.open('lanes', fixture(CPU), 'cpu.pb.gz');
    const zooms = client.lane('editor#1:flame');
    const other = client.lane('editor#2:flame');
    const q = (path: string[]) => ({ sampleIndex: 1, path, maxNodes: 200 });
    const left = zooms.flame('lanes', q(['main.walkA']));
    const beside = other.flame('lanes', q(['main.walkA']));
    const plain = client.flame('lanes', q(['main.walkA']));
    const shown = zooms.flame('lanes', q(['main.walkA', 'main.walkB']));
    await assert.rejects(left, (e: Error) => e instanceof CancelledError && /^flame: superseded/.test(e.message));
    assert.deepEqual(await shown, flameTree(local(CPU), q(['main.walkA', 'main.walkB'])));
    assert.deepEqual(await beside, await plain);
    await client.close('lanes');
  });

  test('the columns move into shared memory once, and every answer stays the same', () => {
    const prepared = loadProfile(fixture(CPU));
    shareColumns(prepared);
    const columns = Object.values(prepared).filter((v) => ArrayBuffer.isView(v));
    assert.ok(columns.length > 10);
    for (const c of columns) assert.ok(c.buffer instanceof SharedArrayBuffer);
    const q = { sampleIndex: 1, path: ['main.walkA'] };
    assert.deepEqual(flameTree(prepared, q), flameTree(local(CPU), q));
    assert.deepEqual(computeTop(prepared, { sampleIndex: 1, granularity: 'lines' }).rows, computeTop(local(CPU), { sampleIndex: 1, granularity: 'lines' }).rows);
  });

  /** The scan thread's loop in this process: `host` and `view` are the other ends of its two ports. */
  function scanThread() {
    const toHost = new MessageChannel();
    const toView = new MessageChannel();
    const toTable = new MessageChannel();
    const viewLoad = new Int32Array(new SharedArrayBuffer(4));
    servePeer(toHost.port2, 'scan', toView.port2, viewLoad, undefined, undefined, toTable.port2);
    const answers: RpcResponse[] = [];
    const waiters: (() => void)[] = [];
    toHost.port1.on('message', (r: RpcResponse) => {
      answers.push(r);
      waiters.splice(0).forEach((w) => w());
    });
    return {
      viewLoad,
      view: toView.port1,
      /** The table thread's end of the sibling port. */
      table: toTable.port1,
      ask: (req: RpcRequest) => toHost.port1.postMessage(req),
      /** Waits for `n` answers in all. */
      answered: async (n: number) => {
        while (answers.length < n) await new Promise<void>((r) => waiters.push(r));
        return answers.slice(0, n);
      },
      close: () => [toHost.port1, toHost.port2, toView.port1, toView.port2, toTable.port1, toTable.port2].forEach((p: MessagePort) => p.close()),
    };
  }

  const adopted = () => {
    const p = loadProfile(fixture(CPU));
    shareColumns(p);
    return packProfile(p);
  };

  test('the scan thread asks the view thread for a profile it does not hold, and answers once it is handed over', async () => {
    const t = scanThread();
    const asked = once(t.view, 'message');
    t.ask({ id: 1, method: 'topColumns', args: ['cpu', { sampleIndex: 1, granularity: 'functions' }] });
    t.ask({ id: 2, method: 'lineIndexHead', args: ['cpu'] });
    assert.deepEqual((await asked)[0], { type: 'want', handle: 'cpu' });
    t.view.postMessage({ type: 'profile', handle: 'cpu', serial: 1, profile: adopted() });
    const [top, head] = await t.answered(2);
    assert.deepEqual(top, { id: 1, ok: true, result: toTopColumns(computeTop(local(CPU), { sampleIndex: 1, granularity: 'functions' })) });
    assert.deepEqual(head, { id: 2, ok: true, result: toLineIndexHead(lineIndex(local(CPU))) });
    // Dropped with its editor (the view thread waits for the drop before it answers the close): a later
    // request finds no profile, once the view thread says it has none.
    const dropped = once(t.view, 'message');
    t.view.postMessage({ type: 'drop', handle: 'cpu', ticket: 7 });
    assert.deepEqual((await dropped)[0], { type: 'dropped', ticket: 7 });
    const again = once(t.view, 'message');
    t.ask({ id: 3, method: 'topColumns', args: ['cpu', { sampleIndex: 1, granularity: 'functions' }] });
    assert.deepEqual((await again)[0], { type: 'want', handle: 'cpu' });
    t.view.postMessage({ type: 'none', handle: 'cpu' });
    const [, , gone] = await t.answered(3);
    assert.deepEqual(gone, { id: 3, ok: false, error: 'no open profile with handle cpu', kind: 'error' });
    t.close();
  });

  test('the line index is read off the sums the table thread hands over for the same load, and only those', async () => {
    const engine = new Analysis();
    engine.open('cpu', fixture(CPU), CPU);
    engine.topColumns('cpu', { sampleIndex: 0, granularity: 'functions' });
    const sums = engine.unfilteredSums('cpu')!;
    // Numbers the own pass would never give, so that the answer shows which it was.
    const doubled = (s: typeof sums.functions) => ({ flat: s.flat.map((x) => 2 * x), cum: s.cum.map((x) => 2 * x) });
    const changed = { functions: doubled(sums.functions), lines: doubled(sums.lines) };
    const expected = new Analysis();
    expected.open('cpu', fixture(CPU), CPU);
    expected.adoptUnfilteredSums('cpu', changed);
    const every = Array.from({ length: lineIndex(local(CPU)).files.length }, (_, i) => i);
    const own = toLineIndexColumns(lineIndex(local(CPU)), every);
    const fromSums = expected.lineIndexFiles('cpu', every);
    assert.notDeepEqual(fromSums, own);

    /** The scan thread's index of load 3 of the handle, once the table thread has sent the sums of load `serial`. */
    const indexAfterSums = async (serial: number) => {
      const t = scanThread();
      t.view.postMessage({ type: 'profile', handle: 'cpu', serial: 3, profile: adopted() });
      t.table.postMessage({ handle: 'cpu', serial, sums: changed });
      t.ask({ id: 1, method: 'lineIndexFiles', args: ['cpu', every] });
      const [answer] = await t.answered(1);
      t.close();
      return answer;
    };
    // Another load of the handle (one the thread no longer holds): ignored.
    assert.deepEqual(await indexAfterSums(2), { id: 1, ok: true, result: own });
    assert.deepEqual(await indexAfterSums(3), { id: 1, ok: true, result: fromSums });
  });

  test('while the view thread is busy the long scans wait, the line index after callers/callees; a newer scan in a lane cancels the waiting one', async () => {
    const t = scanThread();
    t.view.postMessage({ type: 'profile', handle: 'cpu', serial: 1, profile: adopted() });
    // A zoom is being computed on the view thread.
    Atomics.store(t.viewLoad, 0, 1);
    const callers = (id: number, name: string): RpcRequest => ({ id, method: 'callersCallees', args: ['cpu', { sampleIndex: 1, name }], lane: 'editor#1:callersCallees' });
    t.ask({ id: 1, method: 'lineIndexHead', args: ['cpu'] });
    t.ask(callers(2, 'main.walkA'));
    t.ask({ id: 3, method: 'topColumns', args: ['cpu', { sampleIndex: 1, granularity: 'lines' }] });
    t.ask(callers(4, 'main.walkB'));
    const first = await t.answered(2);
    assert.deepEqual(
      first.map((a) => [a.id, a.ok || a.kind]),
      [
        [2, 'cancelled'],
        [3, true],
      ],
    );
    // Still held: a request that does not wait for the view thread (the table's, sent here as a probe) is
    // answered before them.
    t.ask({ id: 5, method: 'topColumns', args: ['cpu', { sampleIndex: 0, granularity: 'functions' }] });
    assert.equal((await t.answered(3))[2].id, 5);
    Atomics.store(t.viewLoad, 0, 0);
    Atomics.notify(t.viewLoad, 0);
    const all = await t.answered(5);
    assert.deepEqual(
      all.slice(3).map((a) => a.id),
      [4, 1],
      'callers/callees before the line index',
    );
    assert.deepEqual(all[3], { id: 4, ok: true, result: callersCallees(local(CPU), { sampleIndex: 1, name: 'main.walkB' }) });
    t.close();
  });
});

describe('comparisons in the worker', () => {
  const BASE = 'go-generated/heap.pb.gz';
  const TARGET = 'go-generated/heap-gc.pb.gz';
  const files = { base: join(FIXTURE_DIR, BASE), target: join(FIXTURE_DIR, TARGET) };
  const labels = { base: 'heap.pb.gz', target: 'heap-gc.pb.gz' };
  const options = { mode: 'diff_base', normalize: false } as const;
  const compared = () => loadComparison(fixture(BASE), fixture(TARGET), options, labels);
  const top = { sampleIndex: 1, granularity: 'functions' as const, filters: { focus: 'compress|regexp' } };
  const flame = { sampleIndex: 1, minFraction: 0.001 };
  const callers = { sampleIndex: 1, name: 'compress/flate.NewWriter' };

  /** What every analysis answers in this process for the comparison, to hold the worker's answers to. */
  function expected(p: Profile) {
    const { sampleType, total, rows } = computeTop(p, top);
    return { top: { sampleType, total, rows }, flame: flameTree(p, flame), callers: callersCallees(p, callers), index: lineIndex(p) };
  }

  test('openComparison in the Analysis reads both files and answers every analysis with both sides', () => {
    const a = new Analysis((path) => new Uint8Array(readFileSync(path)));
    const summary = a.openComparison('cmp', files, options, labels);
    const { profile, comparison } = compared();
    assert.deepEqual(summary.comparison, comparison);
    // Both sides' samples but the one of each whose values are all 0, which pprof's merge drops.
    assert.equal(summary.sampleCount, local(BASE).sampleCount + local(TARGET).sampleCount - 2);
    assert.equal(summary.sampleCount, profile.sampleCount);
    const want = expected(profile);
    const got = a.top('cmp', top);
    assert.ok(got.rows.length > 0 && got.rows.every((r) => r.baseFlat !== undefined && r.baseCum !== undefined));
    assert.deepEqual(got, want.top);
    assert.deepEqual(a.flame('cmp', flame), want.flame);
    assert.ok(want.flame.baseValue && want.callers.baseCum !== undefined && want.index.files[0].lineBaseCum);
    assert.deepEqual(a.callersCallees('cmp', callers), want.callers);
    assert.deepEqual(a.lineIndex('cmp'), want.index);
    // Swapped under the same handle: every answer is the new comparison's, the line index too.
    a.openComparison('cmp', { base: files.target, target: files.base }, options, { base: labels.target, target: labels.base });
    const swapped = loadComparison(fixture(TARGET), fixture(BASE), options, { base: labels.target, target: labels.base }).profile;
    assert.deepEqual(a.lineIndex('cmp'), lineIndex(swapped));
    assert.deepEqual(a.top('cmp', top).rows, computeTop(swapped, top).rows);
  });

  test('a malformed or missing side is named; a good handle stays open', () => {
    const a = new Analysis((path) => new Uint8Array(readFileSync(path)));
    const text = join(root, 'package.json');
    assert.throws(() => a.openComparison('bad', { base: text, target: files.target }, options, { base: 'package.json', target: 'heap-gc.pb.gz' }), (e: Error) => e instanceof ProfileError && /^package\.json: /.test(e.message));
    assert.throws(() => a.openComparison('bad', { base: files.base, target: text }, options, { base: 'heap.pb.gz', target: 'package.json' }), (e: Error) => e instanceof ProfileError && /^package\.json: /.test(e.message));
    const missing = join(workerDir, 'gone.pb.gz');
    assert.throws(() => a.openComparison('bad', { base: missing, target: files.target }, options, labels), (e: Error) => !(e instanceof ProfileError) && e.message.startsWith(`cannot read ${missing}: ENOENT`));
    assert.throws(() => a.top('bad', top), /no open profile with handle bad/);
  });

  test('through the threads: each thread answers the comparison as the Analysis does, in columns with both sides', { timeout: 60_000 }, async () => {
    const summary = await client.openComparison('cmp', files, options, labels);
    const { profile, comparison } = compared();
    assert.deepEqual(summary.comparison, comparison);
    const want = expected(profile);
    // The view thread (flame), the table thread (top) and the scan thread (callers/callees, line index).
    assert.deepEqual(await client.flame('cmp', flame), want.flame);
    assert.deepEqual(await client.top('cmp', top), want.top);
    assert.deepEqual(await client.topColumns('cmp', top), toTopColumns(want.top));
    assert.ok((await client.topColumns('cmp', top)).baseCum instanceof Float64Array);
    assert.deepEqual(await client.callersCallees('cmp', callers), want.callers);
    const all = want.index.files.map((_, i) => i);
    const columns = await client.lineIndexFiles('cmp', all);
    for (const k of ['lineBaseFlat', 'lineBaseCum', 'funcBaseFlat', 'funcBaseCum'] as const) assert.ok(columns[k] instanceof Float64Array, k);
    const table = new LineIndexTable(columns);
    assert.deepEqual(all.map((i) => table.file(i)), want.index.files);
    // Swapped: every thread has the new comparison.
    const swapped = loadComparison(fixture(TARGET), fixture(BASE), options, { base: labels.target, target: labels.base }).profile;
    await client.openComparison('cmp', { base: files.target, target: files.base }, options, { base: labels.target, target: labels.base });
    assert.deepEqual((await client.top('cmp', top)).rows, computeTop(swapped, top).rows);
    assert.deepEqual(await client.callersCallees('cmp', callers), callersCallees(swapped, callers));
    assert.deepEqual(await client.flame('cmp', flame), flameTree(swapped, flame));
    await client.close('cmp');
  });

  test('through the threads: a malformed side comes back as a ProfileError naming it', async () => {
    const text = join(root, 'package.json');
    await assert.rejects(client.openComparison('bad', { base: files.base, target: text }, options, { base: 'heap.pb.gz', target: 'package.json' }), (e: Error) => e instanceof ProfileError && /^package\.json: /.test(e.message));
    await assert.rejects(client.openComparison('bad', { base: text, target: files.target }, options, { base: 'base.json', target: 'heap-gc.pb.gz' }), (e: Error) => e instanceof ProfileError && /^base\.json: /.test(e.message));
    // The base decodes on another thread: when both sides fail, it is the base that is named, as in one thread.
    const missing = join(root, 'no-such-base.pb.gz');
    await assert.rejects(client.openComparison('bad', { base: missing, target: text }, options, { base: 'base', target: 'package.json' }), (e: Error) => !(e instanceof ProfileError) && e.message.startsWith(`cannot read ${missing}: ENOENT`));
    await assert.rejects(client.openComparison('bad', { base: text, target: text }, options, { base: 'base.json', target: 'package.json' }), (e: Error) => e instanceof ProfileError && /^base\.json: /.test(e.message));
    await assert.rejects(client.top('bad', top), /no open profile with handle bad/);
  });

  test('the base samples go into shared memory with the columns, and reach another thread', async () => {
    const p = compared().profile;
    shareColumns(p);
    assert.ok(p.baseSample && p.baseSample.buffer instanceof SharedArrayBuffer);
    const { port1, port2 } = new MessageChannel();
    const arrived = once(port2, 'message');
    port1.postMessage(p);
    const [copy] = (await arrived) as [Profile];
    port1.close();
    assert.ok(copy.baseSample && copy.baseSample.buffer instanceof SharedArrayBuffer);
    // The same memory, not a copy: a write through one is seen through the other (and undone).
    const before = p.baseSample[0];
    copy.baseSample[0] = 7;
    assert.equal(p.baseSample[0], 7, 'the same shared memory');
    copy.baseSample[0] = before;
    assert.deepEqual(computeTop(copy, top).rows, expected(compared().profile).top.rows);
  });

  test('a side decoded on another thread moves there whole: every buffer, views into a larger one too, and it arrives as decoded', async () => {
    const bytes = fixture(BASE);
    const side = decodeSide(bytes, labels.base);
    // The decoder's sample columns are views into buffers sized by an upper bound: transferablesOf copies them.
    const partial = [side.sampleLocs, side.sampleValues].filter((a) => a.byteLength < a.buffer.byteLength);
    assert.ok(partial.length > 0, 'the fixture has a column in a larger buffer');
    const moved = ownedBuffersOf(side);
    for (const a of partial) assert.ok(moved.includes(a.buffer as ArrayBuffer) && !transferablesOf(side).includes(a.buffer as ArrayBuffer));
    const { port1, port2 } = new MessageChannel();
    const arrived = once(port2, 'message');
    port1.postMessage(side, moved);
    const [copy] = (await arrived) as [DecodedProfile];
    port1.close();
    assert.equal(side.sampleLocs.length, 0, 'moved, not copied: the sender holds nothing of it');
    const again = decodeSide(bytes, labels.base);
    const plain = (p: DecodedProfile) =>
      JSON.stringify(p, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number | bigint>, String) : typeof v === 'bigint' ? String(v) : v));
    assert.equal(plain(copy), plain(again), 'what arrives is what a decode gives, and the sender decodes as before');
  });

  test('packed for another thread, the labels come back as they were, strings shared by number, made when first read', async () => {
    const p = compared().profile;
    shareColumns(p);
    const packed = packProfile(p);
    assert.ok(packed.labels.strings.length < p.labelKey.length / 10, 'few distinct strings');
    const { port1, port2 } = new MessageChannel();
    const arrived = once(port2, 'message');
    port1.postMessage(packed);
    const [copy] = (await arrived) as [PackedProfile];
    port1.close();
    const back = unpackProfile(copy);
    // Made when first read, once: a thread that reads no label never builds them.
    assert.equal(typeof Object.getOwnPropertyDescriptor(back, 'labelKey')?.get, 'function');
    assert.equal(back.labelKey, back.labelKey);
    assert.deepEqual(Object.keys(back).filter((k) => k.startsWith('label')).sort(), Object.keys(p).filter((k) => k.startsWith('label')).sort());
    assert.deepEqual([back.labelKey, back.labelStr, back.labelUnit, Array.from(back.labelNum)], [p.labelKey, p.labelStr, p.labelUnit, Array.from(p.labelNum)]);
    assert.deepEqual(computeTop(back, top).rows, expected(compared().profile).top.rows);
  });
});
