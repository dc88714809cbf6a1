// The trend through the real worker threads, as the series view asks for it: worker.ts bundled as
// esbuild.mjs bundles it, driven through EngineClient. The table thread reads the snapshot files itself,
// one at a time, and answers what the model answers in process; a bad file comes back naming the file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { trend } from '../../src/model/analysis/trend';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { EngineClient } from '../../src/worker/startWorker';
import { MB, snapshotBytes } from './support/heapSeries';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-trend-worker-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const workerJs = join(dir, 'worker.js');
const snapshots = [3, 1, 0, 2].map((m) => {
  const file = join(dir, `heap-${m}.pb.gz`);
  const bytes = snapshotBytes(m, { 'leak.grow': (m + 1) * MB, 'cache.fill': (m % 2) * 6 * MB, 'noise.churn': [3, 1, 4, 1][m] * MB });
  writeFileSync(file, bytes);
  return { file, bytes };
});
let client: EngineClient;

before(async () => {
  await esbuild.build({ entryPoints: [join(root, 'src/worker/worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerJs, logLevel: 'warning' });
  client = new EngineClient(workerJs);
});
after(() => client.dispose());

test('the worker’s trend over files equals the model’s over the loaded profiles', async () => {
  const query = { granularity: 'lines' as const, filters: { hide: 'main\\.main' } };
  const answer = await client.trend(snapshots.map((s) => s.file), query);
  assert.deepEqual(answer, trend(snapshots.map((s) => loadProfile(s.bytes)), query, snapshots.map((s) => s.file)));
  assert.equal(answer.rows[0].name, 'leak.grow');
  assert.ok(answer.rows.every((r) => r.name !== 'main.main'));
});

test('a file that is not a profile, or is gone: the error names it', async () => {
  const text = join(dir, 'notes.pb.gz');
  writeFileSync(text, 'hello\n');
  await assert.rejects(client.trend([snapshots[0].file, text], { granularity: 'functions' }), /notes\.pb\.gz: this is a text file/);
  await assert.rejects(client.trend([join(dir, 'gone.pb.gz')], { granularity: 'functions' }), /cannot read .*gone\.pb\.gz/);
});
