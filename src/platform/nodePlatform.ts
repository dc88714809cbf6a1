// The Node build's platform: local files, the engine's three worker_threads in a process of their own, `go env`.
import { execFile } from 'node:child_process';
import { readFile, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { localCaptureDir } from '../capture/captureRuntime';
import { EngineProcessClient } from '../worker/startEngineProcess';
import type { Platform } from './platform';

export const nodePlatform: Platform = {
  kind: 'node',
  createEngine: (context) => new EngineProcessClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'engineProcess.js').fsPath),
  isLocal: (uri) => uri.scheme === 'file',
  engineFile: (uri) => uri.fsPath,
  // Read where the worker reads its bytes: in a remote window workspace.fs would take a round trip through
  // the workbench for each.
  async mtime(uri) {
    try {
      const s = await stat(uri.fsPath);
      return s.isFile() ? s.mtimeMs : undefined;
    } catch {
      return undefined;
    }
  },
  sourceUri: (fsPath) => vscode.Uri.file(fsPath),
  existsOutside(fsPath) {
    try {
      return statSync(fsPath).isFile();
    } catch {
      return false;
    }
  },
  readText: (uri) => new Promise<string>((resolve) => readFile(uri.fsPath, 'utf8', (err, t) => resolve(err ? '' : t))),
  async goEnv() {
    const out = await new Promise<string>((resolve) =>
      execFile('go', ['env', 'GOROOT', 'GOMODCACHE'], { timeout: 15000 }, (err, stdout) => resolve(err ? '' : stdout)),
    );
    const [goRoot, goModCache] = out.split(/\r?\n/).map((s) => s.trim());
    return { goRoot: goRoot || undefined, goModCache: goModCache || undefined };
  },
  homeDir: () => os.homedir(),
  captureDir: (context) => vscode.Uri.file(localCaptureDir(context)),
};
