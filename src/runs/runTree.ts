// How the Profiles view shows runs: one row per key (the URL loaded, the test), titled by the newest
// record, with its runs under it, newest first; each run opens its profile and offers "Compare with
// Previous Run".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunMetric, RunRecord } from '../protocol/runRecord';
import type { RunFile } from './runStore';

export interface RunGroupEntry {
  readonly kind: 'runGroup';
  readonly key: string;
  /** Newest first. */
  readonly runs: readonly RunFile[];
  readonly timeMs: number;
}

export interface RunEntry {
  readonly kind: 'run';
  readonly uri: vscode.Uri;
  readonly run: RunFile;
}

const KIND_ICON: Record<RunRecord['kind'], string> = { load: 'dashboard', test: 'beaker', benchmark: 'graph-line' };
const KIND_WORD: Record<RunRecord['kind'], string> = { load: 'load runs', test: 'test runs', benchmark: 'benchmark runs' };

export function runGroupEntry(runs: readonly RunFile[]): RunGroupEntry {
  return { kind: 'runGroup', key: runs[0].record.key, runs, timeMs: runs[0].record.time };
}

export function runGroupItem(e: RunGroupEntry): vscode.TreeItem {
  const newest = e.runs[0].record;
  const item = new vscode.TreeItem(newest.title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `runs:${e.key}`;
  item.description = `${e.runs.length} ${e.runs.length === 1 ? KIND_WORD[newest.kind].replace(/s$/, '') : KIND_WORD[newest.kind]} · ${new Date(e.timeMs).toLocaleString()}`;
  item.tooltip = e.key;
  item.iconPath = new vscode.ThemeIcon(KIND_ICON[newest.kind]);
  item.contextValue = 'runGroup';
  return item;
}

export const runEntries = (e: RunGroupEntry): RunEntry[] => e.runs.map((run) => ({ kind: 'run', uri: vscode.Uri.file(run.profilePath), run }));

export function runItem(e: RunEntry): vscode.TreeItem {
  const r = e.run.record;
  const item = new vscode.TreeItem(e.uri, vscode.TreeItemCollapsibleState.None);
  item.id = `run:${e.run.profilePath}`;
  item.label = new Date(r.time).toLocaleString();
  item.description = headline(r.metrics);
  item.tooltip = [r.title, path.basename(e.run.profilePath), ...r.metrics.map((m) => `${m.label}: ${m.value}`)].join('\n');
  item.contextValue = 'run';
  item.command = { command: 'pprofLens.profiles.open', title: 'Open', arguments: [e.uri] };
  return item;
}

/** The first three measurements, for the row: "p50 1.2 · p99 8.4 ms · 3,400 req/s" reads at a glance. */
function headline(metrics: readonly RunMetric[]): string {
  return metrics
    .slice(0, 3)
    .map((m) => `${m.label} ${m.value.toLocaleString('en-US', { maximumFractionDigits: 2 })}`)
    .join(' · ');
}
