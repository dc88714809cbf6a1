// The web suite as an extension of its own (browser entry only, so it runs in the web worker extension host
// beside pprof Lens): once the workbench has started it runs the tests and logs their outcomes.
import * as vscode from 'vscode';
import type { Oracle } from '../oracleTypes';
import { runTests } from './runner';
import { webTests } from './tests';

export async function activate(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the web suite needs a workspace folder');
  const oracle = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'oracle.json')))) as Oracle;
  const ext = vscode.extensions.getExtension('pprof-lens.pprof-lens');
  if (!ext) throw new Error('pprof Lens is not installed in this host');
  const api = (await ext.activate()) as Parameters<typeof webTests>[0];
  const closeAll = async () => void (await vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  await runTests(webTests(api, oracle, folder), closeAll);
}
