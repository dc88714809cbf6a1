// Growth lenses: while a series view is followed (the active one, or the one focused last), a CodeLens on
// each line of a Go file that grows steadily across the series' snapshots. A click shows the line's
// function in the series view.
import * as vscode from 'vscode';
import { getCodeLensEnabled, getCodeLensThreshold, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import type { SeriesFocus } from '../editor/seriesFocus';
import type { TrendRow } from '../model/profile/trendQueries';
import { normalizePath } from '../source/pathSpelling';
import type { SourceResolver } from '../source/sourceResolver';
import { growsSteadily, growthLensTitle, spanText } from './growthLensText';
import type { HotLinesSwitch } from './hotLinesSwitch';

/** The command a growth lens runs: `{ name }` shown in the followed series view. */
export const REVEAL_SERIES_ROW_COMMAND = 'pprofLens.revealSeriesRow';

export class GrowthLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly focus: SeriesFocus,
    private readonly sources: SourceResolver,
    private readonly switch_: HotLinesSwitch,
  ) {
    super();
    const refresh = () => this.changed.fire();
    this._register(focus.onDidChange(refresh));
    this._register(sources.onDidChange(refresh));
    this._register(switch_.onDidChange(refresh));
    this._register(onDidChangeConfig(refresh));
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const lines = this.focus.lines;
    if (!lines || !this.switch_.visible || !getCodeLensEnabled() || !this.sources.annotates(document.uri)) return [];
    await this.sources.ready;
    const resolve = this.sources.resolver();
    const here = normalizePath(document.uri.fsPath);
    const { result } = lines;
    const span = result.times.length > 1 ? result.times[result.times.length - 1] - result.times[0] : 0;
    // As with the hot lines: a growth below the threshold's share of the last total is noise here.
    const floor = getCodeLensThreshold() * (result.totals[result.totals.length - 1] ?? 0);
    // Inlined functions can put several rows on one line: the one that grew most speaks for it.
    const byLine = new Map<number, TrendRow>();
    for (const r of result.rows) {
      if (!r.file || !r.line || r.line > document.lineCount || !growsSteadily(r) || r.growth < floor) continue;
      const local = resolve(r.file);
      if (!local || normalizePath(local.path) !== here) continue;
      const seen = byLine.get(r.line);
      if (!seen || r.growth > seen.growth) byLine.set(r.line, r);
    }
    return [...byLine.values()].map((r) => {
      const range = new vscode.Range(r.line! - 1, 0, r.line! - 1, 0);
      return new vscode.CodeLens(range, {
        title: growthLensTitle(r, result.sampleType, span),
        tooltip: `${r.name}: ${result.sampleType.type} grew in ${r.ups} of ${r.steps} steps over ${spanText(span)} in ${lines.folderName}; show it in the series view`,
        command: REVEAL_SERIES_ROW_COMMAND,
        arguments: [{ name: r.name }],
      });
    });
  }
}
