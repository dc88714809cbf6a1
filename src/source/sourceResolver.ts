// The host side of source path resolution: one index of the workspace's Go files (built once, kept
// current by a file watcher), the module roots from go.mod files, `go env` and the user's mappings.
import * as vscode from 'vscode';
import { getPathMappings, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import type { Platform } from '../platform/platform';
import { createResolver, ModuleRoot, modulePathOf, PathMapping, Resolved } from './pathResolution';
import { normalizePath } from './pathSpelling';
import { SuffixIndex } from './suffixIndex';

const EXCLUDE = '**/{node_modules,.git}/**';

export type Resolve = (profilePath: string) => Resolved | undefined;

export class SourceResolver extends Disposable {
  private readonly index = new SuffixIndex();
  /** go.mod path → the module it declares. */
  private readonly modules = new Map<string, ModuleRoot>();
  private goEnv: { goRoot?: string; goModCache?: string } = {};
  private readonly existing = new Map<string, boolean>();
  private current: Resolve | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  private pending: NodeJS.Timeout | undefined;
  /** Fires (debounced) when a resolution may have changed. */
  readonly onDidChange = this.changed.event;
  readonly ready: Promise<void>;

  constructor(private readonly platform: Platform) {
    super();
    // Every path, not only *.go: a folder created or deleted at once may be reported as the folder alone.
    const any = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    this._register(any.onDidCreate((uri) => void this.created(uri)));
    this._register(any.onDidDelete((uri) => this.deleted(uri)));
    const mod = this._register(vscode.workspace.createFileSystemWatcher('**/go.mod'));
    this._register(mod.onDidCreate((uri) => void this.readModule(uri).then(() => this.invalidate())));
    this._register(mod.onDidChange((uri) => void this.readModule(uri).then(() => this.invalidate())));
    this._register(mod.onDidDelete((uri) => (this.modules.delete(normalizePath(uri.fsPath)), this.invalidate())));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.build().then(() => this.invalidate())));
    this._register(onDidChangeConfig(() => this.invalidate()));
    this.ready = Promise.all([this.build(), this.readGoEnv()]).then(() => this.invalidate());
  }

  /** Whether a document is one of this window's files, which the annotations annotate (see Platform.isLocal). */
  annotates(uri: vscode.Uri): boolean {
    return this.platform.isLocal(uri);
  }

  /** The resolver for the current state; the same function until something changes. */
  resolver(): Resolve {
    this.current ??= createResolver({
      mappings: readMappings(this.platform.homeDir()),
      modules: [...this.modules.values()],
      goModCache: this.goEnv.goModCache,
      goRoot: this.goEnv.goRoot,
      workspaceFiles: this.index,
      exists: (p) => this.exists(p),
    });
    return this.current;
  }

  private exists(p: string): boolean {
    if (this.index.has(p)) return true;
    let hit = this.existing.get(p);
    if (hit === undefined) {
      hit = this.platform.existsOutside(p);
      this.existing.set(p, hit);
    }
    return hit;
  }

  private async build(): Promise<void> {
    const [goFiles, modFiles] = await Promise.all([
      vscode.workspace.findFiles('**/*.go', EXCLUDE),
      vscode.workspace.findFiles('**/go.mod', EXCLUDE),
    ]);
    this.index.clear();
    for (const uri of goFiles) this.addFile(uri, false);
    this.modules.clear();
    await Promise.all(modFiles.map((uri) => this.readModule(uri)));
  }

  private addFile(uri: vscode.Uri, notify = true): void {
    const root = vscode.workspace.getWorkspaceFolder(uri);
    if (!this.platform.isLocal(uri) || !root) return;
    this.index.add(uri.fsPath, root.uri.fsPath);
    if (notify) this.invalidate();
  }

  private async created(uri: vscode.Uri): Promise<void> {
    if (uri.path.endsWith('.go')) return this.addFile(uri);
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (!stat || !(stat.type & vscode.FileType.Directory)) return;
    const inside = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.go'), EXCLUDE);
    for (const f of inside) this.addFile(f, false);
    if (inside.length) this.invalidate();
  }

  private deleted(uri: vscode.Uri): void {
    const root = vscode.workspace.getWorkspaceFolder(uri);
    if (!root) return;
    const removed = uri.path.endsWith('.go') ? this.index.remove(uri.fsPath, root.uri.fsPath) : this.index.removeUnder(uri.fsPath, root.uri.fsPath);
    if (removed) this.invalidate();
  }

  private async readModule(uri: vscode.Uri): Promise<void> {
    const text = await this.platform.readText(uri);
    const path = modulePathOf(text);
    const key = normalizePath(uri.fsPath);
    if (path) this.modules.set(key, { path, dir: normalizePath(vscode.Uri.joinPath(uri, '..').fsPath) });
    else this.modules.delete(key);
  }

  private async readGoEnv(): Promise<void> {
    const { goRoot, goModCache } = await this.platform.goEnv();
    this.goEnv = { goRoot: goRoot ? normalizePath(goRoot) : undefined, goModCache: goModCache ? normalizePath(goModCache) : undefined };
  }

  private invalidate(): void {
    this.current = undefined;
    this.existing.clear();
    clearTimeout(this.pending);
    this.pending = setTimeout(() => !this.isDisposed && this.changed.fire(), 100);
  }

  override dispose(): void {
    clearTimeout(this.pending);
    super.dispose();
  }
}

/** pprofLens.pathMappings with ${workspaceFolder}, ${workspaceFolder:name}, ${userHome} and ~ expanded. */
function readMappings(home: string | undefined): PathMapping[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const expand = (s: string) =>
    s
      .replace(/\$\{workspaceFolder(?::([^}]+))?\}/g, (all, name?: string) => {
        const f = name ? folders.find((w) => w.name === name) : folders[0];
        return f ? f.uri.fsPath : all;
      })
      .replace(/\$\{userHome\}/g, (all) => home ?? all)
      .replace(/^~(?=\/|\\|$)/, (all) => home ?? all);
  return Object.entries(getPathMappings())
    .filter(([from, to]) => typeof to === 'string' && from !== '' && to !== '')
    .map(([from, to]) => ({ from: normalizePath(from), to: normalizePath(expand(to)) }));
}
