// CodeLens above hot functions and the hot lines inside them. The numbers of a file are computed once
// (FileHeat caches them per sample type and threshold), so a call costs O(lenses in the file). While a
// compare view is the active profile the lenses show changes: a function's cum, a line's flat.
import * as vscode from 'vscode';
import { getCodeLensEnabled, getCodeLensThreshold, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import type { HotLinesModel } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';
import type { LensSpec } from './fileHeat';
import type { Shown } from './hotLinesModel';
import { baseToTarget, deltaTitle, lensTitle } from './lensText';

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
      const compared = shown.profile.summary.comparison !== undefined;
      out.push(
        new vscode.CodeLens(range, {
          title: compared ? deltaLens(l, shown, stale) : lensTitle(l.flat, l.cum, shown.sampleType, shown.total, stale),
          tooltip: (compared ? deltaTooltip(l, shown) : '') + (l.kind === 'function' ? `Show ${l.name} in the flame graph` : `Line ${l.line} of ${l.name}; show ${l.name} in the flame graph`),
          command: REVEAL_FUNCTION_COMMAND,
          arguments: [{ name: l.name }],
        }),
      );
    }
    return out;
  }
}

/** A function's change in cum, a line's in flat (what the line itself costs). */
function deltaLens(l: LensSpec, shown: Shown, stale: boolean): string {
  return l.kind === 'function' ? deltaTitle(l.cum, l.baseCum, shown.sampleType, stale) : deltaTitle(l.flat, l.baseFlat, shown.sampleType, stale);
}

function deltaTooltip(l: LensSpec, shown: Shown): string {
  if (l.baseFlat === undefined || l.baseCum === undefined) return '';
  const t = shown.sampleType;
  return `base → target: flat ${baseToTarget(l.flat, l.baseFlat, t)}, cum ${baseToTarget(l.cum, l.baseCum, t)}. `;
}
