// pprof: Load and Profile inside VS Code, against the real Go test service: autocannon loads one of its
// endpoints while its CPU is captured. go tool pprof reads the saved profile; the record beside it holds
// the summary; faults (500s, a refused endpoint, timeouts, the pprof target down, a cancel) end cleanly.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunRecord, runRecordName } from '../../src/protocol/runRecord';
import { groupRuns, listRuns } from '../../src/runs/runStore';
import { GoService, startGoService } from '../support/goService';
import { pprofTop } from '../support/pprofTop';
import { eventually } from './support/eventually';

const LOAD = 'pprofLens.loadAndProfile';

interface Summary {
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly rps: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
}
interface Result {
  readonly profile: vscode.Uri;
  readonly report: vscode.Uri;
  readonly summary: Summary;
}

const captureDir = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pprof');
const savedFiles = () => (existsSync(captureDir()) ? readdirSync(captureDir()).sort() : []);

/** Records the messages the extension shows while `run` runs (the test shares the extension's vscode API). */
async function messagesDuring<T>(run: () => Thenable<T> | Promise<T>): Promise<{ result: T; messages: string[] }> {
  const messages: string[] = [];
  const w = vscode.window as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = w.showErrorMessage;
  w.showErrorMessage = (m: unknown, ...rest: unknown[]) => (messages.push(String(m)), saved.call(vscode.window, m, ...rest));
  try {
    return { result: await run(), messages };
  } finally {
    w.showErrorMessage = saved;
  }
}

function assertConsistent(s: Summary): void {
  const l = s.latencyMs;
  assert.ok(l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max, `latency ${JSON.stringify(l)}`);
}

/** The service's count of requests served, read from its /metrics (that read counts too). */
async function served(svc: GoService): Promise<number> {
  return Number(/^goapp_http_requests_total (\d+)$/m.exec(await svc.get('/metrics'))![1]);
}

suite('load and profile', () => {
  let svc: GoService;

  suiteSetup(async function () {
    this.timeout(300_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    svc = await startGoService();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await svc?.stop();
  });

  test('load on the heavy handler: its work is the hottest main function, the summary holds together, the record is beside the profile', async function () {
    this.timeout(120_000);
    const url = `${svc.url}/work`;
    const r = await vscode.commands.executeCommand<Result>(LOAD, { url, seconds: 6, connections: 4, open: true });
    assert.ok(r?.profile instanceof vscode.Uri, 'the command did not resolve to a result');
    const s = r.summary;
    assert.ok(s.requests > 0, `${s.requests} requests`);
    assert.equal(s.errors, 0);
    assert.equal(s.non2xx, 0);
    assert.ok(s.rps > 0);
    assertConsistent(s);
    const top = pprofTop(r.profile.fsPath);
    const main = top.rows.filter((row) => row.name.startsWith('main.')).sort((a, b) => b.flat - a.flat);
    assert.equal(main[0]?.name, 'main.loadChecksum', `hottest main functions: ${main.slice(0, 3).map((m) => `${m.name} ${m.flat}`).join(', ')}`);
    assert.equal(r.report.fsPath, path.join(path.dirname(r.profile.fsPath), runRecordName(path.basename(r.profile.fsPath))));
    const record = parseRunRecord(readFileSync(r.report.fsPath, 'utf8'));
    assert.ok(record, 'the report is a run record');
    assert.equal(record.kind, 'load');
    assert.equal(record.key, `GET ${url}`);
    assert.equal(record.profile, path.basename(r.profile.fsPath));
    const metric = (k: string) => record.metrics.find((m) => m.key === k)?.value;
    assert.equal(metric('requests'), s.requests);
    assert.equal(metric('p99'), s.latencyMs.p99);
    assert.equal(metric('rps'), s.rps);
    const h = record.histogram!;
    assert.equal(h.counts.reduce((a, b) => a + b, 0), s.requests, 'every response is in the histogram');
    // The live view's windows were merged into the saved profile; the editor opened it.
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, path.basename(r.profile.fsPath));
  });

  test('an endpoint answering 500: every response counted as non-2xx, none as an error', async function () {
    this.timeout(60_000);
    const r = await vscode.commands.executeCommand<Result>(LOAD, { url: `${svc.url}/fail`, seconds: 3, connections: 2, open: false });
    assert.ok(r, 'the run ended with a result');
    assert.ok(r.summary.requests > 0);
    assert.equal(r.summary.non2xx, r.summary.requests);
    assert.equal(r.summary.errors, 0);
    const record = parseRunRecord(readFileSync(r.report.fsPath, 'utf8'))!;
    assert.ok(record.notes?.some((n) => n.includes(`500 × ${r.summary.requests}`)), JSON.stringify(record.notes));
  });

  test('an endpoint that refuses: errors counted, no response, and the run still ends with its profile', async function () {
    this.timeout(60_000);
    const gone = await startGoService();
    await gone.stop();
    const r = await vscode.commands.executeCommand<Result>(LOAD, { url: `${gone.url}/work`, target: svc.url, seconds: 3, connections: 2, open: false });
    assert.ok(r, 'the run ended with a result');
    assert.equal(r.summary.requests, 0);
    assert.ok(r.summary.errors > 0, `${r.summary.errors} errors`);
    assertConsistent(r.summary);
    assert.ok(existsSync(r.profile.fsPath) && existsSync(r.report.fsPath));
    assert.ok(parseRunRecord(readFileSync(r.report.fsPath, 'utf8'))!.notes?.some((n) => /ECONNREFUSED/.test(n)));
  });

  test('an endpoint slower than the timeout: timeouts counted as errors, and the run ends', async function () {
    this.timeout(60_000);
    const r = await vscode.commands.executeCommand<Result>(LOAD, { url: `${svc.url}/slow?ms=5000`, seconds: 3, connections: 2, timeoutSeconds: 1, open: false });
    assert.ok(r, 'the run ended with a result');
    assert.ok(r.summary.errors >= 2, `${r.summary.errors} errors`);
    assert.equal(r.summary.requests, 0);
    assert.ok(parseRunRecord(readFileSync(r.report.fsPath, 'utf8'))!.notes?.some((n) => /timeout/.test(n)));
  });

  test('the pprof target down: no load is sent, one line says so, no file', async function () {
    this.timeout(60_000);
    const dead = await startGoService();
    await dead.stop();
    const before = savedFiles();
    const count = await served(svc);
    const { result, messages } = await messagesDuring(() => vscode.commands.executeCommand(LOAD, { url: `${svc.url}/work`, target: dead.url, seconds: 3, open: false }));
    assert.equal(result, undefined);
    assert.equal(messages.length, 1, messages.join(' | '));
    assert.match(messages[0], /load was not started.*does not answer/);
    assert.doesNotMatch(messages[0], /\n/);
    assert.equal(await served(svc), count + 1, 'only the /metrics read reached the service');
    assert.deepEqual(savedFiles(), before);
  });

  test('stopped midway: the load and the capture stop, and no file is left', async function () {
    this.timeout(60_000);
    const before = savedFiles();
    const run = vscode.commands.executeCommand(LOAD, { url: `${svc.url}/light`, seconds: 20, connections: 2, open: true });
    // Once the load is on (the service counts its requests), stop it.
    const start = await served(svc);
    for (let i = 0; i < 100 && (await served(svc)) < start + 50; i++) await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    assert.equal(await vscode.commands.executeCommand('pprofLens.stopLoad'), 1);
    assert.equal(await run, undefined);
    assert.ok(Date.now() - t0 < 10_000, 'the run ended soon after the stop');
    const after = await served(svc);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok((await served(svc)) <= after + 1, 'no more load after the stop');
    assert.deepEqual(savedFiles(), before);
  });

  test('two runs of one URL: listed together as runs of its key, and Compare with Previous Run opens the later against the earlier', async function () {
    this.timeout(120_000);
    const url = `${svc.url}/work?n=100`;
    const first = await vscode.commands.executeCommand<Result>(LOAD, { url, seconds: 2, connections: 2, open: false });
    const other = await vscode.commands.executeCommand<Result>(LOAD, { url: `${svc.url}/light`, seconds: 2, connections: 1, open: false });
    const second = await vscode.commands.executeCommand<Result>(LOAD, { url, seconds: 2, connections: 2, open: true });
    assert.ok(first && other && second, 'three runs');
    const group = groupRuns(await listRuns(captureDir())).find((g) => g[0].record.key === `GET ${url}`);
    assert.deepEqual(group?.map((r) => r.profilePath), [second.profile.fsPath, first.profile.fsPath], 'newest first, the other URL apart');
    // From the open profile of the second run, as the title bar's button runs it.
    const api = (await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate()) as { activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri } | undefined };
    await eventually('the second run open', () => (api.activeProfile()?.uri.fsPath === second.profile.fsPath ? true : undefined));
    const target = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareWithPreviousRun');
    assert.equal(target?.fsPath, second.profile.fsPath);
    assert.equal(api.activeProfile()?.baseUri?.fsPath, first.profile.fsPath);
  });

  test('bad arguments: one line that says what to change, nothing run', async () => {
    const { result, messages } = await messagesDuring(() => vscode.commands.executeCommand(LOAD, { url: `${svc.url}/work`, seconds: 100000 }));
    assert.equal(result, undefined);
    assert.match(messages[0], /seconds 100000 is over the limit of \d+: raise pprofLens\.load\.maxSeconds/);
  });
});
