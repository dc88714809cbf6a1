// How the Profiles view shows a series: the folder (target, time, snapshots, status), which opens its
// manifest in the series view and expands to its snapshots.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseTargetUrl } from '../capture/targetUrl';
import type { SeriesSnapshot } from '../model/profile/seriesManifest';
import { SeriesFolderEntry, seriesSummary } from './seriesEntries';
import { MANIFEST_FILE } from './seriesFolder';

/** The viewType of the series view, which opens a series folder's manifest.json. */
export const SERIES_VIEW_TYPE = 'pprofLens.series';

export interface SeriesSnapshotEntry {
  readonly kind: 'seriesSnapshot';
  readonly uri: vscode.Uri;
  readonly snapshot: SeriesSnapshot;
}

export function seriesTreeItem(e: SeriesFolderEntry): vscode.TreeItem {
  const m = e.manifest;
  const item = new vscode.TreeItem(m ? shortTarget(m.target) : e.named.target, m?.snapshots.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `series:${e.folder}`;
  item.resourceUri = vscode.Uri.file(e.folder);
  const when = shortTime(new Date(e.timeMs));
  item.description = m ? `series ${seriesSummary(m)} · ${when}` : `series · ${e.problem} · ${e.named.time}`;
  item.iconPath = new vscode.ThemeIcon(!m || m.status === 'failed' ? 'warning' : m.status === 'running' ? 'pulse' : 'history');
  item.tooltip = [m && `Snapshot series of ${m.types.join(' and ')} from ${m.target}, every ${m.intervalSeconds} s`, e.folder, m?.stopReason, e.problem].filter(Boolean).join('\n');
  item.contextValue = m?.status === 'running' ? 'series.running' : 'series';
  const manifest = vscode.Uri.file(path.join(e.folder, MANIFEST_FILE));
  item.command = { command: 'pprofLens.profiles.openSeries', title: 'Open Series', arguments: [manifest] };
  return item;
}

export function seriesSnapshots(e: SeriesFolderEntry): SeriesSnapshotEntry[] {
  return (e.manifest?.snapshots ?? []).map((snapshot) => ({ kind: 'seriesSnapshot', uri: vscode.Uri.file(path.join(e.folder, snapshot.file)), snapshot }));
}

export function snapshotTreeItem(e: SeriesSnapshotEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(e.uri, vscode.TreeItemCollapsibleState.None);
  item.label = e.snapshot.file;
  const what = e.snapshot.format === 'goroutine-text' ? 'goroutine dump (debug=2)' : e.snapshot.type;
  item.description = `${what} · ${new Date(e.snapshot.time).toLocaleTimeString()}`;
  item.tooltip = e.uri.fsPath;
  item.contextValue = 'seriesSnapshot';
  item.command =
    e.snapshot.format === 'pprof'
      ? { command: 'pprofLens.profiles.open', title: 'Open', arguments: [e.uri] }
      : { command: 'vscode.open', title: 'Open', arguments: [e.uri] };
  return item;
}

export async function openSeries(manifest: vscode.Uri | undefined): Promise<void> {
  if (!manifest) return;
  try {
    await vscode.commands.executeCommand('vscode.openWith', manifest, SERIES_VIEW_TYPE);
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: cannot open the series view for ${manifest.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** host:port, with the base path only when it is not the usual /debug/pprof. */
function shortTarget(target: string): string {
  try {
    const t = parseTargetUrl(target);
    return t.basePath === '/debug/pprof' ? t.hostPort : `${t.hostPort}${t.basePath}`;
  } catch {
    return target;
  }
}

/** The time alone for today's series, with the date otherwise. */
function shortTime(d: Date): string {
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}
