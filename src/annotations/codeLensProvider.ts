// CodeLens above hot functions and the hot lines inside them. The numbers of a file are computed once
// (FileHeat caches them per sample type and threshold), so a call costs O(lenses in the file).
import * as vscode from 'vscode';
import { getCodeLensEnabled, getCodeLensThreshold, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import type { HotLinesModel } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';
import { lensTitle } from './lensText';

/** The command a lens runs: shows the function in the active profile's flame graph. */
const REVEAL_FUNCTION_COMMAND = 'pprofLens.revealFunction';

export class HotLinesCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly model: HotLinesModel,
    private readonly switch_: HotLinesSwitch,
  ) {
    super();
    const refresh = () => this.changed.fire();
    this._register(model.onDidChange(refresh));
    this._register(switch_.onDidChange(refresh));
    this._register(onDidChangeConfig(refresh));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.switch_.visible || !getCodeLensEnabled()) return [];
    const entry = await this.model.entry(document);
    const shown = this.model.shown();
    if (!shown || !entry) return [];
    const lenses = entry.heat.lenses(shown.sampleIndex, getCodeLensThreshold());
    const stale = entry.stale || document.isDirty;
    const out: vscode.CodeLens[] = [];
    for (const l of lenses) {
      if (l.line < 1 || l.line > document.lineCount) continue;
      const range = new vscode.Range(l.line - 1, 0, l.line - 1, 0);
      out.push(
        new vscode.CodeLens(range, {
          title: lensTitle(l.flat, l.cum, shown.sampleType, shown.total, stale),
          tooltip: l.kind === 'function' ? `Show ${l.name} in the flame graph` : `Line ${l.line} of ${l.name}; show ${l.name} in the flame graph`,
          command: REVEAL_FUNCTION_COMMAND,
          arguments: [{ name: l.name }],
        }),
      );
    }
    return out;
  }
}
