// A fleet capture against real Go services: the instances that answer are merged with their instance
// label and the rest listed with why; all failing is an error and leaves nothing; a cancel leaves nothing;
// the bound on parallel requests holds, as the services count them.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildCaptureRequest } from '../../src/capture/policy';
import { CaptureError } from '../../src/capture/captureError';
import { captureFleet, type FleetCaptureDeps, type FleetCaptureSpec } from '../../src/fleet/captureFleet';
import { instancesOfUrls } from '../../src/fleet/fleetArgs';
import type { FleetSidecar } from '../../src/fleet/fleetFiles';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { Analysis } from '../../src/worker/analysis';
import { startGoService, type GoService } from '../support/goService';

const engine = new Analysis((p) => readFileSync(p));
const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fleet-capture-'));
  dirs.push(d);
  return d;
};

function deps(dir: string, more: Partial<FleetCaptureDeps> = {}): FleetCaptureDeps {
  return {
    dir,
    requestFor: async (inst) => buildCaptureRequest({ url: inst.url, name: inst.instance }, 'heap', undefined, { timeoutMs: 20_000 }),
    validate: async (bytes, label) => {
      const s = engine.open('check', new Uint8Array(bytes), label);
      engine.close('check');
      return { sampleCount: s.sampleCount };
    },
    merge: async (files, instances) => engine.mergeFiles(files, instances),
    ...more,
  };
}

const spec = (urls: readonly string[], concurrency = 8): FleetCaptureSpec => ({ group: 'api', instances: instancesOfUrls(urls), type: 'heap', concurrency });

/** The instance label values of a merged profile's samples. */
function instanceValues(file: string): string[] {
  const p = decodeProfile(readFileSync(file));
  const seen = new Set<string>();
  for (let s = 0; s < p.sampleCount; s++) {
    let n = 0;
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) if (p.labelKey[j] === 'instance') (n++, seen.add(p.labelStr[j]!));
    assert.equal(n, 1, `sample ${s} has one instance label`);
  }
  return [...seen].sort();
}

const hostPort = (url: string) => new URL(url).host;

describe('fleet capture against real Go services', { timeout: 240_000 }, () => {
  let a: GoService, b: GoService, dead: GoService, locked: GoService, many: GoService;
  before(async () => {
    [a, b, dead, locked, many] = await Promise.all([
      startGoService(),
      startGoService(),
      startGoService(),
      startGoService({ auth: 'bearer' }),
      startGoService({ delay: '300ms', extraPorts: 5 }),
    ]);
    await dead.stop();
  });
  after(async () => {
    await Promise.all([a, b, locked, many].map((s) => s?.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('the instances that answer are merged with their instance label; the others are listed with why', async () => {
    const dir = freshDir();
    const statuses: string[] = [];
    const r = await captureFleet(spec([a.url, b.url, dead.url, locked.url, a.url]), deps(dir, { onStatus: (m) => statuses.push(m) }));
    assert.deepEqual(instanceValues(r.path), [hostPort(a.url), hostPort(b.url)].sort());
    // The duplicated instance is captured once.
    assert.equal(r.instances.length, 4);
    assert.deepEqual(r.failed.map((f) => f.instance), [hostPort(dead.url), hostPort(locked.url)]);
    assert.match(r.failed[0].error!, /refused/);
    assert.match(r.failed[1].error!, /401/);
    assert.ok(statuses.some((s) => /^\d\/4 done · .* refused$/.test(s)), statuses.join('\n'));

    const sidecar = JSON.parse(readFileSync(`${r.path}.fleet.json`, 'utf8')) as FleetSidecar;
    assert.equal(r.sidecar, `${r.path}.fleet.json`);
    assert.equal(sidecar.merged, r.path.split('/').pop());
    assert.deepEqual(sidecar.instances.map((i) => [i.instance, i.file !== undefined, i.error !== undefined]), [
      [hostPort(a.url), true, false],
      [hostPort(b.url), true, false],
      [hostPort(dead.url), false, true],
      [hostPort(locked.url), false, true],
    ]);
    // The per-instance files are in the folder beside the merged profile, and nothing else is left.
    const folder = r.path.replace(/\.pb\.gz$/, '');
    assert.match(folder, /api-fleet-\d{8}-\d{6}$/);
    for (const i of sidecar.instances.filter((x) => x.file)) assert.ok(existsSync(join(dir, i.file!)), i.file);
    assert.equal(readdirSync(folder).length, 2);
    assert.deepEqual(readdirSync(dir).sort(), [folder, r.path, `${r.path}.fleet.json`].map((p) => p.split('/').pop()!).sort());
  });

  test('an instance that times out, and one that dies mid-capture, are left out with why', async () => {
    const [slow, dying] = await Promise.all([startGoService({ delay: '30s' }), startGoService({ delay: '30s' })]);
    try {
      const dir = freshDir();
      const running = captureFleet(
        spec([a.url, slow.url, dying.url]),
        deps(dir, {
          requestFor: async (inst) =>
            buildCaptureRequest({ url: inst.url, name: inst.instance }, 'heap', undefined, { timeoutMs: inst.instance === hostPort(slow.url) ? 1_000 : 20_000 }),
        }),
      );
      // The dying instance is killed once its request has arrived.
      for (let i = 0; i < 1000; i++) {
        if ((await dying.get('/fleet/inflight')).startsWith('1 ')) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await dying.stop();
      const r = await running;
      assert.deepEqual(instanceValues(r.path), [hostPort(a.url)]);
      assert.deepEqual(r.failed.map((f) => f.instance), [hostPort(slow.url), hostPort(dying.url)]);
      assert.match(r.failed[0].error!, /no complete answer within 1 s/);
      assert.match(r.failed[1].error!, /closed the connection before answering/);
    } finally {
      await Promise.all([slow.stop(), dying.stop()]);
    }
  });

  test('all failing is an error naming the first cause, and leaves no file', async () => {
    const dir = freshDir();
    await assert.rejects(captureFleet(spec([dead.url, locked.url]), deps(dir)), (e: unknown) => {
      assert.ok(e instanceof CaptureError);
      assert.match(e.message, new RegExp(`No instance of api answered \\(2 failed\\); the first: ${hostPort(dead.url)}: Connection to .* refused`));
      return true;
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a cancel stops every request and leaves no file', async () => {
    const dir = freshDir();
    const ac = new AbortController();
    const running = captureFleet(spec(many.urls), deps(dir, { signal: ac.signal }));
    // Cancel once the services have requests in flight.
    for (let i = 0; i < 400; i++) {
      const [now] = (await many.get('/fleet/inflight')).trim().split(' ').map(Number);
      if (now > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    ac.abort();
    await assert.rejects(running, (e: unknown) => e instanceof CaptureError && e.kind === 'cancelled');
    assert.deepEqual(readdirSync(dir), []);
  });

  test('no more than the bound of requests are in flight at once, across instances', async () => {
    // The cancelled capture above may leave requests finishing: wait until none is in flight.
    const fresh = await startGoService({ delay: '300ms', extraPorts: 5 });
    try {
      const dir = freshDir();
      const r = await captureFleet(spec(fresh.urls, 2), deps(dir));
      assert.equal(r.failed.length, 0);
      assert.equal(instanceValues(r.path).length, 6);
      const [now, max] = (await fresh.get('/fleet/inflight')).trim().split(' ').map(Number);
      assert.equal(now, 0);
      assert.equal(max, 2);
    } finally {
      await fresh.stop();
    }
  });
});
