// The sample columns faulted in ahead of the decoder by another thread (src/model/base/touchAhead.ts): the
// toucher never changes a value, goes ahead of the writer (or maps a comparison's room as far as the base's
// writer has got) and stops when it is done; the decoder publishes its progress and ends it DONE whatever
// happens; the engine's threads answer as before.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { generate } from '../../bench/gen-large.mjs';
import { DONE, PageToucher, writerProgress, type AheadColumn, type SamplePosition } from '../../src/model/base/touchAhead';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { ProfileError, type Profile } from '../../src/model/profile/profile';
import { Analysis } from '../../src/worker/analysis';
import { EngineClient } from '../../src/worker/startWorker';

// A writer on a thread of its own: fills the column from its start, publishing its progress every 1024
// words and pausing a millisecond now and then, as a decoder would take its time.
const WRITER = `
const { workerData } = require('node:worker_threads');
const { buffer, progress, n } = workerData;
const v = new Int32Array(buffer);
const nap = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < n; i++) {
  v[i] = i * 7 + 1;
  if ((i & 1023) === 1023) {
    Atomics.store(progress, 1, i + 1);
    Atomics.store(progress, 0, i + 1);
  }
  if ((i & 0x3ffff) === 0x3ffff) Atomics.wait(nap, 0, 0, 1);
}
Atomics.store(progress, 1, n);
Atomics.store(progress, 2, n);
Atomics.store(progress, 0, ${DONE});
`;

/** A PageToucher run to the end on this thread; the bytes touched. */
function touchAhead(columns: readonly AheadColumn[], progress: Int32Array, copiedAfter?: SamplePosition, aheadBytes?: number): number {
  const toucher = new PageToucher(columns, progress, copiedAfter, aheadBytes);
  toucher.untilDone();
  return toucher.bytes;
}

/** The sample columns of a profile, as bytes. */
const columnsOf = (p: Profile) =>
  [p.sampleLocs, p.sampleLocStart, p.sampleValues, p.labelStart].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));

describe('the sample columns touched ahead of the decoder', () => {
  test('a writer on another thread: every value is as it wrote it, pages ahead of it are touched, and the toucher stops when it is done', async () => {
    const words = 24 << 20 >> 2; // 24 MB of column
    const n = 16 << 20 >> 2; // of which the writer fills 16 MB
    const buffer = new SharedArrayBuffer(words * 4);
    const progress = writerProgress();
    const writer = new Worker(WRITER, { eval: true, workerData: { buffer, progress, n } });
    const exited = new Promise((resolve, reject) => writer.on('exit', resolve).on('error', reject));
    const column: AheadColumn = { buffer, wordsPer: 1, byIds: true };
    const touched = touchAhead([column], progress, undefined, 4 << 20);
    await exited;
    assert.equal(Atomics.load(progress, 0), DONE);
    const v = new Int32Array(buffer);
    for (let i = 0; i < n; i++) if (v[i] !== i * 7 + 1) assert.fail(`word ${i} is ${v[i]}, written ${i * 7 + 1}`);
    for (let i = n; i < words; i++) if (v[i] !== 0) assert.fail(`word ${i} past the writer is ${v[i]}`);
    assert.ok(touched > 0, 'some pages were touched ahead of the writer');
    // Never more than the column, and never further than its reach past where the writer stopped.
    assert.ok(touched <= Math.min(words * 4, n * 4 + (4 << 20) + 4096), `${touched} bytes touched`);
  });

  test('a comparison\'s target: the room after its samples is touched as far as the base\'s writer has got, up to its end, and nothing is written', async () => {
    const page = 4096;
    const target = 3 << 20; // words of the target's own samples
    const n = 2 << 20; // words the base's writer writes into its own column
    const room = new SharedArrayBuffer((8 << 20) * 4);
    const own = new Int32Array(room, 0, target).fill(5);
    const progress = writerProgress();
    const writer = new Worker(WRITER, { eval: true, workerData: { buffer: new SharedArrayBuffer(n * 4), progress, n } });
    const exited = new Promise((resolve, reject) => writer.on('exit', resolve).on('error', reject));
    const touched = touchAhead([{ buffer: room, wordsPer: 1, byIds: true }], progress, { samples: 0, ids: target });
    await exited;
    assert.ok(touched >= n * 4 && touched <= n * 4 + 2 * page, `${touched} bytes touched for ${n * 4} to come`);
    assert.ok(own.every((v) => v === 5), 'the target\'s own samples as they were');
    assert.ok(new Int32Array(room, target * 4).every((v) => v === 0), 'nothing written in the room');
  });

  test('told to stop, the toucher stops whatever the writer\'s progress says', () => {
    const toucher = new PageToucher([{ buffer: new SharedArrayBuffer(8 << 20), wordsPer: 1, byIds: true }], writerProgress());
    toucher.untilDone(() => true);
    assert.equal(toucher.bytes, 0);
  });

  test('a writer that is done already: nothing is touched', () => {
    const progress = writerProgress();
    Atomics.store(progress, 0, DONE);
    assert.equal(touchAhead([{ buffer: new SharedArrayBuffer(1 << 20), wordsPer: 1, byIds: false }], progress), 0);
  });

  describe('the decoder', () => {
    // 100,000 samples: more than the 4 MB of samples from which another thread is asked to touch them.
    const bytes = generate({ samples: 100_000 });

    test('hands its shared sample columns and progress over, publishes as it reads, ends DONE, and decodes the same profile', () => {
      const given: { columns: readonly AheadColumn[]; progress: Int32Array; room: boolean }[] = [];
      const p = loadProfile(bytes, { shared: true, touchAhead: (columns, progress, room) => given.push({ columns, progress, room }) });
      assert.equal(given.length, 1);
      const { columns, progress, room } = given[0];
      assert.equal(room, false);
      assert.equal(progress[0], DONE);
      assert.equal(progress[1], p.sampleLocs.length);
      assert.equal(progress[2], p.sampleCount);
      // The columns handed over are the ones the profile holds: the toucher maps the decoder's own pages.
      assert.equal(columns[0].buffer, p.sampleLocs.buffer);
      assert.equal(columns[1].buffer, p.sampleValues.buffer);
      assert.equal(columns[2].buffer, p.sampleLocStart.buffer);
      assert.deepEqual(columnsOf(p), columnsOf(loadProfile(bytes, { shared: true })));
    });

    test('a small profile is not handed over, nor one that is not decoded into shared memory', () => {
      let asked = 0;
      loadProfile(generate({ samples: 2000 }), { shared: true, touchAhead: () => asked++ });
      loadProfile(bytes, { shared: false, touchAhead: () => asked++ });
      assert.equal(asked, 0);
    });

    test('a comparison\'s base publishes its progress where it is told, small or not, shared or not, and ends it DONE', () => {
      for (const [samples, shared] of [[2000, false], [100_000, false], [2000, true]] as const) {
        const progress = writerProgress();
        const p = loadProfile(generate({ samples }), { shared, progress });
        assert.deepEqual([...progress], [DONE, p.sampleLocs.length, p.sampleCount], `${samples} samples, shared ${shared}`);
      }
    });

    test('a profile that is cut short fails as before, and its progress ends DONE', () => {
      let progress: Int32Array | undefined;
      const cut = bytes.subarray(0, bytes.length - 1000);
      assert.throws(() => loadProfile(cut, { shared: true, touchAhead: (_c, p) => (progress = p) }), ProfileError);
      assert.ok(progress, 'the decoder handed its columns over before failing');
      assert.equal(progress[0], DONE);
    });
  });
});

describe('the engine threads with the table thread touching ahead', () => {
  let dir: string;
  let profile: string;
  let base: string;
  let client: EngineClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pprof-touch-'));
    await esbuild.build({ entryPoints: ['src/worker/worker.ts'], bundle: true, platform: 'node', outfile: join(dir, 'worker.js'), logLevel: 'warning' });
    profile = join(dir, 'profile.pb');
    writeFileSync(profile, generate({ samples: 100_000 }));
    base = join(dir, 'base.pb');
    writeFileSync(base, generate({ samples: 100_000, stackseed: 2 }));
    client = new EngineClient(join(dir, 'worker.js'));
  });
  after(() => {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a profile opened on the threads gives the top table and flame tree of one decoded on one thread', async () => {
    const summary = await client.openFile('t', profile, 'profile.pb');
    const alone = new Analysis((path) => new Uint8Array(readFileSync(path)));
    alone.openFile('a', profile, 'profile.pb');
    const query = { sampleIndex: summary.defaultSampleIndex, granularity: 'functions' as const };
    assert.deepEqual(await client.top('t', query), alone.top('a', query));
    assert.deepEqual(await client.flame('t', { sampleIndex: summary.defaultSampleIndex }), alone.flame('a', { sampleIndex: summary.defaultSampleIndex }));
    // The table thread, having touched the columns, still answers.
    assert.ok((await client.topColumns('t', query)).name.length > 0);
  });

  test('a comparison opened on the threads (the room after the target mapped by the view thread while the base decodes) gives the answers of one opened on one thread', async () => {
    const files = { base, target: profile };
    const labels = { base: 'base.pb', target: 'profile.pb' };
    const options = { mode: 'diff_base' as const, normalize: false };
    const summary = await client.openComparison('c', files, options, labels);
    const alone = new Analysis((path) => new Uint8Array(readFileSync(path)));
    assert.deepEqual(alone.openComparison('c', files, options, labels), summary);
    const query = { sampleIndex: summary.defaultSampleIndex, granularity: 'functions' as const };
    assert.deepEqual(await client.top('c', query), alone.top('c', query));
    assert.deepEqual(await client.flame('c', { sampleIndex: summary.defaultSampleIndex }), alone.flame('c', { sampleIndex: summary.defaultSampleIndex }));
  });
});
