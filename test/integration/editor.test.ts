import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pprofTop } from '../support/pprofTop';
import { eventually } from './support/eventually';

interface Api {
  activeProfile(): { uri: vscode.Uri; sampleType: string; total: number } | undefined;
}

const fixture = (rel: string) => vscode.Uri.file(path.join(process.env.PPROF_LENS_REPO!, 'test/fixtures', rel));
const scratchFile = (name: string) => vscode.Uri.file(path.join(mkdtempSync(path.join(tmpdir(), 'pprof-lens-editor-')), name));

function activeTabInput(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

suite('profile editor', () => {
  let api: Api;

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate()) as Api;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Opens with the command and waits until the API reports this file with pprof's numbers. */
  async function openAndExpect(uri: vscode.Uri, sampleType: string, total: number) {
    const opened = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.openProfile', { uri });
    assert.equal(opened?.toString(), uri.toString());
    assert.equal(activeTabInput()?.viewType, 'pprofLens.profile');
    return eventually(`activeProfile() = ${sampleType} ${total} for ${path.basename(uri.fsPath)}`, () => {
      const a = api.activeProfile();
      if (a?.uri.toString() !== uri.toString() || a.sampleType !== sampleType) return undefined;
      assert.equal(a.total, total);
      return a;
    });
  }

  const kinds: [string, string, string][] = [
    ['cpu', 'go-generated/cpu.pb.gz', 'nanoseconds'],
    ['heap (default inuse_space)', 'go-generated/heap.pb.gz', 'bytes'],
    ['allocs (default_sample_type alloc_space)', 'go-generated/allocs.pb.gz', 'bytes'],
    ['goroutine', 'go-generated/goroutine.pb.gz', 'count'],
    ['mutex', 'go-generated/mutex.pb.gz', 'nanoseconds'],
    ['labels', 'parca/parca_testdata_labels.pb.gz', 'nanoseconds'],
    ['unsymbolized', 'parca/symbolizer_testdata_normal-cpu.stripped.pprof', 'nanoseconds'],
  ];
  for (const [kind, rel, unit] of kinds) {
    test(`a ${kind} profile reports pprof's default sample type and total`, async () => {
      const uri = fixture(rel);
      const oracle = pprofTop(uri.fsPath, { unit });
      await openAndExpect(uri, oracle.type, oracle.total);
    });
  }

  test('selectSampleType switches the heap profile through its four sample types, following pprof', async () => {
    const uri = fixture('go-generated/heap.pb.gz');
    await openAndExpect(uri, 'inuse_space', pprofTop(uri.fsPath, { unit: 'bytes' }).total);
    const units: Record<string, string> = { alloc_objects: 'count', alloc_space: 'bytes', inuse_objects: 'count', inuse_space: 'bytes' };
    for (const name of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
      const result = await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: name });
      assert.equal(result, name);
      const a = api.activeProfile();
      assert.equal(a?.sampleType, name);
      assert.equal(a?.total, pprofTop(uri.fsPath, { sampleIndex: name, unit: units[name] }).total, name);
    }
  });

  test('a reopened profile keeps the sample type it was left on', async () => {
    const uri = fixture('go-generated/allocs.pb.gz');
    await openAndExpect(uri, 'alloc_space', pprofTop(uri.fsPath, { unit: 'bytes' }).total);
    await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'inuse_objects' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openAndExpect(uri, 'inuse_objects', pprofTop(uri.fsPath, { sampleIndex: 'inuse_objects' }).total);
  });

  test('selectSampleType accepts an index, and refuses a type the profile does not have', async () => {
    const uri = fixture('go-generated/cpu.pb.gz');
    await openAndExpect(uri, 'cpu', pprofTop(uri.fsPath, { unit: 'nanoseconds' }).total);
    assert.equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 0 }), 'samples');
    assert.equal(api.activeProfile()?.sampleType, 'samples');
    assert.equal(api.activeProfile()?.total, pprofTop(uri.fsPath, { sampleIndex: 'samples' }).total);
    assert.equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'inuse_space' }), undefined);
    assert.equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 7 }), undefined);
    assert.equal(api.activeProfile()?.sampleType, 'samples');
  });

  test('the active profile is the editor focused last, and falls back when it closes', async () => {
    // Fixtures no earlier test switched, so each opens on its default sample type.
    const mutex = fixture('go-generated/mutex.pb.gz');
    const threads = fixture('go-generated/threadcreate.pb.gz');
    await openAndExpect(mutex, 'delay', pprofTop(mutex.fsPath, { unit: 'nanoseconds' }).total);
    await openAndExpect(threads, 'threadcreate', pprofTop(threads.fsPath).total);
    await vscode.commands.executeCommand('vscode.openWith', mutex, 'pprofLens.profile');
    await eventually('mutex active again', () => (api.activeProfile()?.uri.toString() === mutex.toString() ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually('threadcreate active after mutex closed', () => (api.activeProfile()?.uri.toString() === threads.toString() ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no active profile once all are closed', () => (api.activeProfile() === undefined ? true : undefined));
  });

  test('a file that is not a profile opens in the profile editor without becoming the active profile', async () => {
    const block = fixture('go-generated/block.pb.gz');
    await openAndExpect(block, 'delay', pprofTop(block.fsPath, { unit: 'nanoseconds' }).total);
    const bad = scratchFile('not-a-profile.pb.gz');
    writeFileSync(bad.fsPath, 'this is a text file, not a profile\n');
    await vscode.commands.executeCommand('pprofLens.openProfile', { uri: bad });
    assert.equal(activeTabInput()?.uri.toString(), bad.toString());
    assert.equal(activeTabInput()?.viewType, 'pprofLens.profile');
    // The worker answers in order, so once the next profile is active the bad file has been refused.
    const goroutine = fixture('go-generated/goroutine.pb.gz');
    await openAndExpect(goroutine, 'goroutine', pprofTop(goroutine.fsPath).total);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const after = await eventually('goroutine no longer active', () => {
      const a = api.activeProfile();
      return a?.uri.toString() === goroutine.toString() ? undefined : { uri: a?.uri.toString() };
    });
    assert.equal(after.uri, block.toString());
  });

  test('openProfile without a usable uri argument does nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('pprofLens.openProfile', { uri: 42 }), undefined);
    assert.equal(activeTabInput(), undefined);
  });

  test('selectSampleType without a profile editor reports it and does nothing', async () => {
    assert.equal(api.activeProfile(), undefined);
    assert.equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'cpu' }), undefined);
  });
});
