// Goroutine dumps through the real worker threads, as the goroutine view asks for them: the table thread
// reads the file itself and answers with the groups; a file that is not a dump is refused with a message
// that names it; growth across dumps read from their files.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { groupGoroutines } from '../../src/model/report/goroutineDump';
import { Analysis } from '../../src/worker/analysis';
import { EngineClient } from '../../src/worker/startWorker';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-goroutine-worker-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const fixture = (f: string) => join(root, 'test', 'fixtures', 'goroutine', f);
let client: EngineClient;

before(async () => {
  const workerJs = join(dir, 'worker.js');
  await esbuild.build({ entryPoints: [join(root, 'src/worker/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerJs, logLevel: 'warning' });
  client = new EngineClient(workerJs);
});
after(() => client.dispose());

describe('goroutines in the worker', () => {
  test('goroutines(file) answers the groups the model gives for the bytes', async () => {
    const file = fixture('debug2-go1.21.txt');
    assert.deepEqual(await client.goroutines(file), groupGoroutines(readFileSync(file)));
  });

  test('a file that is not a dump, or no file: one line naming it', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'just notes\n');
    await assert.rejects(client.goroutines(notes), (e: Error) => {
      assert.equal(e.message, `${notes}: not a goroutine dump: no "goroutine N [state]:" line; it starts with "just notes"; save one from /debug/pprof/goroutine?debug=2 (or debug=1, or the goroutine profile)`);
      return true;
    });
    await assert.rejects(client.goroutines(join(dir, 'missing.txt')), /^Error: cannot read .*missing\.txt: ENOENT/);
  });

  test('goroutineTrend(dumps) reads each file and takes them in time order', async () => {
    // The same dump three times, and a smaller one: the parked waiters' group is 20, 20, 20 then 0.
    const files = ['a', 'b', 'c'].map((n) => {
      const f = join(dir, `${n}-goroutine.txt`);
      copyFileSync(fixture('debug2-go1.19.txt'), f);
      return f;
    });
    const t0 = Date.UTC(2026, 0, 1);
    const trend = await client.goroutineTrend([
      { time: t0 + 120_000, file: files[2] },
      { time: t0, file: files[0] },
      { time: t0 + 60_000, file: files[1] },
    ]);
    assert.deepEqual(trend.times, [t0, t0 + 60_000, t0 + 120_000]);
    assert.deepEqual(trend.totals, [39, 39, 39]);
    const waiters = trend.byGroup.find((r) => r.frames?.[0]?.name === 'main.parkedWaiter');
    assert.deepEqual(waiters?.counts, [20, 20, 20]);
    assert.equal(waiters?.growth, 0);
    assert.deepEqual(trend.suspects, [], 'nothing grows');
  });

  test('Analysis reads through the reader it is given', () => {
    const read: string[] = [];
    const a = new Analysis((p) => {
      read.push(p);
      return new Uint8Array(readFileSync(p));
    });
    assert.equal(a.goroutines(fixture('debug1.txt')).format, 'debug1');
    assert.deepEqual(read, [fixture('debug1.txt')]);
  });
});
