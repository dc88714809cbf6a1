import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from './support/eventually';

const fixture = (rel: string) => path.join(process.env.PPROF_LENS_REPO!, 'test/fixtures', rel);

function tabs(): { label: string; viewType?: string; text: boolean }[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => ({
      label: t.label,
      viewType: t.input instanceof vscode.TabInputCustom ? t.input.viewType : undefined,
      text: t.input instanceof vscode.TabInputText,
    }));
}

/** The one tab of `file`, once the workbench's tab model has it. */
function tabOf(file: string) {
  const label = path.basename(file);
  return eventually(`a tab for ${label}`, () => {
    const found = tabs().filter((t) => t.label === label);
    if (found.length === 1) return found[0];
    throw new Error(`tabs: ${JSON.stringify(tabs())}`);
  });
}

suite('goroutine dump view', () => {
  let dir: string;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-goroutines-'));
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('vscode.openWith(uri, "pprofLens.goroutines") opens a saved debug=2 dump in the goroutine view', async () => {
    const file = path.join(dir, 'service.dump.txt');
    copyFileSync(fixture('goroutine/debug2-go1.21.txt'), file);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'pprofLens.goroutines');
    assert.equal((await tabOf(file)).viewType, 'pprofLens.goroutines');
  });

  test('a file named like a goroutine dump opens in the goroutine view by default; other .txt files in the text editor', async () => {
    const dump = path.join(dir, 'api-goroutine-20260101.txt');
    copyFileSync(fixture('goroutine/debug2-go1.19.txt'), dump);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(dump));
    assert.equal((await tabOf(dump)).viewType, 'pprofLens.goroutines');

    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'notes\n');
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(notes));
    assert.equal((await tabOf(notes)).text, true);
  });

  test('any .txt can be opened in the goroutine view with "Open With…"; one that is not a dump opens without harm', async () => {
    const notes = path.join(dir, 'readme-notes.txt');
    writeFileSync(notes, 'These are notes, not a dump.\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(notes), 'pprofLens.goroutinesText');
    assert.equal((await tabOf(notes)).viewType, 'pprofLens.goroutinesText');
    // The host keeps working: the next dump opens.
    const dump = path.join(dir, 'next-goroutine.txt');
    copyFileSync(fixture('goroutine/debug1.txt'), dump);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(dump), 'pprofLens.goroutines');
    assert.equal((await tabOf(dump)).viewType, 'pprofLens.goroutines');
  });
});
