// The text of `go tool pprof -top` (report.printText): the profile's header lines, then
// `flat flat% sum% cum cum%` and one row per node, values in the unit pprof's -unit=minimum picks.
import { inlineLabels, inlineSuffix } from './inlineMarks';
import type { Profile } from '../profile/profile';
import { FILTER_KEYS, type Filters, type TopResult } from '../profile/queries';
import type { TopDetail } from '../analysis/topRows';
import { minimumUnit, percentage, scaleValue, scaledLabel } from '../base/units';

export interface TopTextOptions {
  readonly sampleIndex: number;
  /** For the "Active filters:" lines. */
  readonly filters?: Filters;
  /** pprof's -unit; default "minimum". */
  readonly unit?: string;
  /** Timezone for the Time: line; default the process's. */
  readonly timeZone?: string;
}

export function renderTopText(p: Profile, top: TopDetail, o: TopTextOptions): string {
  const agg = top.aggregate;
  const labels = inlineLabels(p, agg.table, o.sampleIndex, top.filter.keep);
  const { printable } = agg.nodes;
  const shown = (i: number) => printable[top.nodeIds[i]] + inlineSuffix(labels[top.nodeIds[i]]);
  return renderTopRows(p, top, shown, o);
}

/** What the header lines read of a profile: its main binary, comments, time and duration. */
export type TopHeader = Pick<Profile, 'mappings' | 'comments' | 'timeNanos' | 'durationNanos'>;

/** The text of rows already made: `shown(i)` is row i's printable name with its inline mark. */
export function renderTopRows(p: TopHeader, top: TopResult, shown: (row: number) => string, o: TopTextOptions): string {
  const sampleUnit = top.sampleType.unit;
  let outUnit = o.unit ?? 'minimum';
  if (outUnit === 'minimum') outUnit = top.rows.length > 0 ? minimumUnit(top.rows, top.total, sampleUnit) : 'minimum';
  // A table of many rows repeats its values (0 above all): each value's text is made once (20k rows: 50 → 20 ms).
  const fmt = memo((v: number) => scaledLabel(v, sampleUnit, outUnit));
  const pct = memo((v: number) => percentage(v, top.total));

  const out: string[] = [...profileLabels(p, top, fmt, o.timeZone)];
  const filters = activeFilters(o.filters);
  if (filters.length > 0) out.push('Active filters:', ...filters.map((f) => '   ' + (f.length > 80 ? f.slice(0, 80) + '…' : f)));
  let flatSum = 0;
  for (const r of top.rows) flatSum += r.flat;
  out.push(`Showing nodes accounting for ${fmt(flatSum)}, ${percentage(flatSum, top.total).trim()} of ${fmt(top.total)} total`);
  out.push(`${'flat'.padStart(10)} ${'flat'.padStart(5)}% ${'sum'.padStart(5)}% ${'cum'.padStart(10)} ${'cum'.padStart(5)}%`);

  let sum = 0;
  top.rows.forEach((r, i) => {
    sum += r.flat;
    out.push(`${fmt(r.flat).padStart(10)} ${pct(r.flat)} ${pct(sum)} ${fmt(r.cum).padStart(10)} ${pct(r.cum)}  ${shown(i)}`);
  });
  return out.join('\n') + '\n';
}

function memo(f: (v: number) => string): (v: number) => string {
  const known = new Map<number, string>();
  return (v) => {
    let text = known.get(v);
    if (text === undefined) known.set(v, (text = f(v)));
    return text;
  };
}

function profileLabels(p: TopHeader, top: TopResult, fmt: (v: number) => string, timeZone: string | undefined): string[] {
  const out: string[] = [];
  const main = p.mappings[0];
  if (main) {
    if (main.file !== '') out.push('File: ' + main.file.slice(main.file.lastIndexOf('/') + 1));
    if (main.buildId !== '') out.push('Build ID: ' + main.buildId);
  }
  for (const c of p.comments) if (!c.startsWith('#')) out.push(c);
  if (top.sampleType.type !== '') out.push('Type: ' + top.sampleType.type);
  if (p.timeNanos !== 0) out.push('Time: ' + goTime(p.timeNanos, timeZone));
  if (p.durationNanos !== 0) {
    const duration = scaledLabel(p.durationNanos, 'nanoseconds', 'auto');
    const asNanos = scaleValue(top.total, top.sampleType.unit, 'nanoseconds');
    const ratio = asNanos.unit === 'ns' && Math.trunc(asNanos.value) !== 0 ? `(${percentage(Math.trunc(asNanos.value), p.durationNanos)})` : '';
    out.push(`Duration: ${duration}, Total samples = ${fmt(top.total)} ${ratio}`);
  }
  return out;
}

function activeFilters(f: Filters | undefined): string[] {
  if (!f) return [];
  const out: string[] = [];
  for (const k of FILTER_KEYS) if (f[k]) out.push(`${k}=${f[k]}`);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's layout "Jan 2, 2006 at 3:04pm (MST)". */
function goTime(nanos: number, timeZone: string | undefined): string {
  const date = new Date(Math.floor(nanos / 1e6));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  const hour = Number(get('hour'));
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${MONTHS[Number(get('month')) - 1]} ${Number(get('day'))}, ${get('year')} at ${h12}:${get('minute')}${hour < 12 ? 'am' : 'pm'} (${get('timeZoneName')})`;
}
