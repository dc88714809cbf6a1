// pprof: Stop Snapshot Series… The status-bar item of a series calls it with `{ folder, ask: true }`;
// `{ folder }` (a path or Uri) stops that series at once. What was captured is kept (status `cancelled`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { seriesRuntime } from '../series/seriesRuntime';
import type { CommandFactory } from './commandFactory';

export const stopSeries: CommandFactory = (services) => async (arg?: unknown) => {
  const runtime = seriesRuntime(services);
  const given = folderOf(arg);
  let folder = given;
  if (!folder) {
    const running = runtime.running();
    if (running.length === 0) {
      void vscode.window.showInformationMessage('pprof: no snapshot series is running');
      return false;
    }
    folder = running.length === 1 ? running[0] : (await vscode.window.showQuickPick(running.map((f) => ({ label: path.basename(f), description: f, folder: f })), { title: 'pprof: Stop Snapshot Series', placeHolder: 'Which series?' }))?.folder;
    if (!folder) return false;
  }
  const run = runtime.get(folder);
  if (!run) {
    void vscode.window.showInformationMessage(`pprof: the series in ${path.basename(folder)} is not running in this window`);
    return false;
  }
  // From the palette, the status bar or the Profiles view's button, it asks; with `{ folder }` it does not.
  const ask = !given || (arg as { ask?: unknown }).ask === true || (arg as { kind?: unknown }).kind === 'series';
  if (ask) {
    const m = run.manifest;
    const stop = `$(debug-stop) Stop`;
    const pick = await vscode.window.showQuickPick([
      { label: stop, description: `keeps the ${m.snapshots.length} snapshots taken (${m.rounds ?? 0} of ${m.count} rounds)` },
      { label: '$(play) Keep running' },
    ], { title: `pprof: series ${path.basename(folder)}`, placeHolder: 'Stop this snapshot series?' });
    if (pick?.label !== stop) return false;
  }
  return runtime.stop(folder);
};

function folderOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  const f = (arg as { folder?: unknown } | undefined)?.folder;
  if (f instanceof vscode.Uri) return f.fsPath;
  return typeof f === 'string' ? f : undefined;
}
