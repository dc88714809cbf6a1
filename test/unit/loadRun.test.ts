// A load run without VS Code, against the real Go test service: the CPU captured in windows merged after
// each one (the live view's profiles) and at the end, go tool pprof agreeing on the hot function; a cancel
// mid-run leaving no file, not even the staged windows.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isCancelled } from '../../src/capture/captureError';
import { buildCaptureRequest } from '../../src/capture/policy';
import { parseLoadArgs } from '../../src/load/loadArgs';
import { runLoad, type LoadRunDeps } from '../../src/load/loadRun';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { Analysis } from '../../src/worker/analysis';
import { startGoService, type GoService } from '../support/goService';
import { pprofTop } from '../support/pprofTop';

const engine = new Analysis((p) => readFileSync(p));
const bounds = { maxSeconds: 60, maxConnections: 32, defaultConnections: 4, timeoutSeconds: 10 };
const staged = () => readdirSync(tmpdir()).filter((n) => n.startsWith('pprof-lens-load-'));

describe('load run against the real Go service', { timeout: 120_000 }, () => {
  let svc: GoService;
  let dir: string;
  before(async () => {
    svc = await startGoService();
    dir = mkdtempSync(join(tmpdir(), 'load-run-'));
  });
  after(async () => {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (more: Partial<LoadRunDeps> = {}): LoadRunDeps => ({
    dir,
    requestFor: (seconds) => buildCaptureRequest({ url: svc.url }, 'cpu', seconds),
    validate: async (bytes, label) => {
      const s = engine.open('check', new Uint8Array(bytes), label);
      engine.close('check');
      return { sampleCount: s.sampleCount };
    },
    merge: async (files) => engine.mergeFiles(files, files.map(() => '')).bytes,
    liveWindowSeconds: 2,
    ...more,
  });

  test('windows of 2 s over 5 s: a live profile after each but the last, then their merge saved with its record', async () => {
    const before = staged();
    const live: { seconds: number; samples: number }[] = [];
    const r = await runLoad(parseLoadArgs({ url: `${svc.url}/work`, seconds: 5, connections: 3 }, bounds), deps({
      onLive: (bytes, seconds) => live.push({ seconds, samples: decodeProfile(bytes).sampleCount }),
    }));
    assert.deepEqual(live.map((l) => l.seconds), [2, 4]);
    assert.ok(live.every((l) => l.samples > 0));
    const p = decodeProfile(readFileSync(r.profile));
    assert.ok(p.sampleCount >= live[1].samples, 'the final merge holds at least what the live view had');
    // No instance label: the windows are one service's time, merged as pprof merges files.
    assert.ok(!p.labelKey.includes('instance'));
    const main = pprofTop(r.profile).rows.filter((x) => x.name.startsWith('main.')).sort((a, b) => b.flat - a.flat);
    assert.equal(main[0].name, 'main.loadChecksum');
    assert.ok(existsSync(r.report));
    assert.ok(r.summary.requests > 0);
    assert.deepEqual(staged(), before, 'the staged windows are gone');
  });

  test('cancelled mid-run: rejects as cancelled, nothing saved, nothing staged', async () => {
    const before = staged();
    const files = readdirSync(dir);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 2500);
    await assert.rejects(runLoad(parseLoadArgs({ url: `${svc.url}/light`, seconds: 10, connections: 2 }, bounds), deps({ signal: ac.signal })), (e) => isCancelled(e));
    assert.deepEqual(readdirSync(dir), files);
    assert.deepEqual(staged(), before);
  });
});
