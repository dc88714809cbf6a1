// pprof: Capture Fleet inside VS Code, against real Go services: a static list of three, one of them
// killed, and three discovered through a real Prometheus. The merged profile is a real pprof file whose
// samples carry their instance; the sidecar lists who failed and why.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { GoService, startGoService } from '../support/goService';
import { startPrometheus } from '../support/prometheus';

const FLEET = 'pprofLens.captureFleet';

interface Sidecar {
  readonly instances: readonly { instance: string; url: string; file?: string; error?: string }[];
}

/** The `instance` values of the merged profile's samples; each sample has exactly one. */
function instanceValues(file: string): string[] {
  const p = decodeProfile(readFileSync(file));
  assert.ok(p.sampleCount > 0, 'the merged profile has samples');
  const seen = new Set<string>();
  for (let s = 0; s < p.sampleCount; s++) {
    const values: string[] = [];
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) if (p.labelKey[j] === 'instance') values.push(p.labelStr[j]!);
    assert.equal(values.length, 1, `sample ${s} has one instance label`);
    seen.add(values[0]);
  }
  return [...seen].sort();
}

const hostPort = (url: string) => new URL(url).host;

function savedFiles(): string[] {
  const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pprof');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

suite('capture fleet', () => {
  let services: GoService[] = [];

  suiteSetup(async function () {
    this.timeout(300_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    services = await Promise.all([startGoService(), startGoService(), startGoService()]);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.all(services.map((s) => s.stop()));
  });

  test('three instances: one merged profile whose samples carry three instance values, the files beside it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(FLEET, { targets: services.map((s) => s.url), type: 'heap', open: false });
    assert.ok(uri instanceof vscode.Uri, 'the command did not resolve to a Uri');
    assert.match(path.basename(uri.fsPath), /^fleet-fleet-\d{8}-\d{6}(-\d+)?\.pb\.gz$/);
    assert.deepEqual(instanceValues(uri.fsPath), services.map((s) => hostPort(s.url)).sort());
    const sidecar = JSON.parse(readFileSync(`${uri.fsPath}.fleet.json`, 'utf8')) as Sidecar;
    assert.equal(sidecar.instances.length, 3);
    for (const i of sidecar.instances) assert.ok(i.file && existsSync(path.join(path.dirname(uri.fsPath), i.file)), `${i.instance}: ${i.file}`);
  });

  test('one instance killed: it still resolves, and the sidecar records the failure', async () => {
    const killed = await startGoService();
    await killed.stop();
    const targets = [...services.map((s) => s.url), killed.url];
    const uri = await vscode.commands.executeCommand<vscode.Uri>(FLEET, { targets, type: 'goroutine', open: true, name: 'api' });
    assert.ok(uri instanceof vscode.Uri, 'a partial fleet still resolves');
    assert.match(path.basename(uri.fsPath), /^api-fleet-/);
    assert.deepEqual(instanceValues(uri.fsPath), services.map((s) => hostPort(s.url)).sort());
    const sidecar = JSON.parse(readFileSync(`${uri.fsPath}.fleet.json`, 'utf8')) as Sidecar;
    const failed = sidecar.instances.filter((i) => i.error);
    assert.deepEqual(failed.map((f) => f.instance), [hostPort(killed.url)]);
    assert.match(failed[0].error!, /refused/);
  });

  test('every instance dead: undefined, and no file', async () => {
    const dead = await startGoService();
    await dead.stop();
    const before = savedFiles();
    assert.equal(await vscode.commands.executeCommand(FLEET, { targets: [dead.url], type: 'heap', open: false }), undefined);
    assert.deepEqual(savedFiles(), before);
  });

  test('with prometheus: the instances Prometheus scrapes are discovered and captured', async function () {
    this.timeout(180_000);
    const prometheus = await startPrometheus(services.map((s) => s.url), { job: 'api' });
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>(FLEET, { prometheus: prometheus.url, job: 'api', type: 'heap', open: false });
      assert.ok(uri instanceof vscode.Uri, 'the command did not resolve to a Uri');
      assert.match(path.basename(uri.fsPath), /^api-fleet-/);
      assert.deepEqual(instanceValues(uri.fsPath), services.map((s) => hostPort(s.url)).sort());
    } finally {
      await prometheus.stop();
    }
  });
});
