// pprof: Compare with Previous Run in the real extension host: a run's profile against the newest earlier
// run of its key in the same folder (another key's run between them is not it), one line when the profile
// is not a run's or has no earlier run, and the context key that puts the command in the title bar.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runRecordName } from '../../src/protocol/runRecord';
import { eventually } from './support/eventually';

interface Api {
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri; sampleType: string; total: number } | undefined;
}

const fixture = (rel: string) => path.join(process.env.PPROF_LENS_REPO!, 'test/fixtures', rel);

suite('runs', () => {
  let api: Api;
  let dir: string;
  const file = (name: string) => vscode.Uri.file(path.join(dir, `${name}.pb.gz`));

  function run(name: string, fx: string, key: string, time: number): void {
    const profile = path.join(dir, `${name}.pb.gz`);
    copyFileSync(fixture(fx), profile);
    writeFileSync(runRecordName(profile), JSON.stringify({ kind: 'load', key, title: key, time, profile: `${name}.pb.gz`, metrics: [{ key: 'p99', label: 'p99', value: time, unit: 'ms', better: 'lower' }] }));
  }

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate()) as Api;
    dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-runs-'));
    run('first', 'go-generated/heap.pb.gz', 'GET http://127.0.0.1:1/a', 1000);
    run('other', 'go-generated/heap.pb.gz', 'GET http://127.0.0.1:1/b', 1500);
    run('second', 'go-generated/heap-gc.pb.gz', 'GET http://127.0.0.1:1/a', 2000);
    copyFileSync(fixture('go-generated/heap.pb.gz'), path.join(dir, 'plain.pb.gz'));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no active profile', () => (api.activeProfile() === undefined ? true : undefined));
  });

  test('with { uri } it opens the compare view against the newest earlier run of the same key', async () => {
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareWithPreviousRun', file('second'));
    assert.equal(result?.fsPath, file('second').fsPath);
    const a = api.activeProfile();
    assert.equal(a?.uri.fsPath, file('second').fsPath);
    assert.equal(a?.baseUri?.fsPath, file('first').fsPath);
  });

  test('from the active profile editor, which the context key marks as a run', async () => {
    await vscode.commands.executeCommand('vscode.openWith', file('second'), 'pprofLens.profile');
    await eventually('the run open', () => (api.activeProfile()?.uri.fsPath === file('second').fsPath ? true : undefined));
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareWithPreviousRun');
    assert.equal(result?.fsPath, file('second').fsPath);
    assert.equal(api.activeProfile()?.baseUri?.fsPath, file('first').fsPath);
  });

  test('a first run and a profile that is not a run resolve to undefined, comparing nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('pprofLens.compareWithPreviousRun', file('first')), undefined);
    assert.equal(await vscode.commands.executeCommand('pprofLens.compareWithPreviousRun', file('plain')), undefined);
    assert.equal(api.activeProfile(), undefined);
  });
});
