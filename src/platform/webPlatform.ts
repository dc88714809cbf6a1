// The web build's platform (vscode.dev, github.dev, a browser-hosted VS Code): the workspace's files through
// workspace.fs, the engine in one Web Worker, no Go toolchain and no home folder.
import * as vscode from 'vscode';
import { getCaptureDirectorySetting } from '../config';
import { WebEngineClient } from '../worker/startWebWorker';
import type { Platform } from './platform';

/** The workspace folder holding a path (an fsPath as the source index spells it), longest first. */
function folderOf(fsPath: string): vscode.WorkspaceFolder | undefined {
  const folders = [...(vscode.workspace.workspaceFolders ?? [])].sort((a, b) => b.uri.fsPath.length - a.uri.fsPath.length);
  return folders.find((f) => fsPath === f.uri.fsPath || fsPath.startsWith(f.uri.fsPath.endsWith('/') ? f.uri.fsPath : `${f.uri.fsPath}/`));
}

export const webPlatform: Platform = {
  kind: 'web',
  createEngine: (context) =>
    new WebEngineClient({
      script: () => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'worker.js')),
      readFile: (ref) => vscode.workspace.fs.readFile(vscode.Uri.parse(ref, true)),
    }),
  // A file of the window's own file systems; not an untitled buffer, a diff's git: side or an output channel.
  isLocal: (uri) => (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === uri.scheme && f.uri.authority === uri.authority),
  engineFile: (uri) => uri.toString(),
  async mtime(uri) {
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return s.type & vscode.FileType.File ? s.mtime : undefined;
    } catch {
      return undefined;
    }
  },
  sourceUri(fsPath) {
    const folder = folderOf(fsPath) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? folder.uri.with({ path: fsPath.replace(/\\/g, '/') }) : vscode.Uri.file(fsPath);
  },
  // Nothing outside the workspace can be looked at from a browser.
  existsOutside: () => false,
  async readText(uri) {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return '';
    }
  },
  goEnv: async () => ({}),
  homeDir: () => undefined,
  // pprofLens.capture.directory as the Node build reads it, within the first workspace folder's file system:
  // a relative setting under the folder, an absolute one as a path there; `.pprof/` by default.
  captureDir(context) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const setting = getCaptureDirectorySetting().trim().replace(/\$\{workspaceFolder\}/g, folder?.uri.path ?? '');
    if (!folder) return vscode.Uri.joinPath(context.globalStorageUri, 'captures');
    if (!setting) return vscode.Uri.joinPath(folder.uri, '.pprof');
    return setting.startsWith('/') ? folder.uri.with({ path: setting }) : vscode.Uri.joinPath(folder.uri, setting);
  },
};
