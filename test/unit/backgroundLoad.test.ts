// npm start's light background load on the demo service: with it, a plain 3 s CPU capture of the service
// has samples, and the demo's handlers among them; the load stops when told.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchProfile } from '../../src/capture/fetch';
import { buildCaptureRequest } from '../../src/capture/policy';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { backgroundLoad } from '../harness/backgroundLoad.mjs';
import { startGoService, type GoService } from '../support/goService';

let svc: GoService;
before(async () => (svc = await startGoService()));
after(async () => svc?.stop());

async function served(): Promise<number> {
  return Number(/^goapp_http_requests_total (\d+)$/m.exec(await svc.get('/metrics'))![1]);
}

test('a plain CPU capture of the demo under its background load shows the demo\'s handlers', { timeout: 60_000 }, async () => {
  const stop = backgroundLoad(svc.url);
  try {
    const { bytes } = await fetchProfile(buildCaptureRequest({ url: svc.url }, 'cpu', 3));
    const p = decodeProfile(bytes);
    assert.ok(p.sampleCount > 0, 'the capture has samples');
    const names = new Set<string>(p.funcName);
    assert.ok(names.has('main.loadChecksum') || names.has('main.fib'), `no demo handler among ${[...names].filter((n) => n.startsWith('main.')).join(', ')}`);
  } finally {
    stop();
  }
  // Stopped: at most the request in flight arrives after.
  await new Promise((r) => setTimeout(r, 500));
  const a = await served();
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok((await served()) <= a + 1, 'no more requests once stopped');
});
