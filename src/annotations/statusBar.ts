// The status-bar item naming the active profile (a compare view's two sides) and its sample type; a click
// picks another sample type.
import * as vscode from 'vscode';
import { fileNameOf } from '../editor/comparisonDocument';
import { Disposable } from '../disposable';
import type { HotLinesModel } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';

export class ActiveProfileStatus extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('pprofLens.activeProfile', vscode.StatusBarAlignment.Right, 100));

  constructor(
    private readonly model: HotLinesModel,
    private readonly switch_: HotLinesSwitch,
  ) {
    super();
    this.item.name = 'pprof Lens: active profile';
    this.item.command = 'pprofLens.selectSampleType';
    this._register(model.onDidChange(() => this.update()));
    this._register(switch_.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const shown = this.model.shown();
    if (!shown) {
      this.item.hide();
      return;
    }
    const base = shown.profile.baseUri;
    const name = base ? `${fileNameOf(base)} ↔ ${fileNameOf(shown.profile.uri)}` : fileNameOf(shown.profile.uri);
    this.item.text = `${base ? '$(diff)' : '$(flame)'} ${name} · ${shown.sampleType.type}`;
    const hidden = this.switch_.visible ? '' : ' Hot lines are hidden (pprof: Toggle Hot Lines).';
    this.item.tooltip = `pprof Lens: ${name}, sample type ${shown.sampleType.type} (${shown.sampleType.unit}). Click to pick another sample type.${hidden}`;
    this.item.show();
  }
}
