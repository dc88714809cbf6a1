// The hover on an annotated line: flat and cum of the line for every sample type of the profile, and
// the function it belongs to with its top callers (asked of the worker). While a compare view is the active
// profile it gives base → target and the change, coloured by its direction. Profile text is escaped.
import * as vscode from 'vscode';
import { fileNameOf } from '../editor/comparisonDocument';
import type { EngineCalls } from '../worker/engineCalls';
import type { FunctionStats, LineStats } from './fileHeat';
import type { ValueType } from '../model/profile/profile';
import type { HotLinesModel, Shown } from './hotLinesModel';
import type { HotLinesSwitch } from './hotLinesSwitch';
import { getComparePalette } from '../config';
import { baseToTarget, flatCum, relativeChange, share, signedValue, STALE_NOTE } from './lensText';
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
    private readonly engine: EngineCalls,
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
    const compared = shown.profile.summary.comparison !== undefined;
    // Only for the colour of a change; every profile-derived text is escaped.
    md.supportHtml = compared;
    const name = escapeMarkdown(fileNameOf(shown.profile.uri));
    const title = compared && shown.profile.baseUri ? `Δ ${escapeMarkdown(fileNameOf(shown.profile.baseUri))} → ${name}` : name;
    md.appendMarkdown(`**pprof** ${title}${entry.stale || document.isDirty ? ` — ${escapeMarkdown(STALE_NOTE)}` : ''}\n\n`);
    const tableOf = (s: LineStats) => (compared ? deltaTable(entry.heat.index, s, shown) : table(entry.heat.index, s, shown));
    if (line) md.appendMarkdown(`Line ${lineNo}\n\n${tableOf(line)}\n\n`);
    if (fn) {
      const t = shown.sampleIndex;
      const numbers = compared
        ? `Δ cum ${change(fn.cum[t], fn.baseCum?.[t], shown)}`
        : escapeMarkdown(flatCum(fn.flat[t], fn.cum[t], shown.sampleType, shown.total));
      md.appendMarkdown(`Function \`${fn.name.replace(/`/g, "'")}\`: ${numbers}\n\n`);
      if (startsFunction && !line) md.appendMarkdown(`${tableOf(fn)}\n\n`);
      md.appendMarkdown(await this.callers(shown, fn, compared));
    }
    return new vscode.Hover(md, new vscode.Range(position.line, 0, position.line, 0));
  }

  private async callers(shown: Shown, fn: FunctionStats, compared: boolean): Promise<string> {
    try {
      const n = await this.engine.callersCallees(shown.profile.handle, { sampleIndex: shown.sampleIndex, name: fn.name });
      const top = [...n.callers].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, TOP_CALLERS);
      if (top.length === 0) return 'No callers in this profile.';
      if (compared) {
        const rows = top.map((c) => `| ${escapeMarkdown(c.name)} | ${change(c.value, c.base, shown)} |`);
        return ['| top callers | Δ cum |', '|---|---:|', ...rows].join('\n');
      }
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

/** Theme colours of a change's direction, as the compare palette names them. */
const CHANGE_COLOURS = {
  redGreen: { more: 'var(--vscode-charts-red)', less: 'var(--vscode-charts-green)' },
  blueOrange: { more: 'var(--vscode-charts-orange)', less: 'var(--vscode-charts-blue)' },
};

/** "+1.20MB (+41%)" (or without the share when the base side is unknown), coloured by direction. Escaped. */
function change(net: number, base: number | undefined, shown: Shown, type: ValueType = shown.sampleType): string {
  const text = escapeMarkdown(`${signedValue(net, type)}${base === undefined ? '' : ` (${relativeChange(net, base)})`}`);
  if (net === 0) return text;
  const colours = CHANGE_COLOURS[getComparePalette()];
  return `<span style="color:${net > 0 ? colours.more : colours.less};">${text}</span>`;
}

/** A comparison's line (or function) for every sample type: base → target and the change, for flat and cum. */
function deltaTable(index: Pick<LineIndex, 'sampleTypes' | 'totals'>, s: LineStats, shown: Shown): string {
  const withBase = s.baseFlat !== undefined && s.baseCum !== undefined;
  const rows = index.sampleTypes.map((type, t) => {
    const label = escapeMarkdown(type.type);
    const cells = [t === shown.sampleIndex ? `**${label}**` : label];
    for (const [net, base] of [[s.flat, s.baseFlat], [s.cum, s.baseCum]] as const) {
      if (base) cells.push(escapeMarkdown(baseToTarget(net[t], base[t], type)));
      cells.push(change(net[t], base?.[t], shown, type));
    }
    return `| ${cells.join(' | ')} |`;
  });
  const head = withBase ? ['| sample type | flat: base → target | Δ flat | cum: base → target | Δ cum |', '|---|---:|---:|---:|---:|'] : ['| sample type | Δ flat | Δ cum |', '|---|---:|---:|'];
  return [...head, ...rows].join('\n');
}
