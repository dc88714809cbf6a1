// The text of `cli.js trend`: a header (sample type, snapshots and their span), then one row per node,
// steadiest growth first: flat in the first and last snapshot, the growth, the slope per minute, the steps
// that rose, the score, and the node's name as pprof prints it.
import { formatValue } from '../base/units';
import type { TrendResult, TrendRow } from '../profile/trendQueries';

export function renderTrendText(t: TrendResult): string {
  const unit = t.sampleType.unit;
  const value = (v: number) => formatValue(v, unit);
  const signed = (v: number) => (v > 0 ? '+' : '') + value(v);
  const n = t.times.length;
  const out = [`Type: ${t.sampleType.type}`];
  const span = n > 1 ? ` over ${duration(t.times[n - 1] - t.times[0])}` : '';
  const when = n > 0 && t.times[0] > 0 ? ` (${isoSeconds(t.times[0])} → ${isoSeconds(t.times[n - 1])})` : '';
  out.push(`Snapshots: ${n}${span}${when}`);
  if (n > 0) out.push(`Total: ${value(t.totals[0])} → ${value(t.totals[n - 1])}`);
  out.push(`Rows: ${t.rows.length}, steadiest growth first (score = growth × steadiness² × ups/steps)`);
  const head = ['first → last', 'growth', 'slope/min', 'ups/steps', 'score'];
  const cells = t.rows.map((r) => [
    `${value(r.flat[0] ?? 0)} → ${value(r.flat[n - 1] ?? 0)}`,
    signed(r.growth),
    signed(r.slope),
    `${r.ups}/${r.steps}`,
    value(r.score),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: readonly string[], name: string) => row.map((cell, c) => cell.padStart(widths[c])).join('  ') + '  ' + name;
  out.push(line(head, 'name'));
  t.rows.forEach((r, i) => out.push(line(cells[i], printable(r))));
  return out.join('\n') + '\n';
}

/** The name as pprof prints the node: with its file and line at lines granularity, its address first at addresses. */
function printable(r: TrendRow): string {
  // A nameless frame's name is its printable name already.
  const where = r.line !== undefined && r.line !== 0 && !r.name.endsWith(`:${r.line}`) ? ` ${r.file ?? ''}:${r.line}` : '';
  const address = r.address ? `${r.address.padStart(16, '0')} ` : '';
  return `${address}${r.name}${where}`;
}

/** Seconds below two minutes, else minutes to a tenth: the series' span as its interval reads. */
function duration(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${Math.round(s * 10) / 10} s` : `${Math.round(s / 6) / 10} min`;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
