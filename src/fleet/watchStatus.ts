// The status-bar item of one PromQL watch: the condition and the seconds left, redrawn each second;
// a click stops the watch.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { WatchSpec } from './watchArgs';

const MAX_QUERY_CHARS = 28;

/** "$(eye) pprof when go_goroutines>… · 12 s": the query shortened, the seconds left. */
export function watchStatusText(query: string, secondsLeft: number): string {
  const q = query.replace(/\s+/g, ' ');
  const short = q.length > MAX_QUERY_CHARS ? `${q.slice(0, MAX_QUERY_CHARS - 1)}…` : q;
  return `$(eye) pprof when ${short} · ${Math.max(0, Math.ceil(secondsLeft))} s`;
}

export class WatchStatusItem extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private captures = 0;
  private state = 'waiting for the first answer';

  constructor(
    id: string,
    private readonly spec: WatchSpec,
    private readonly deadline: number,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(`pprofLens.watch.${id}`, vscode.StatusBarAlignment.Left, 9));
    this.item.name = 'pprof PromQL Watch';
    this.item.command = { command: 'pprofLens.stopCaptureWhen', title: 'Stop Watching', arguments: [{ id }] };
    const timer = setInterval(() => this.update(), 1000);
    this._register({ dispose: () => clearInterval(timer) });
    this.update();
    this.item.show();
  }

  polled(series: number | undefined): void {
    this.state = series === undefined ? 'Prometheus is not answering' : `${series} series match now`;
    this.update();
  }

  captured(): void {
    this.captures++;
    this.update();
  }

  private update(): void {
    if (this.isDisposed) return;
    this.item.text = watchStatusText(this.spec.query, (this.deadline - Date.now()) / 1000);
    this.item.backgroundColor = this.state.startsWith('Prometheus') ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip =
      `Watching ${this.spec.query} at ${this.spec.prometheus} every ${this.spec.intervalSeconds} s: ${this.state}.\n` +
      `When it returns series, a ${this.spec.type} profile is captured from each series' instance (then not again for ${this.spec.cooldownSeconds} s). ` +
      `${this.captures} captured so far.\nClick to stop watching.`;
  }
}
