// The status-bar item shown while any capture runs; it counts them when several run at once.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export class CaptureStatus extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('pprofLens.capture', vscode.StatusBarAlignment.Left, 10));
  private readonly running = new Map<number, string>();
  private nextId = 1;

  constructor() {
    super();
    this.item.name = 'pprof Capture';
  }

  /** Shows `what` until the returned disposable is disposed. */
  begin(what: string): vscode.Disposable {
    const id = this.nextId++;
    this.running.set(id, what);
    this.update();
    return new vscode.Disposable(() => {
      this.running.delete(id);
      this.update();
    });
  }

  private update(): void {
    const all = [...this.running.values()];
    if (all.length === 0) return this.item.hide();
    this.item.text = all.length === 1 ? `$(record) pprof: capturing ${all[0]}` : `$(record) pprof: ${all.length} captures`;
    this.item.tooltip = all.map((w) => `Capturing ${w}`).join('\n');
    this.item.show();
  }
}
