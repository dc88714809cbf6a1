import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { captureToFile } from '../../src/capture/capture';
import { emptyProfileWarning } from '../../src/capture/profileTypes';
import { resolveCaptureDir } from '../../src/capture/captureDir';
import { CaptureError } from '../../src/capture/captureError';
import { buildCaptureRequest } from '../../src/capture/policy';
import { PROFILE_TYPES } from '../../src/capture/profileTypes';
import { captureFileName, sanitizeLabel, timestamp } from '../../src/capture/captureName';
import { saveCapture } from '../../src/capture/save';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { FaultServer, startFaultServer } from '../support/faultServer';
import { GoService, startGoService } from '../support/goService';

const when = new Date(2024, 0, 2, 3, 4, 5);
const decodeCheck = async (bytes: Uint8Array) => ({ sampleCount: decodeProfile(bytes).sampleCount });

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'capture-save-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('capture file names', () => {
  test('are <target>-<type>-<YYYYMMDD-HHMMSS>.pb.gz in local time', () => {
    assert.equal(timestamp(when), '20240102-030405');
    assert.equal(captureFileName('api', 'heap', when), 'api-heap-20240102-030405.pb.gz');
    assert.equal(captureFileName('api', 'cpu', when, 3), 'api-cpu-20240102-030405-3.pb.gz');
  });
  const labels: [string, string][] = [
    ['localhost:6060', 'localhost_6060'],
    ['api prod/eu', 'api_prod_eu'],
    ['../../etc', 'etc'],
    ['', 'target'],
    ['ünïcode', 'n_code'],
  ];
  for (const [label, want] of labels) test(`label ${JSON.stringify(label)} becomes ${want}`, () => assert.equal(sanitizeLabel(label), want));
});

describe('saveCapture', () => {
  test('writes the bytes under the capture name and leaves no temp file', async (t) => {
    const dir = path.join(tempDir(t), 'nested', '.pprof');
    const p = await saveCapture(dir, 'svc', 'heap', when, Buffer.from('abc'));
    assert.equal(path.basename(p), 'svc-heap-20240102-030405.pb.gz');
    assert.equal(readFileSync(p, 'utf8'), 'abc');
    assert.deepEqual(readdirSync(dir), ['svc-heap-20240102-030405.pb.gz']);
  });

  test('never overwrites: an existing name gets the next number', async (t) => {
    const dir = tempDir(t);
    writeFileSync(path.join(dir, 'svc-heap-20240102-030405.pb.gz'), 'old');
    const p = await saveCapture(dir, 'svc', 'heap', when, Buffer.from('new'));
    assert.equal(path.basename(p), 'svc-heap-20240102-030405-2.pb.gz');
    assert.equal(readFileSync(path.join(dir, 'svc-heap-20240102-030405.pb.gz'), 'utf8'), 'old');
  });

  test('captures saved at the same second all keep their own file', async (t) => {
    const dir = tempDir(t);
    const paths = await Promise.all([1, 2, 3, 4, 5].map((i) => saveCapture(dir, 'svc', 'cpu', when, Buffer.from(String(i)))));
    assert.equal(new Set(paths).size, 5);
    assert.deepEqual(paths.map((p) => readFileSync(p, 'utf8')).sort(), ['1', '2', '3', '4', '5']);
    assert.equal(readdirSync(dir).length, 5);
  });

  test('a directory that cannot be made is a one-line save error', async (t) => {
    const file = path.join(tempDir(t), 'plain-file');
    writeFileSync(file, '');
    await assert.rejects(saveCapture(path.join(file, 'sub'), 'svc', 'heap', when, Buffer.from('x')), (e: unknown) => {
      return e instanceof CaptureError && e.kind === 'save' && /pprofLens\.capture\.directory/.test(e.message);
    });
  });
});

describe('resolveCaptureDir', () => {
  const ws = '/home/u/proj';
  const gs = '/home/u/.storage';
  const cases: [string, string, string | undefined, string][] = [
    ['empty, with a workspace: .pprof in it', '', ws, '/home/u/proj/.pprof'],
    ['empty, without a workspace: global storage', '', undefined, '/home/u/.storage/captures'],
    ['relative: under the workspace', 'out/profiles', ws, '/home/u/proj/out/profiles'],
    ['absolute: as is', '/var/tmp/p', ws, '/var/tmp/p'],
    ['${workspaceFolder} expands', '${workspaceFolder}/prof', ws, '/home/u/proj/prof'],
    ['~ is the home folder', '~/prof', ws, path.join(os.homedir(), 'prof')],
  ];
  for (const [name, setting, folder, want] of cases) test(name, () => assert.equal(resolveCaptureDir(setting, folder, gs), want));
});

describe('emptyProfileWarning', () => {
  for (const type of PROFILE_TYPES) {
    const wantsHint = type === 'block' || type === 'mutex';
    test(`${type} with no samples ${wantsHint ? 'names the call that turns it on' : 'is not a warning'}`, () => {
      const w = emptyProfileWarning(type, 0);
      if (!wantsHint) return assert.equal(w, undefined);
      assert.match(w ?? '', type === 'block' ? /runtime\.SetBlockProfileRate\(1\)/ : /runtime\.SetMutexProfileFraction\(1\)/);
      assert.equal(emptyProfileWarning(type, 3), undefined);
    });
  }
});

describe('captureToFile', () => {
  let svc: GoService;
  let faults: FaultServer;
  before(async () => {
    [svc, faults] = await Promise.all([startGoService(), startFaultServer()]);
    await svc.get('/lockwait');
  });
  after(async () => {
    await svc.stop();
    await faults.close();
  });

  test('saves a profile that decodes, byte for byte as served', async (t) => {
    const dir = tempDir(t);
    const r = await captureToFile(buildCaptureRequest({ name: 'demo', url: svc.url }, 'mutex', undefined), { dir, validate: decodeCheck, now: () => when });
    assert.equal(path.basename(r.path), 'demo-mutex-20240102-030405.pb.gz');
    const bytes = readFileSync(r.path);
    assert.equal(bytes.length, r.size);
    assert.equal(decodeProfile(bytes).sampleCount, r.sampleCount);
    assert.ok(r.sampleCount > 0);
    assert.equal(r.warning, undefined);
  });

  test('a body that looks like gzip but is no profile is refused and not kept', async (t) => {
    const dir = tempDir(t);
    const req = buildCaptureRequest({ url: `${faults.url}/corrupt` }, 'heap', undefined);
    await assert.rejects(captureToFile(req, { dir, validate: decodeCheck }), (e: unknown) => {
      return e instanceof CaptureError && e.kind === 'notProfile' && e.message.startsWith(req.url) && /gzip/.test(e.message);
    });
    assert.deepEqual(readdirSync(dir), []);
  });
});
