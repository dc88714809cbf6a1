// The "by label" table's columns, worked out from the worker's breakdown: at most a dozen values get a
// column each (heaviest first) and the rest are summed into one "other" column, so a fleet of 50 stays
// readable; which column is hottest per row; the rows in a column's order; and the tagfocus that focuses
// one value. No DOM.
import type { LabelBreakdown } from '../src/model/profile/queries';

/** The most columns the table shows, "other" included. */
export const MAX_LABEL_COLUMNS = 12;

/** The id of the column that sums the values without a column of their own. */
export const OTHER_COLUMN = '\u0000other';

export interface LabelColumn {
  /** The value, or OTHER_COLUMN. */
  readonly id: string;
  /** What the header says. */
  readonly label: string;
  /** Indices into the breakdown's values that the column sums. */
  readonly values: readonly number[];
  readonly total: number;
}

/** One column per value, heaviest first, up to `cap`; beyond it the lightest are summed as "other". */
export function labelColumns(b: LabelBreakdown, cap = MAX_LABEL_COLUMNS): LabelColumn[] {
  const n = b.values.length;
  const own = n <= cap ? n : cap - 1;
  const out: LabelColumn[] = [];
  for (let v = 0; v < own; v++) out.push({ id: b.values[v], label: b.values[v], values: [v], total: b.valueTotals[v] });
  if (own < n) {
    const rest: number[] = [];
    let total = 0;
    for (let v = own; v < n; v++) rest.push(v), (total += b.valueTotals[v]);
    out.push({ id: OTHER_COLUMN, label: `other (${rest.length})`, values: rest, total });
  }
  return out;
}

/** A row's flat and cum per column. */
export function rowSums(b: LabelBreakdown, columns: readonly LabelColumn[], row: number): { flat: Float64Array; cum: Float64Array } {
  const nv = b.values.length;
  const flat = new Float64Array(columns.length);
  const cum = new Float64Array(columns.length);
  columns.forEach((c, i) => {
    for (const v of c.values) (flat[i] += b.flat[row * nv + v]), (cum[i] += b.cum[row * nv + v]);
  });
  return { flat, cum };
}

/** The column where a row's cum is largest (where its function spends most), or -1 when all are 0. */
export function hottest(cum: Float64Array): number {
  let best = -1;
  for (let i = 0; i < cum.length; i++) if (cum[i] !== 0 && (best < 0 || Math.abs(cum[i]) > Math.abs(cum[best]))) best = i;
  return best;
}

/** A sort of the breakdown: '' keeps pprof's order; `flat:<id>` or `cum:<id>` sorts by that column, larger first. */
export const labelSortKey = (side: 'flat' | 'cum', id: string) => `${side}:${id}`;

export function parseLabelSort(sort: string): { side: 'flat' | 'cum'; id: string } | undefined {
  const m = /^(flat|cum):([\s\S]*)$/.exec(sort);
  return m ? { side: m[1] as 'flat' | 'cum', id: m[2] } : undefined;
}

/** Row indices in the order of `sort`; ties, and an unknown column, keep pprof's order. */
export function sortLabelRows(b: LabelBreakdown, columns: readonly LabelColumn[], sort: string): number[] {
  const rows = b.rows.map((_, i) => i);
  const s = parseLabelSort(sort);
  const c = s ? columns.find((col) => col.id === s.id) : undefined;
  if (!s || !c) return rows;
  const nv = b.values.length;
  const side = s.side === 'flat' ? b.flat : b.cum;
  const key = Float64Array.from(rows, (r) => c.values.reduce((acc, v) => acc + side[r * nv + v], 0));
  return rows.sort((x, y) => (key[x] === key[y] ? x - y : key[y] > key[x] ? 1 : -1));
}

/** Go regexp syntax for exactly `value`; a comma, which pprof's tagfocus splits at, as \x2c. */
export function quoteGoRegexp(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&').replace(/,/g, '\\x2c');
}

/** pprof's tagfocus for the samples whose `key` is `value`. */
export const focusOn = (key: string, value: string) => `${key}=^${quoteGoRegexp(value)}$`;

/** The value of `key` a tagfocus focuses on, when it is exactly one made by focusOn. */
export function focusedValue(tagfocus: string | undefined, key: string, values: readonly string[]): string | undefined {
  if (!tagfocus || !key) return undefined;
  return values.find((v) => focusOn(key, v) === tagfocus);
}
