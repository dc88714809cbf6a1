import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listProfiles } from '../../src/capture/profileListing';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { GoService, startGoService } from '../support/goService';

const CAPTURE = 'pprofLens.captureProfile';

function captureDir(): string {
  return path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pprof');
}

function savedFiles(): string[] {
  return existsSync(captureDir()) ? readdirSync(captureDir()).sort() : [];
}

function profileTabs(): vscode.TabInputCustom[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => t.input)
    .filter((i): i is vscode.TabInputCustom => i instanceof vscode.TabInputCustom && i.viewType === 'pprofLens.profile');
}

interface WorkerRequest {
  readonly method: string;
  readonly handle: unknown;
}

/** The requests the engine's threads have answered since `since` (epoch ms), from their trace. */
function answeredSince(since: number): WorkerRequest[] {
  const file = process.env.PPROF_LENS_WORKER_TRACE;
  assert.ok(file, 'the test host gives the engine a trace file');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { method: string; handle: string; queued: number })
    .filter((e) => e.queued >= since)
    .map((e) => ({ method: e.method, handle: e.handle }));
}

/**
 * Runs `run`, then waits until the engine has answered a request that `until` accepts (a request the
 * extension makes after `run` resolves, such as the editor's flame graph); returns every request answered
 * since `run` began. The wait is a hang guard, not a timing assert.
 */
async function workerRequests<T>(run: () => Thenable<T>, until: (seen: WorkerRequest[]) => boolean): Promise<[T, WorkerRequest[]]> {
  const since = Date.now();
  const result = await run();
  for (let i = 0; i < 300 && !until(answeredSince(since)); i++) await new Promise((r) => setTimeout(r, 100));
  return [result, answeredSince(since)];
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

suite('capture', () => {
  let svc: GoService;
  let authed: GoService;

  suiteSetup(async function () {
    this.timeout(300_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    [svc, authed] = await Promise.all([startGoService(), startGoService({ auth: 'bearer', token: 'tok-integration' })]);
    for (const p of ['/lockwait', '/block', '/leak', '/park']) await svc.get(p);
    rmSync(captureDir(), { recursive: true, force: true });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all([svc?.stop(), authed?.stop()]);
  });

  test('with arguments it saves into .pprof/, resolves to the Uri and opens the profile editor', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: svc.url, type: 'heap' });
    assert.ok(uri instanceof vscode.Uri, 'the command did not resolve to a Uri');
    assert.equal(path.dirname(uri.fsPath), captureDir());
    const port = new URL(svc.url).port;
    assert.match(path.basename(uri.fsPath), new RegExp(`^127\\.0\\.0\\.1_${port}-heap-\\d{8}-\\d{6}(-\\d+)?\\.pb\\.gz$`));
    assert.ok(decodeProfile(readFileSync(uri.fsPath)).sampleCount > 0);
    assert.ok(profileTabs().some((i) => i.uri.fsPath === uri.fsPath), 'no pprofLens.profile tab for the capture');
  });

  test('the capture is decoded once: the editor adopts the profile the worker checked', async () => {
    const [uri, requests] = await workerRequests(
      () => vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: svc.url, type: 'goroutine' }),
      (seen) => seen.some((r) => r.method === 'flame' && r.handle === seen.find((o) => o.method === 'open')?.handle),
    );
    assert.ok(uri instanceof vscode.Uri, 'the capture failed');
    assert.ok(profileTabs().some((i) => i.uri.fsPath === uri.fsPath), 'no pprofLens.profile tab for the capture');
    const decodes = requests.filter((r) => r.method === 'open' || r.method === 'openFile');
    assert.deepEqual(decodes.map((r) => r.method), ['open'], 'one decode, of the body, and no read of the saved file');
    const handle = decodes[0].handle;
    assert.ok(requests.some((r) => r.method === 'flame' && r.handle === handle), 'the editor asks the checked profile for its flame graph');
    assert.ok(!requests.some((r) => r.method === 'close'), 'the checked profile stays open for the editor');
  });

  test('a CPU capture with seconds and open: false saves without opening, and the worker does not keep it', async () => {
    const [uri, requests] = await workerRequests(() =>
      vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: `${svc.url}/debug/pprof`, type: 'cpu', seconds: 1, open: false }),
      (seen) => seen.some((r) => r.method === 'close' && r.handle === seen.find((o) => o.method === 'open')?.handle),
    );
    assert.ok(uri instanceof vscode.Uri);
    assert.match(path.basename(uri.fsPath), /-cpu-/);
    assert.equal(decodeProfile(readFileSync(uri.fsPath)).sampleTypes[1]?.type, 'cpu');
    assert.ok(!profileTabs().some((i) => i.uri.fsPath === uri.fsPath));
    const checked = requests.find((r) => r.method === 'open');
    assert.ok(checked && requests.some((r) => r.method === 'close' && r.handle === checked.handle), 'the checked profile is closed');
  });

  test('several captures run at once and each keeps its own file', async () => {
    const uris = await Promise.all(
      (['goroutine', 'goroutine', 'mutex', 'block'] as const).map((type) => vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: svc.url, type, open: false })),
    );
    assert.ok(uris.every((u) => u instanceof vscode.Uri));
    assert.equal(new Set(uris.map((u) => u.fsPath)).size, 4);
    for (const u of uris) assert.ok(existsSync(u.fsPath));
  });

  test('an unreachable service resolves to undefined and leaves no file', async () => {
    const before = savedFiles();
    const uri = await vscode.commands.executeCommand(CAPTURE, { url: `127.0.0.1:${await closedPort()}`, type: 'heap' });
    assert.equal(uri, undefined);
    assert.deepEqual(savedFiles(), before);
  });

  test('a path without net/http/pprof resolves to undefined and leaves no file', async () => {
    const before = savedFiles();
    const uri = await vscode.commands.executeCommand(CAPTURE, { url: `${svc.url}/not-pprof`, type: 'goroutine', open: false });
    assert.equal(uri, undefined);
    assert.deepEqual(savedFiles(), before);
  });

  test('bad arguments are refused without a capture', async () => {
    const before = savedFiles();
    assert.equal(await vscode.commands.executeCommand(CAPTURE, { url: svc.url, type: 'nope' }), undefined);
    assert.equal(await vscode.commands.executeCommand(CAPTURE, { url: svc.url }), undefined);
    assert.deepEqual(savedFiles(), before);
  });

  test('a bearer-protected service needs the credentials stored for its origin', async () => {
    const args = { url: authed.url, type: 'goroutine', open: false };
    await vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: authed.url, clear: true });
    assert.equal(await vscode.commands.executeCommand(CAPTURE, args), undefined);
    await vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: `${authed.url}/debug/pprof`, bearer: 'tok-integration' });
    const uri = await vscode.commands.executeCommand<vscode.Uri>(CAPTURE, args);
    assert.ok(uri instanceof vscode.Uri, 'the capture failed with the stored token');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('pprofLens'));
    assert.ok(!settings.includes('tok-integration'), 'the token reached the settings');
    await vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: authed.url, clear: true });
    assert.equal(await vscode.commands.executeCommand(CAPTURE, args), undefined);
  });

  test('Capture Again repeats the last capture', async () => {
    const first = await vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: svc.url, type: 'threadcreate', open: false });
    const again = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.captureAgain');
    assert.ok(first instanceof vscode.Uri && again instanceof vscode.Uri);
    assert.notEqual(again.fsPath, first.fsPath);
    assert.match(path.basename(again.fsPath), /-threadcreate-/);
  });

  test('the profiles view lists the capture directory newest first and opens its items', async () => {
    const newest = await vscode.commands.executeCommand<vscode.Uri>(CAPTURE, { url: svc.url, type: 'allocs', open: false });
    const listed = await listProfiles(vscode.Uri.file(captureDir()));
    assert.equal(listed.length, savedFiles().length);
    assert.equal(listed[0].uri.fsPath, newest.fsPath);
    for (let i = 1; i < listed.length; i++) assert.ok(listed[i - 1].mtimeMs >= listed[i].mtimeMs);
    await vscode.commands.executeCommand('pprofLens.profiles.open', newest);
    assert.ok(profileTabs().some((i) => i.uri.fsPath === newest.fsPath));
  });
});
