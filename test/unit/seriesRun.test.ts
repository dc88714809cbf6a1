// The run of a series, outside VS Code, against the real Go service and the fault server: what each round
// saves, the manifest after it, faults recorded and survived, a disk error that stops it, a cancel.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { parseSeriesManifest } from '../../src/model/profile/seriesManifestJson';
import { parseSeriesArgs } from '../../src/series/seriesArgs';
import { seriesRequests, snapshotFetcher } from '../../src/series/seriesFetch';
import { SeriesRun } from '../../src/series/seriesRun';
import { createSeries } from '../../src/series/seriesStore';
import { FaultServer, startFaultServer } from '../support/faultServer';
import { GoService, startGoService } from '../support/goService';

const decodeCheck = async (bytes: Uint8Array) => ({ sampleCount: decodeProfile(bytes).sampleCount });

async function startRun(dir: string, url: string, arg: Record<string, unknown>): Promise<SeriesRun> {
  const { spec } = parseSeriesArgs({ url, ...arg });
  const requests = seriesRequests({ url }, spec.types, { gc: spec.gc });
  const { folder, manifest } = await createSeries(dir, requests.get(spec.types[0])!.label, url, spec, new Date(), 'test/1');
  return new SeriesRun(manifest, { folder, fetch: snapshotFetcher(requests, decodeCheck) }, 1);
}

function onDisk(run: SeriesRun): SeriesManifest {
  return parseSeriesManifest(readFileSync(path.join(run.folder, 'manifest.json'), 'utf8'));
}

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a series run', () => {
  let svc: GoService;
  let faults: FaultServer;
  let dir: string;

  before(async () => {
    [svc, faults] = await Promise.all([startGoService(), startFaultServer()]);
    dir = mkdtempSync(path.join(os.tmpdir(), 'series-run-'));
  });
  after(async () => {
    await Promise.all([svc?.stop(), faults?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('takes every type each round: the profiles decode, the goroutine dump is debug=2 text, the manifest is complete', async () => {
    const run = await startRun(dir, svc.url, { types: ['heap', 'goroutine', 'mutex'], intervalSeconds: 1, count: 3 });
    const m = await run.done;
    assert.equal(m.status, 'complete');
    assert.deepEqual(onDisk(run), m);
    assert.equal(m.rounds, 3);
    assert.deepEqual(m.errors, []);
    assert.deepEqual(
      m.snapshots.map((s) => s.file),
      [1, 2, 3].flatMap((r) => [`heap-000${r}.pb.gz`, `goroutine-000${r}.pb.gz`, `goroutine-000${r}.debug2.txt`, `mutex-000${r}.pb.gz`]),
    );
    for (const s of m.snapshots) {
      const bytes = readFileSync(path.join(run.folder, s.file));
      if (s.format === 'goroutine-text') assert.match(bytes.toString('utf8'), /^goroutine \d+ \[running\]:\n/);
      else assert.ok(decodeProfile(bytes).sampleCount >= 0);
    }
    assert.ok(m.snapshots.every((s) => !Number.isNaN(Date.parse(s.time))));
    assert.equal(m.gc, true);
    assert.deepEqual(readdirSync(run.folder).filter((f) => f.endsWith('.tmp')), [], 'no temp file is left');
  });

  test('a failed snapshot becomes one line in errors and the series goes on', async () => {
    const run = await startRun(dir, `${faults.url}/html`, { types: ['heap', 'goroutine'], intervalSeconds: 1, count: 2 });
    const m = await run.done;
    assert.equal(m.status, 'complete');
    assert.equal(m.rounds, 2);
    assert.deepEqual(m.snapshots, []);
    assert.equal(m.errors.length, 6, 'heap, goroutine and its dump, twice');
    assert.deepEqual(m.errors.map((e) => e.round), [1, 1, 1, 2, 2, 2]);
    for (const e of m.errors) assert.match(e.error, /HTML page/), assert.ok(!e.error.includes('\n'));
    assert.ok(m.errors.some((e) => e.error.startsWith('the debug=2 dump: ')));
  });

  test('an endpoint that goes away is recorded as refused, and the series ends complete with fewer snapshots', async () => {
    const gone = await startGoService();
    const run = await startRun(dir, gone.url, { types: ['heap'], intervalSeconds: 1, count: 4 });
    await until('two rounds', () => (run.manifest.rounds ?? 0) >= 2);
    await gone.stop();
    const m = await run.done;
    assert.equal(m.status, 'complete');
    assert.ok(m.snapshots.length >= 2 && m.snapshots.length < 4, `${m.snapshots.length} snapshots`);
    assert.equal(m.snapshots.length + m.errors.length, 4);
    for (const e of m.errors) assert.match(e.error, /refused|closed the connection/);
  });

  test('cancel keeps what was captured and says so', async () => {
    const run = await startRun(dir, svc.url, { types: ['heap'], intervalSeconds: 1, count: 100 });
    await until('two rounds', () => (run.manifest.rounds ?? 0) >= 2);
    run.cancel();
    const m = await run.done;
    assert.equal(m.status, 'cancelled');
    assert.match(m.stopReason!, /^stopped by the user after \d+ of 100 rounds$/);
    assert.ok(m.snapshots.length >= 2);
    assert.deepEqual(onDisk(run), m);
    for (const s of m.snapshots) assert.ok(existsSync(path.join(run.folder, s.file)));
  });

  test('a disk error stops the series as failed, with the reason', async () => {
    const run = await startRun(dir, svc.url, { types: ['heap'], intervalSeconds: 1, count: 100 });
    await until('one round', () => (run.manifest.rounds ?? 0) >= 1);
    rmSync(run.folder, { recursive: true, force: true });
    const m = await run.done;
    assert.equal(m.status, 'failed');
    assert.match(m.stopReason!, /^Cannot write .*\(ENOENT\): free some space or fix the folder's permissions .*; the series stopped$/);
  });

  test('detach lets go without a final status, for the next host to take over', async () => {
    const run = await startRun(dir, svc.url, { types: ['heap'], intervalSeconds: 1, count: 100 });
    await until('one round', () => (run.manifest.rounds ?? 0) >= 1);
    run.detach();
    await run.done;
    const m = onDisk(run);
    assert.equal(m.status, 'running');
    assert.equal(m.owner, 'test/1');
  });
});
