// The zooms asked ahead: which frames are picked (model/analysis/flame/likelyZooms.ts); that a flameAhead
// answers as the zoom would and leaves that zoom nothing to grow; that it waits behind every other request
// and while the table thread is busy (rpc.ts ROUTES, scheduler.ts); and the host's FlameAhead
// (src/editor/flameAhead.ts) on the real worker threads: every likely zoom's tree, in order, until stopped.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { likelyZooms, MIN_ZOOM_SHARE } from '../../src/model/analysis/flame/likelyZooms';
import { stackTrie } from '../../src/model/analysis/flame/stackTrie';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { MAX_FLAME_NODES, ZOOMS_AHEAD, type FlameQuery, type FlameTree } from '../../src/model/profile/queries';
import { generate } from '../../bench/gen-large.mjs';
import { FlameAhead } from '../../src/editor/flameAhead';
import { Analysis } from '../../src/worker/analysis';
import { jobFor } from '../../src/worker/jobs';
import type { RpcRequest } from '../../src/worker/rpc';
import { Scheduler } from '../../src/worker/scheduler';
import { EngineClient } from '../../src/worker/startWorker';

const fixtures = join(__dirname, '..', 'fixtures');

/** A flame answer from (parent, name, value) rows in preorder; row 0 is the root. */
function tree(rows: readonly [number, string, number][]): FlameTree {
  const names = [...new Set(rows.map((r) => r[1]))];
  const n = rows.length;
  return {
    names,
    files: names.map(() => ''),
    nodeName: Int32Array.from(rows.map((r) => names.indexOf(r[1]))),
    parent: Int32Array.from(rows.map((r) => r[0])),
    value: Float64Array.from(rows.map((r) => r[2])),
    self: new Float64Array(n),
    folded: new Float64Array(n),
    total: rows[0][2],
    sampleType: { type: 'cpu', unit: 'nanoseconds' },
  };
}

describe('the zooms picked ahead', () => {
  const t = tree([
    [-1, 'root', 100],
    [0, 'main', 60],
    [1, 'main.run', 60],
    [2, 'main.work', 35],
    [2, 'main.wait', 20],
    [0, 'gc', 40],
    [5, 'gc.mark', 3],
  ]);

  test('widest first, a parent before a child as wide as it, narrow ones left out', () => {
    assert.deepEqual(likelyZooms(t, 10, 0.05), [['main'], ['main', 'main.run'], ['gc'], ['main', 'main.run', 'main.work'], ['main', 'main.run', 'main.wait']]);
  });

  test('at most `count`, and none of an empty or single-node tree', () => {
    assert.deepEqual(likelyZooms(t, 3, 0.05), [['main'], ['main', 'main.run'], ['gc']]);
    assert.deepEqual(likelyZooms(tree([[-1, 'root', 5]]), 5, 0), []);
    assert.deepEqual(likelyZooms(t, 0, 0), []);
  });

  test('a comparison whose target is negative at a node is picked by its width', () => {
    const d = tree([
      [-1, 'root', 10],
      [0, 'a', -50],
      [0, 'b', 20],
    ]);
    assert.deepEqual(likelyZooms(d, 5, 0.05), [['a'], ['b']]);
  });
});

describe('zooms asked ahead', () => {
  // The real fixtures are small enough for a root's answer to grow all that their zooms need; the
  // benchmark's generator makes stacks as varied as a big service's, where the zooms grow the trie.
  const profiles: [string, () => Uint8Array][] = [
    ['60,000 generated samples', () => generate({ samples: 60_000 })],
    ['google-pprof/proftest-large.cpu.pb.gz', () => readFileSync(join(fixtures, 'google-pprof/proftest-large.cpu.pb.gz'))],
    ['go-generated/heap.pb.gz', () => readFileSync(join(fixtures, 'go-generated/heap.pb.gz'))],
  ];
  for (const [file, bytesOf] of profiles) {
    test(`${file}: each zoom picked answers as without asking ahead, and its zoom then grows nothing`, () => {
      const bytes = bytesOf();
      const p = loadProfile(bytes);
      const analysis = new Analysis();
      analysis.adopt('h', p);
      const q: FlameQuery = { sampleIndex: p.defaultSampleIndex, maxNodes: MAX_FLAME_NODES };
      const root = analysis.flame('h', q);
      const paths = analysis.zoomAhead('h', q);
      assert.deepEqual(paths, likelyZooms(root, ZOOMS_AHEAD, MIN_ZOOM_SHARE));
      assert.ok(paths.length > 0, 'the profile has frames wide enough to zoom into');
      const fresh = new Analysis();
      fresh.open('h', bytes, file);
      const ahead = paths.map((path) => analysis.flameAhead('h', { ...q, path }));
      const trie = stackTrie(p, '', () => assert.fail('the trie was built by the answers above'));
      paths.forEach((path, i) => {
        assert.deepEqual(ahead[i], fresh.flame('h', { ...q, path }), `${path.join(' > ')}: the answer as without asking ahead`);
        const before = trie.count;
        assert.deepEqual(analysis.flame('h', { ...q, path }), ahead[i]);
        assert.equal(trie.count, before, `${path.join(' > ')}: grown ahead`);
      });
    });
  }

  test('a flameAhead runs after every other request, and not while the table thread is busy', async () => {
    const p = loadProfile(readFileSync(join(fixtures, 'google-pprof/proftest-large.cpu.pb.gz')));
    const analysis = new Analysis();
    analysis.adopt('h', p);
    const q: FlameQuery = { sampleIndex: p.defaultSampleIndex, maxNodes: MAX_FLAME_NODES };
    const [path] = analysis.zoomAhead('h', q);
    let tableBusy = true;
    let wake = () => {};
    const turns: (() => void)[] = [];
    const scheduler = new Scheduler((f) => turns.push(f), { busy: () => false, tableBusy: () => tableBusy, changed: () => new Promise<void>((r) => (wake = r)) });
    const ran: string[] = [];
    const push = (req: RpcRequest) => scheduler.push(jobFor('view', req, analysis, () => ran.push(req.method), undefined));
    push({ id: 1, method: 'flameAhead', args: ['h', { ...q, path }] });
    push({ id: 2, method: 'flame', args: ['h', q] });
    push({ id: 3, method: 'zoomAhead', args: ['h', q] });
    while (turns.length > 0) turns.shift()!();
    assert.deepEqual(ran, ['flame', 'zoomAhead'], 'held while the table thread is busy');
    tableBusy = false;
    wake();
    await new Promise((r) => setImmediate(r));
    while (turns.length > 0) turns.shift()!();
    assert.deepEqual(ran, ['flame', 'zoomAhead', 'flameAhead']);
  });
});

describe('FlameAhead on the worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-flame-ahead-'));
  const profile = join(dir, 'gen.pb');
  let client: EngineClient;
  before(async () => {
    await esbuild.build({ entryPoints: [join(__dirname, '..', '..', 'src/worker/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(dir, 'worker.js'), logLevel: 'warning' });
    writeFileSync(profile, generate({ samples: 60_000 }));
    client = new EngineClient(join(dir, 'worker.js'));
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('gives the tree of every likely zoom, widest first, each as the zoom would be answered', async () => {
    await client.openFile('h', profile, 'gen.pb');
    const root: FlameQuery = { sampleIndex: 0, maxNodes: MAX_FLAME_NODES, path: [] };
    const paths = await client.zoomAhead('h', root);
    assert.ok(paths.length > 1);
    const given: [FlameQuery, FlameTree][] = [];
    // As the page does: it takes each tree, and says so after the message.
    const ahead = new FlameAhead(client.lane('ahead'), (query, tree) => {
      given.push([query, tree]);
      setImmediate(() => ahead.pageTook());
    });
    await ahead.start('h', root);
    assert.deepEqual(given.map(([query]) => query.path), paths);
    for (const [query, tree] of given) assert.deepEqual(tree, await client.flame('h', query));
  });

  test('stopped, it gives no more trees; a newer root replaces an older one; a page that has not taken a tree gets no other; a closed profile ends it quietly', async () => {
    await client.openFile('s', profile, 'gen.pb');
    const root: FlameQuery = { sampleIndex: 0, maxNodes: MAX_FLAME_NODES, path: [] };
    const given: FlameQuery[] = [];
    let takes = true;
    const ahead = new FlameAhead(client.lane('stop'), (query) => {
      given.push(query);
      if (given.length === 2) ahead.stop();
      else if (takes) setImmediate(() => ahead.pageTook());
    });
    await ahead.start('s', root);
    assert.equal(given.length, 2);
    given.length = 0;
    const older = ahead.start('s', root);
    const newer = ahead.start('s', { ...root, sampleIndex: 1 });
    await Promise.all([older, newer]);
    assert.ok(given.length > 0);
    assert.ok(given.every((q) => q.sampleIndex === 1), 'only the newer root\'s trees');
    // A page that has not taken its tree gets no other until it has.
    given.length = 0;
    takes = false;
    const busy = ahead.start('s', root);
    while (given.length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(given.length, 1);
    takes = true;
    ahead.pageTook();
    await busy;
    assert.ok(given.length > 1);
    given.length = 0;
    const paths = await client.zoomAhead('s', root);
    const closing = ahead.start('s', root);
    await client.close('s');
    await closing;
    assert.ok(given.length < paths.length, `${given.length} of ${paths.length} trees after the close`);
  });
});
