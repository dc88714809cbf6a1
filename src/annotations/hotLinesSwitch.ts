// Whether the source annotations are shown; pprofLens.toggleHotLines flips it.
import * as vscode from 'vscode';

export class HotLinesSwitch implements vscode.Disposable {
  private visible_ = true;
  private readonly changed = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changed.event;

  get visible(): boolean {
    return this.visible_;
  }

  set visible(v: boolean) {
    if (v === this.visible_) return;
    this.visible_ = v;
    this.changed.fire(v);
  }

  toggle(): boolean {
    this.visible = !this.visible_;
    return this.visible_;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
