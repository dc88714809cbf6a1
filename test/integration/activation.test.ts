import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'pprof-lens.pprof-lens';

suite('activation', () => {
  test('the extension activates and returns its API', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `${extensionId} is not loaded`);
    const api = await ext.activate();
    assert.ok(ext.isActive);
    assert.equal(typeof api?.activeProfile, 'function');
  });

  test('every command contributed in package.json is registered', async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    const manifest = JSON.parse(readFileSync(join(process.env.PPROF_LENS_REPO!, 'package.json'), 'utf8'));
    const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  test('opening a .pb.gz gives a pprofLens.profile custom editor tab', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'profiles/cpu.pb.gz');
    // VS Code waits for the provider of a contributed viewType; fail clearly instead of hanging.
    await within(20000, 'cpu.pb.gz did not open: is a pprofLens.profile provider registered?', vscode.commands.executeCommand('vscode.open', uri));
    // vscode.open resolves once the editor is open, so the active tab is already the profile's.
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom, `active tab input is ${(input as object)?.constructor.name}`);
    assert.equal(input.viewType, 'pprofLens.profile');
    assert.equal(input.uri.toString(), uri.toString());
  });
});

async function within<T>(ms: number, message: string, work: Thenable<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}
