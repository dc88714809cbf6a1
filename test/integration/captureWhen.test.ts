// pprof: Capture When a PromQL Condition Fires in the real VS Code, against the real Prometheus scraping
// three real test services: one leaks goroutines, and the condition on go_goroutines captures a goroutine
// profile of that instance only. A PromQL syntax error, the timeout, Prometheus gone mid-watch, and one
// behind TLS and basic auth reached with the stored credentials and the CA file setting.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GoService, startGoService } from '../support/goService';
import { pprofTop } from '../support/pprofTop';
import { prometheusWeb, startPrometheus, StartedPrometheus } from '../support/prometheus';

const WHEN = 'pprofLens.captureWhen';
const STOP = 'pprofLens.stopCaptureWhen';

function captureDir(): string {
  return path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pprof');
}

/** The goroutine captures saved for the service at `url` (their names start with its host_port). */
function capturesOf(url: string): string[] {
  const prefix = `127.0.0.1_${new URL(url).port}-goroutine-`;
  return existsSync(captureDir()) ? readdirSync(captureDir()).filter((n) => n.startsWith(prefix) && n.endsWith('.pb.gz')) : [];
}

/** Records the messages the extension shows while `run` runs (the test shares the extension's vscode API). */
async function messagesDuring<T>(run: () => Thenable<T> | Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const w = vscode.window as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = { error: w.showErrorMessage, warning: w.showWarningMessage };
  w.showErrorMessage = (m: unknown, ...rest: unknown[]) => (messages.push(`error: ${String(m)}`), saved.error.call(vscode.window, m, ...rest));
  w.showWarningMessage = (m: unknown, ...rest: unknown[]) => (messages.push(`warning: ${String(m)}`), saved.warning.call(vscode.window, m, ...rest));
  try {
    return { result: await run(), messages };
  } finally {
    w.showErrorMessage = saved.error;
    w.showWarningMessage = saved.warning;
  }
}

suite('capture when a PromQL condition fires', () => {
  let services: GoService[] = [];
  let prom: StartedPrometheus;

  suiteSetup(async function () {
    this.timeout(180_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    services = await Promise.all([0, 1, 2].map(() => startGoService()));
    prom = await startPrometheus(services.map((s) => s.url), { job: 'api' });
    rmSync(captureDir(), { recursive: true, force: true });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(STOP, { all: true });
    await prom?.stop();
    await Promise.all(services.map((s) => s.stop()));
  });

  test('a goroutine leak in one instance of three: the condition fires and captures that instance only', async function () {
    this.timeout(200_000);
    const leaky = services[1];
    const calm = [services[0], services[2]];
    const threshold = 60;
    const query = `go_goroutines{job="api"} > ${threshold}`;
    // Before the leak, nothing matches: the capture below is the leak's doing.
    const before = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(query)}`)).json()) as { data: { result: unknown[] } };
    assert.deepEqual(before.data.result, []);
    assert.match(await leaky.get('/leak/start?kind=goroutine'), /on=goroutine/);
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(WHEN, {
        prometheus: prom.url,
        query,
        type: 'goroutine',
        timeoutSeconds: 120,
        intervalSeconds: 1,
        open: false,
      });
      assert.ok(uri instanceof vscode.Uri, 'the command did not resolve to a capture');
      assert.equal(path.dirname(uri.fsPath), captureDir());
      assert.ok(capturesOf(leaky.url).includes(path.basename(uri.fsPath)), `${uri.fsPath} is not named after ${leaky.url}`);
      // The profile is the leaking instance's: more goroutines than the threshold, most parked in its watchers.
      const top = pprofTop(uri.fsPath);
      assert.equal(top.type, 'goroutine');
      assert.ok(top.total > threshold, `${top.total} goroutines`);
      const watcher = top.rows.find((r) => r.name === 'main.leakyWatcher');
      assert.ok(watcher && watcher.cum > threshold / 2, 'main.leakyWatcher holds the leaked goroutines');
      // Once per instance: a few more polls capture nothing new, and never the calm instances.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(capturesOf(leaky.url).length, 1);
      for (const s of calm) assert.deepEqual(capturesOf(s.url), [], `${s.url} was captured`);
    } finally {
      assert.equal(await vscode.commands.executeCommand(STOP, { all: true }), 1, 'the watch was still running, and stopped');
      await leaky.get('/leak/reset');
    }
  });

  test("a PromQL syntax error ends the watch at once with Prometheus's message", async function () {
    this.timeout(30_000);
    const { result, messages } = await messagesDuring(() => vscode.commands.executeCommand(WHEN, { prometheus: prom.url, query: 'go_goroutines >', type: 'goroutine', timeoutSeconds: 60 }));
    assert.equal(result, undefined);
    assert.deepEqual(messages, ['error: pprof: PromQL error: invalid parameter "query": 1:16: parse error: unexpected end of input']);
    assert.equal(await vscode.commands.executeCommand(STOP, { all: true }), 0, 'no watch is left running');
  });

  test('a condition that never holds: undefined after the timeout, with one line saying so, and no capture', async function () {
    this.timeout(30_000);
    const { result, messages } = await messagesDuring(() =>
      vscode.commands.executeCommand(WHEN, { prometheus: prom.url, query: 'go_goroutines > 1e9', type: 'heap', timeoutSeconds: 3, intervalSeconds: 1 }),
    );
    assert.equal(result, undefined);
    assert.deepEqual(messages, ['warning: pprof: go_goroutines > 1e9 returned no series within 3 s; nothing was captured']);
  });

  test('Prometheus gone mid-watch: one warning, the polling goes on until the timeout', async function () {
    this.timeout(90_000);
    const short = await startPrometheus([services[0].url], { job: 'short' });
    const { result, messages } = await messagesDuring(async () => {
      const watching = vscode.commands.executeCommand(WHEN, { prometheus: short.url, query: 'go_goroutines > 1e9', type: 'heap', timeoutSeconds: 8, intervalSeconds: 1 });
      await new Promise((r) => setTimeout(r, 2000));
      await short.stop();
      return watching;
    });
    assert.equal(result, undefined);
    assert.equal(messages.length, 2, messages.join('\n'));
    // A poll caught mid-shutdown may see the connection reset rather than refused: either way, one warning.
    // A poll that meets Prometheus while it shuts down gets its 503 instead of a refused connection.
    assert.match(
      messages[0],
      /^warning: pprof: Prometheus at http:\/\/127\.0\.0\.1:\d+ (is not reachable \((connection refused|ECONNRESET|socket hang up)\): .*|answered 503 \("Service Unavailable"\), not its JSON API: .*) \(still watching go_goroutines > 1e9 until the timeout\)$/,
    );
    assert.match(messages[1], /^warning: pprof: go_goroutines > 1e9 returned no series within 8 s/);
  });

  test('a Prometheus behind TLS and basic auth: the credentials stored for its origin and the CA file setting reach it', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-web-'));
    const web = prometheusWeb(dir);
    const secured = await startPrometheus([services[0].url], { job: 'secured', web });
    const config = vscode.workspace.getConfiguration('pprofLens');
    try {
      const args = { prometheus: secured.url, query: 'go_goroutines > 0', type: 'heap', timeoutSeconds: 60, intervalSeconds: 1, open: false };
      // Without them: warned once (a TLS error), and nothing captured before the timeout.
      const refused = await messagesDuring(() => vscode.commands.executeCommand(WHEN, { ...args, timeoutSeconds: 3 }));
      assert.equal(refused.result, undefined);
      assert.match(refused.messages[0], /^warning: pprof: Prometheus at https:\/\/127\.0\.0\.1:\d+: TLS error/);
      await config.update('capture.caFile', web.certFile, vscode.ConfigurationTarget.Workspace);
      assert.equal(await vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: secured.url, username: web.user, password: web.password }), true);
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(WHEN, args);
      assert.ok(uri instanceof vscode.Uri, 'the secured Prometheus was not reached');
      assert.ok(path.basename(uri.fsPath).startsWith(`127.0.0.1_${new URL(services[0].url).port}-heap-`), uri.fsPath);
    } finally {
      await vscode.commands.executeCommand(STOP, { all: true });
      await vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: secured.url, clear: true });
      await config.update('capture.caFile', undefined, vscode.ConfigurationTarget.Workspace);
      await secured.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad arguments: one line, undefined', async () => {
    const { result, messages } = await messagesDuring(() => vscode.commands.executeCommand(WHEN, { prometheus: prom.url, query: 'up', type: 'nope' }));
    assert.equal(result, undefined);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^error: pprof: The argument "type" must be one of cpu, heap/);
  });
});
