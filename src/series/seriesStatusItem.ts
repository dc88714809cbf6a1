// The status-bar item of one running series: rounds done of the count and the wait for the next one,
// redrawn each second; a click offers to stop it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { secondsUntil, seriesStatusText } from './schedule';
import type { SeriesRun } from './seriesRun';

export class SeriesStatusItem extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly run: SeriesRun) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(`pprofLens.series.${path.basename(run.folder)}`, vscode.StatusBarAlignment.Left, 9));
    this.item.name = 'pprof Snapshot Series';
    this.item.command = { command: 'pprofLens.stopSeries', title: 'Stop Snapshot Series', arguments: [{ folder: run.folder, ask: true }] };
    this.timer = setInterval(() => this.update(), 1000);
    this._register({ dispose: () => clearInterval(this.timer) });
    this.update();
    this.item.show();
  }

  update(): void {
    if (this.isDisposed) return;
    const m = this.run.manifest;
    const due = this.run.nextDueMs;
    this.item.text = seriesStatusText(m.rounds ?? 0, m.count, due === undefined ? undefined : secondsUntil(due, Date.now()));
    const errors = m.errors.length ? `, ${m.errors.length} failed` : '';
    this.item.tooltip = `Snapshot series of ${m.types.join(' and ')} from ${m.target}: ${m.snapshots.length} snapshots${errors}, every ${m.intervalSeconds} s\n${this.run.folder}\nClick to stop it (what was captured is kept).`;
  }
}
