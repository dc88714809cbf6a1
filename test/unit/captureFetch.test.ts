import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { captureToFile } from '../../src/capture/capture';
import { CaptureError } from '../../src/capture/captureError';
import { fetchProfile } from '../../src/capture/fetch';
import { buildCaptureRequest, CaptureOptions, CaptureTarget } from '../../src/capture/policy';
import { PROFILE_TYPES, ProfileType } from '../../src/capture/profileTypes';
import { checkProfileBody } from '../../src/capture/sniff';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { startFaultServer, FaultServer } from '../support/faultServer';
import { GoService, startGoService } from '../support/goService';

const decodeCheck = async (bytes: Uint8Array) => ({ sampleCount: decodeProfile(bytes).sampleCount });

async function capture(target: CaptureTarget, type: ProfileType, seconds?: number, opts?: CaptureOptions) {
  const req = buildCaptureRequest(target, type, seconds, opts);
  const { bytes } = await fetchProfile(req);
  checkProfileBody(req, bytes);
  return decodeProfile(bytes);
}

async function captureError(target: CaptureTarget, type: ProfileType, opts?: CaptureOptions): Promise<CaptureError> {
  const req = buildCaptureRequest(target, type, 1, opts);
  try {
    const { bytes } = await fetchProfile(req);
    checkProfileBody(req, bytes);
  } catch (e) {
    assert.ok(e instanceof CaptureError, `expected a CaptureError, got ${String(e)}`);
    return e;
  }
  assert.fail('the capture succeeded');
}

const SAMPLE_TYPES: Record<ProfileType, string> = {
  cpu: 'samples/count cpu/nanoseconds',
  heap: 'alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes',
  allocs: 'alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes',
  goroutine: 'goroutine/count',
  block: 'contentions/count delay/nanoseconds',
  mutex: 'contentions/count delay/nanoseconds',
  threadcreate: 'threadcreate/count',
};

describe('capturing from the real Go service', () => {
  let svc: GoService;
  before(async () => {
    svc = await startGoService();
    // Give every profile something to record. Heap sampling is random: Go samples a 256 KB leak with a
    // chance of about 0.39 (one sample per 512 KB on average), so 6 leaks left the heap profile without
    // one about once in 20 runs; 20 leave it without one about once in 20,000.
    for (const p of ['/park', '/threads', '/contend', '/block', '/lockwait']) await svc.get(p);
    for (let i = 0; i < 20; i++) await svc.get('/leak');
  });
  after(() => svc.stop());

  for (const type of PROFILE_TYPES.filter((t) => t !== 'cpu')) {
    test(`${type} is captured and decodes with samples`, async () => {
      const p = await capture({ url: svc.url }, type);
      assert.equal(p.sampleTypes.map((s) => `${s.type}/${s.unit}`).join(' '), SAMPLE_TYPES[type]);
      assert.ok(p.sampleCount > 0, `${type} has no samples`);
    });
  }

  test('heap with gc=1 is captured', async () => {
    const p = await capture({ url: `${svc.url}/debug/pprof/heap` }, 'heap', undefined, { gc: true });
    assert.ok(p.funcName.includes('main.newSession'));
  });

  test('cpu for 2 seconds under load shows the busy handler', async () => {
    const load = svc.get('/burn?ms=2500');
    const p = await capture({ url: svc.url }, 'cpu', 2);
    await load;
    assert.equal(p.sampleTypes.map((s) => `${s.type}/${s.unit}`).join(' '), SAMPLE_TYPES.cpu);
    assert.ok(p.sampleCount > 0);
    assert.ok(p.funcName.includes('main.handleBurn'), 'main.handleBurn is missing from the CPU profile');
  });

  test('cancelling a CPU capture midway rejects at once and leaves no file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'capture-cancel-'));
    try {
      const ac = new AbortController();
      const req = buildCaptureRequest({ url: svc.url }, 'cpu', 5);
      const pending = captureToFile(req, { dir, validate: decodeCheck, signal: ac.signal });
      setTimeout(() => ac.abort(), 500);
      await assert.rejects(pending, (e: unknown) => e instanceof CaptureError && e.kind === 'cancelled');
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a redirect to the service is followed', async () => {
    const faults = await startFaultServer();
    try {
      const p = await capture({ url: `${faults.url}/redirect?to=${encodeURIComponent(`${svc.url}/debug/pprof/goroutine`)}` }, 'goroutine');
      assert.ok(p.sampleCount > 0);
    } finally {
      await faults.close();
    }
  });
});

describe('a service that needs a bearer token', () => {
  let svc: GoService;
  before(async () => (svc = await startGoService({ auth: 'bearer', token: 'tok-unit-123' })));
  after(() => svc.stop());

  test('without credentials the error says to set them, and does not show any token', async () => {
    const e = await captureError({ url: svc.url }, 'heap');
    assert.equal(e.kind, 'unauthorized');
    assert.match(e.message, /Set Endpoint Credentials/);
  });

  test('a wrong token is refused and not echoed', async () => {
    const e = await captureError({ url: svc.url }, 'heap', { credentials: { kind: 'bearer', token: 'wrong-token' } });
    assert.equal(e.kind, 'unauthorized');
    assert.ok(!e.message.includes('wrong-token'));
  });

  test('with the token the profile is captured', async () => {
    const p = await capture({ url: svc.url }, 'heap', undefined, { credentials: { kind: 'bearer', token: 'tok-unit-123' } });
    assert.ok(p.sampleCount > 0);
  });

  test('a header configured on the target is sent', async () => {
    const p = await capture({ url: svc.url, headers: { Authorization: 'Bearer tok-unit-123' } }, 'goroutine');
    assert.ok(p.sampleCount > 0);
  });

  test('credentials are not forwarded on a redirect to another origin', async () => {
    const faults = await startFaultServer();
    try {
      const url = `${faults.url}/redirect?to=${encodeURIComponent(`${svc.url}/debug/pprof/heap`)}`;
      const e = await captureError({ url }, 'heap', { credentials: { kind: 'bearer', token: 'tok-unit-123' } });
      assert.equal(e.kind, 'unauthorized');
      assert.equal(faults.requests[0].authorization, 'Bearer tok-unit-123');
    } finally {
      await faults.close();
    }
  });
});

describe('services that cannot serve the capture', () => {
  test('a block profile from a service without the rate set is reported as empty', async () => {
    const svc = await startGoService({ rates: false });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'capture-empty-'));
    try {
      await svc.get('/block');
      const r = await captureToFile(buildCaptureRequest({ url: svc.url }, 'block', undefined), { dir, validate: decodeCheck });
      assert.equal(r.sampleCount, 0);
      assert.match(r.warning ?? '', /no samples: the service must call runtime\.SetBlockProfileRate/);
    } finally {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a CPU capture longer than the server's WriteTimeout says so", async () => {
    const svc = await startGoService({ writeTimeout: '1s' });
    try {
      const e = await captureError({ url: svc.url }, 'cpu');
      assert.equal(e.kind, 'writeTimeout');
      assert.match(e.message, /WriteTimeout is shorter than the 1 s asked for/);
    } finally {
      await svc.stop();
    }
  });

  test('nothing listening: connection refused', async () => {
    const port = await closedPort();
    const e = await captureError({ url: `127.0.0.1:${port}` }, 'heap');
    assert.equal(e.kind, 'refused');
    assert.match(e.message, /is the service running, and on that port\?/);
  });
});

describe('HTTPS', () => {
  let svc: GoService;
  before(async () => (svc = await startGoService({ tls: true })));
  after(() => svc.stop());

  test('a self-signed certificate is a TLS error with the way out', async () => {
    const e = await captureError({ url: svc.url }, 'goroutine');
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /caFile/);
  });

  test('the CA file makes it trusted', async () => {
    const p = await capture({ url: svc.url }, 'goroutine', undefined, { caFile: svc.certFile });
    assert.ok(p.sampleCount > 0);
  });

  test('a target that opts in skips verification', async () => {
    const p = await capture({ url: svc.url, insecureSkipVerify: true }, 'goroutine');
    assert.ok(p.sampleCount > 0);
  });

  test('a CA file that cannot be read says which', async () => {
    const e = await captureError({ url: svc.url }, 'goroutine', { caFile: '/nonexistent/ca.pem' });
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /Cannot read the CA file \/nonexistent\/ca\.pem \(ENOENT\)/);
  });
});

describe('faults', () => {
  let faults: FaultServer;
  before(async () => (faults = await startFaultServer()));
  after(() => faults.close());

  const cases: { fault: string; kind: string; says: RegExp; opts?: CaptureOptions }[] = [
    { fault: 'notfound', kind: 'notFound', says: /404 Not Found.*net\/http\/pprof/ },
    { fault: 'html', kind: 'html', says: /HTML page, not a profile/ },
    { fault: 'text', kind: 'text', says: /returned text, not a profile \(it starts with "goroutine profile: total 4"\)/ },
    { fault: 'unauthorized', kind: 'unauthorized', says: /401 Unauthorized: set credentials/ },
    { fault: 'forbidden', kind: 'unauthorized', says: /403 Forbidden: set credentials/ },
    { fault: 'slow', kind: 'timeout', says: /no complete answer within/, opts: { timeoutMs: 300 } },
    { fault: 'reset', kind: 'closed', says: /closed the connection after 1000 bytes/ },
    { fault: 'hangup', kind: 'closed', says: /closed the connection before answering/ },
    { fault: 'oversized', kind: 'tooLarge', says: /larger than the 1 MB limit; raise pprofLens\.capture\.maxBodyMB/, opts: { maxBodyBytes: 1024 * 1024 } },
    { fault: 'declared-large', kind: 'tooLarge', says: /larger than the 256 MB limit/ },
    { fault: 'loop', kind: 'redirects', says: /more than 5 redirects/ },
  ];
  for (const c of cases) {
    test(`${c.fault}: ${c.kind}, one line`, async () => {
      const e = await captureError({ url: `${faults.url}/${c.fault}` }, 'heap', c.opts);
      assert.equal(e.kind, c.kind, e.message);
      assert.match(e.message, c.says);
      assert.ok(!e.message.includes('\n'));
    });
  }

  test('a token that a server echoes back is kept out of the message', async () => {
    const e = await captureError({ url: `${faults.url}/echo-auth` }, 'heap', { credentials: { kind: 'bearer', token: 'echo-secret-42' } });
    assert.equal(e.kind, 'http');
    assert.match(e.message, /answered 500 \("bad token: \*\*\*"\)/);
    assert.ok(!e.message.includes('echo-secret-42'));
  });

  test('a failed capture leaves nothing in the capture folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'capture-fault-'));
    try {
      for (const fault of ['reset', 'html', 'notfound']) {
        const req = buildCaptureRequest({ url: `${faults.url}/${fault}` }, 'heap', undefined);
        await assert.rejects(captureToFile(req, { dir, validate: decodeCheck }), CaptureError);
      }
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cancelling while the body streams stops at once', async () => {
    const ac = new AbortController();
    const req = buildCaptureRequest({ url: `${faults.url}/slow` }, 'heap', undefined);
    const pending = fetchProfile(req, { signal: ac.signal, onData: () => ac.abort() });
    await assert.rejects(pending, (e: unknown) => e instanceof CaptureError && e.kind === 'cancelled');
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
