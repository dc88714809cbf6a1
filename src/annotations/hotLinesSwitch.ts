// Whether the source annotations are shown; pprofLens.toggleHotLines flips it.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';

export class HotLinesSwitch extends Disposable {
  private visible_ = true;
  private readonly changed = this._register(new vscode.EventEmitter<boolean>());
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
}
