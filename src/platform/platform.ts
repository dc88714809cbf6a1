// What differs between the Node build and the web build on the VS Code side: where files are, how the
// engine runs and reads them, and what of Go's toolchain can be asked. The Node entry gives nodePlatform.ts,
// the web entry webPlatform.ts; everything else asks through this.
import type * as vscode from 'vscode';
import type { EngineCalls } from '../worker/engineCalls';

export interface Platform {
  readonly kind: 'node' | 'web';
  /** The engine's client, started lazily on its first call. */
  createEngine(context: vscode.ExtensionContext): EngineCalls;
  /**
   * Whether `uri` is one of this window's files, that the engine can read and the annotations annotate:
   * Node, a local file; web, a file of a workspace folder's file system (vscode-vfs:, vscode-remote:…).
   */
  isLocal(uri: vscode.Uri): boolean;
  /** What the engine is given to read `uri`: the Node worker reads a path, the web client a Uri string. */
  engineFile(uri: vscode.Uri): string;
  /** The file's modification time (ms), or undefined when it is not a file. */
  mtime(uri: vscode.Uri): Promise<number | undefined>;
  /** A path in this window's files (an fsPath, as the source index holds them) as a Uri. */
  sourceUri(fsPath: string): vscode.Uri;
  /** Whether a file exists at a path outside the workspace (GOROOT, the module cache); synchronous. */
  existsOutside(fsPath: string): boolean;
  /** A text file's content, '' when it cannot be read. */
  readText(uri: vscode.Uri): Promise<string>;
  /** `go env GOROOT` and `GOMODCACHE`, where Go can be run. */
  goEnv(): Promise<{ readonly goRoot?: string; readonly goModCache?: string }>;
  /** Where captures are saved and the compare pick looks for them (pprofLens.capture.directory). */
  captureDir(context: vscode.ExtensionContext): vscode.Uri;
  /** The user's home folder, for ~ in path mappings; undefined where there is none. */
  homeDir(): string | undefined;
}
