// The "pprof Profiles" view in the Explorer: the capture directory, newest first, with open,
// reveal and delete, and its snapshot series (see series/seriesTree.ts). It follows the directory
// setting and refreshes on saves and file changes.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import { runRecordName } from '../protocol/runRecord';
import { groupRuns, listRuns } from '../runs/runStore';
import { RunEntry, runEntries, RunGroupEntry, runGroupEntry, runGroupItem, runItem } from '../runs/runTree';
import { listSeriesEntries, SeriesFolderEntry } from '../series/seriesEntries';
import { openSeries, SeriesSnapshotEntry, seriesSnapshots, seriesTreeItem, snapshotTreeItem } from '../series/seriesTree';
import type { Services } from '../services';
import { CaptureRuntime, captureRuntime } from './captureRuntime';

export interface ProfileEntry {
  readonly uri: vscode.Uri;
  readonly mtimeMs: number;
  readonly size: number;
}

type Entry = ProfileEntry | SeriesFolderEntry | SeriesSnapshotEntry | RunGroupEntry | RunEntry;

/** The names the pprof Profiles view lists, and the Explorer's profile commands accept. */
export const PROFILE_FILE = /\.(pb\.gz|pprof|prof)$/i;

const REFRESH_MS = 200;

export class ProfilesView extends Disposable implements vscode.TreeDataProvider<Entry> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Replaced when the capture directory setting changes. */
  private watchers: vscode.FileSystemWatcher[] = [];
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;

  static register(services: Services): vscode.Disposable {
    const view = new ProfilesView(captureRuntime(services));
    // Several can be selected, for "Compare Selected Profiles".
    const tree = vscode.window.createTreeView('pprofLens.profiles', { treeDataProvider: view, canSelectMany: true });
    view.onDidChangeTreeData(() => void view.updateMessage(tree));
    void view.updateMessage(tree);
    return vscode.Disposable.from(
      view,
      tree,
      vscode.commands.registerCommand('pprofLens.profiles.refresh', () => view.refresh()),
      vscode.commands.registerCommand('pprofLens.profiles.open', (arg: unknown) => openProfile(uriOf(arg))),
      vscode.commands.registerCommand('pprofLens.profiles.openSeries', (arg: unknown) => openSeries(uriOf(arg))),
      vscode.commands.registerCommand('pprofLens.profiles.reveal', (arg: unknown) => reveal(uriOf(arg))),
      vscode.commands.registerCommand('pprofLens.profiles.delete', (arg: unknown) => deleteProfile(uriOf(arg))),
    );
  }

  constructor(private readonly runtime: CaptureRuntime) {
    super();
    this.watch();
    this._register({ dispose: () => this.watchers.forEach((w) => w.dispose()) });
    this._register({ dispose: () => clearTimeout(this.pendingRefresh) });
    this._register(runtime.onDidSave(() => this.refresh()));
    this._register(
      onDidChangeConfig(() => {
        this.watch();
        this.refresh();
      }),
    );
  }

  /** Coalesced: a running series rewrites its manifest often, and each redraw replaces the rows under the pointer. */
  refresh(): void {
    if (this.pendingRefresh) return;
    this.pendingRefresh = setTimeout(() => {
      this.pendingRefresh = undefined;
      this.changed.fire();
    }, REFRESH_MS);
  }

  async getChildren(element?: Entry): Promise<Entry[]> {
    if (element && 'kind' in element) {
      if (element.kind === 'series') return seriesSnapshots(element);
      if (element.kind === 'runGroup') return runEntries(element);
    }
    if (element) return [];
    const dir = this.runtime.captureDir();
    const [profiles, series, runs] = await Promise.all([listProfiles(dir), listSeriesEntries(dir), listRuns(dir)]);
    // A run's profile is listed under its run, not again on its own.
    const inRuns = new Set(runs.map((r) => r.profilePath));
    const groups = groupRuns(runs).map(runGroupEntry);
    const timeOf = (e: ProfileEntry | SeriesFolderEntry | RunGroupEntry) => ('kind' in e ? e.timeMs : e.mtimeMs);
    return [...profiles.filter((p) => !inRuns.has(p.uri.fsPath)), ...series, ...groups].sort((a, b) => timeOf(b) - timeOf(a));
  }

  getTreeItem(e: Entry): vscode.TreeItem {
    if ('kind' in e) {
      switch (e.kind) {
        case 'series':
          return seriesTreeItem(e);
        case 'seriesSnapshot':
          return snapshotTreeItem(e);
        case 'runGroup':
          return runGroupItem(e);
        case 'run':
          return runItem(e);
      }
    }
    const item = new vscode.TreeItem(e.uri, vscode.TreeItemCollapsibleState.None);
    item.label = path.basename(e.uri.fsPath);
    item.description = `${formatSize(e.size)} · ${new Date(e.mtimeMs).toLocaleString()}`;
    item.tooltip = e.uri.fsPath;
    item.contextValue = 'profile';
    item.command = { command: 'pprofLens.profiles.open', title: 'Open', arguments: [e.uri] };
    return item;
  }

  private async updateMessage(tree: vscode.TreeView<Entry>): Promise<void> {
    const dir = this.runtime.captureDir();
    const n = (await listProfiles(dir)).length + (await listSeriesEntries(dir)).length + (await listRuns(dir)).length;
    tree.message = n === 0 ? `No captures yet in ${dir}. Run "pprof: Capture Profile…" to take one.` : undefined;
  }

  private watch(): void {
    this.watchers.forEach((w) => w.dispose());
    const dir = vscode.Uri.file(this.runtime.captureDir());
    // The second pattern follows each series as its manifest is rewritten.
    this.watchers = ['*', `*/manifest.json`].map((glob) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, glob)));
    const refresh = () => this.refresh();
    for (const w of this.watchers) {
      w.onDidCreate(refresh);
      w.onDidDelete(refresh);
      w.onDidChange(refresh);
    }
  }
}

/** The profiles in `dir`, newest first; an absent directory has none. */
export async function listProfiles(dir: string): Promise<ProfileEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.filter((n) => PROFILE_FILE.test(n) && !n.startsWith('.')).map(async (n) => {
      const p = path.join(dir, n);
      const s = await stat(p).catch(() => undefined);
      return s?.isFile() ? { uri: vscode.Uri.file(p), mtimeMs: s.mtimeMs, size: s.size } : undefined;
    }),
  );
  return entries.filter((e): e is ProfileEntry => e !== undefined).sort((a, b) => b.mtimeMs - a.mtimeMs || b.uri.fsPath.localeCompare(a.uri.fsPath));
}

function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const maybe = arg as { uri?: unknown; resourceUri?: unknown; folder?: unknown } | undefined;
  if (maybe?.uri instanceof vscode.Uri) return maybe.uri;
  if (typeof maybe?.folder === 'string') return vscode.Uri.file(maybe.folder);
  if (maybe?.resourceUri instanceof vscode.Uri) return maybe.resourceUri;
  return undefined;
}

async function openProfile(uri: vscode.Uri | undefined): Promise<void> {
  if (uri) await vscode.commands.executeCommand('pprofLens.openProfile', uri);
}

async function reveal(uri: vscode.Uri | undefined): Promise<void> {
  if (!uri) return;
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', uri);
}

async function deleteProfile(uri: vscode.Uri | undefined): Promise<void> {
  if (!uri) return;
  const name = path.basename(uri.fsPath);
  const ok = await vscode.window.showWarningMessage(`Delete ${name}?`, { modal: true, detail: uri.fsPath }, 'Delete');
  if (ok !== 'Delete') return;
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: true });
  } catch {
    // Not every file system has a trash (remote hosts often do not); the user confirmed the delete.
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
  // A run's record goes with its profile: left alone it would name a file that is gone.
  await vscode.workspace.fs.delete(vscode.Uri.file(runRecordName(uri.fsPath)), { useTrash: false }).then(undefined, () => undefined);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
