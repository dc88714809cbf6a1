// pprof: Open Profile… — opens a profile file in the profile editor. `{ uri }` skips the dialog.
import * as vscode from 'vscode';
import { ProfileEditorProvider } from '../editor/profileEditorProvider';
import type { CommandFactory } from './commandFactory';
import { toUri } from './uriArg';

/** Resolves to the opened file's Uri, or undefined when the user cancels. */
export const openProfile: CommandFactory = (services) => async (arg?: { uri?: vscode.Uri | string } | vscode.Uri) => {
  let uri = arg instanceof vscode.Uri ? arg : toUri(arg?.uri);
  if (!uri && arg && !(arg instanceof vscode.Uri) && arg.uri !== undefined) {
    void vscode.window.showErrorMessage('pprof Lens: Open Profile expects { uri } to be a file Uri or path.');
    return undefined;
  }
  if (!uri) {
    // The worker threads start while the user picks a file, so the decoding starts as soon as one is chosen.
    services.engine.prepare();
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open Profile',
      title: 'Open a pprof profile',
      filters: { 'pprof profiles': ['pb.gz', 'pprof', 'prof', 'gz', 'pb'], 'All files': ['*'] },
    });
    uri = picked?.[0];
    if (!uri) return undefined;
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, ProfileEditorProvider.viewType);
  return uri;
};
