// A saved profile opened in the profile editor; a failure to open it is said in one line, and the file stays.
import * as vscode from 'vscode';

export async function openSavedProfile(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('pprofLens.openProfile', uri);
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: saved ${uri.fsPath} but could not open it: ${e instanceof Error ? e.message : String(e)}`);
  }
}
