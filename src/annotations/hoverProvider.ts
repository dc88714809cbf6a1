// The hover on an annotated line: flat and cum of the line for every sample type of the profile, and
// the function it belongs to with its top callers (asked of the worker). Profile text is escaped.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../worker/startWorker';
import type { FunctionStats, LineStats } from './fileHeat';
import type { HotLinesModel, Shown } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';
import { flatCum, share, STALE_NOTE } from './lensText';
import { formatValue } from '../model/base/units';
import type { LineIndex } from '../model/profile/queries';

const TOP_CALLERS = 5;

/** Escapes text for markdown, including table pipes. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

export class HotLinesHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly model: HotLinesModel,
    private readonly switch_: HotLinesSwitch,
    private readonly engine: EngineClient,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.switch_.visible) return undefined;
    const entry = await this.model.entry(document);
    const shown = this.model.shown();
    if (!entry || !shown) return undefined;
    const lineNo = position.line + 1;
    const line = entry.heat.lineStats(lineNo);
    const fn = entry.heat.functionAt(lineNo);
    const startsFunction = fn?.line === lineNo;
    if (!line && !startsFunction) return undefined;

    const md = new vscode.MarkdownString();
    const name = escapeMarkdown(path.basename(shown.profile.uri.fsPath));
    md.appendMarkdown(`**pprof** ${name}${entry.stale || document.isDirty ? ` — ${escapeMarkdown(STALE_NOTE)}` : ''}\n\n`);
    if (line) md.appendMarkdown(`Line ${lineNo}\n\n${table(entry.heat.index, line, shown)}\n\n`);
    if (fn) {
      md.appendMarkdown(`Function \`${fn.name.replace(/`/g, "'")}\`: ${escapeMarkdown(flatCum(fn.flat[shown.sampleIndex], fn.cum[shown.sampleIndex], shown.sampleType, shown.total))}\n\n`);
      if (startsFunction && !line) md.appendMarkdown(`${table(entry.heat.index, fn, shown)}\n\n`);
      md.appendMarkdown(await this.callers(shown, fn));
    }
    return new vscode.Hover(md, new vscode.Range(position.line, 0, position.line, 0));
  }

  private async callers(shown: Shown, fn: FunctionStats): Promise<string> {
    try {
      const n = await this.engine.callersCallees(shown.profile.handle, { sampleIndex: shown.sampleIndex, name: fn.name });
      const top = [...n.callers].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, TOP_CALLERS);
      if (top.length === 0) return 'No callers in this profile.';
      const rows = top.map((c) => `| ${escapeMarkdown(c.name)} | ${escapeMarkdown(formatValue(c.value, shown.sampleType.unit))} | ${escapeMarkdown(share(c.value, shown.total))} |`);
      return ['| top callers | cum | share |', '|---|---:|---:|', ...rows].join('\n');
    } catch {
      return '';
    }
  }
}

/** flat and cum of a line (or function) for every sample type; the one shown is bold. */
function table(index: Pick<LineIndex, 'sampleTypes' | 'totals'>, s: LineStats, shown: Shown): string {
  const rows = index.sampleTypes.map((type, t) => {
    const total = index.totals[t] ?? 0;
    const cell = (v: number) => escapeMarkdown(`${formatValue(v, type.unit)} (${share(v, total)})`);
    const label = escapeMarkdown(type.type);
    return `| ${t === shown.sampleIndex ? `**${label}**` : label} | ${cell(s.flat[t])} | ${cell(s.cum[t])} |`;
  });
  return ['| sample type | flat | cum |', '|---|---:|---:|', ...rows].join('\n');
}
