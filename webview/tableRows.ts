// The top table's rows as the view sorts them, for a profile and for a comparison. A comparison's rows are
// net (target − base) with the base side beside them, so each side and the change are derived here. No DOM.
import type { TopResult, TopRow } from '../src/model/profile/queries';
import { fromTopColumns, type TopColumns } from '../src/protocol/topColumns';
import type { TopSortKey } from '../src/protocol/viewState';
import { deltaPercent } from './delta';

/** A row's two sides. Net values are the change: target = net + base. */
export interface Sides {
  readonly base: number;
  readonly target: number;
  readonly delta: number;
}

export const flatSides = (r: TopRow): Sides => {
  const base = r.baseFlat ?? 0;
  return { base, target: r.flat + base, delta: r.flat };
};

export const cumSides = (r: TopRow): Sides => {
  const base = r.baseCum ?? 0;
  return { base, target: r.cum + base, delta: r.cum };
};

/** The table's rows from the worker's columns, a comparison's base side included. */
export function rowsOf(c: TopColumns): TopResult {
  const r = fromTopColumns(c);
  const { baseFlat, baseCum } = c;
  if (!baseFlat || !baseCum || r.rows.length === 0 || r.rows[0].baseFlat !== undefined) return r;
  return { ...r, rows: r.rows.map((row, i) => ({ ...row, baseFlat: baseFlat[i], baseCum: baseCum[i] })) };
}

type Order = (a: TopRow, b: TopRow) => number;

const byName: Order = (a, b) => a.name.localeCompare(b.name) || (a.line ?? 0) - (b.line ?? 0) || (a.address ?? 0) - (b.address ?? 0);

/** Larger first; ties by name, so the order is the same on every run. */
const descending = (value: (r: TopRow) => number): Order => (a, b) => {
  const x = value(a);
  const y = value(b);
  return x === y ? byName(a, b) : y > x ? 1 : -1;
};

const absPct = (s: Sides) => Math.abs(deltaPercent(s.base, s.target));

const ORDERS: Record<Exclude<TopSortKey, 'flat'>, Order> = {
  cum: (a, b) => b.cum - a.cum || b.flat - a.flat || a.name.localeCompare(b.name),
  name: byName,
  baseFlat: descending((r) => r.baseFlat ?? 0),
  targetFlat: descending((r) => flatSides(r).target),
  deltaFlat: descending((r) => Math.abs(r.flat)),
  deltaPctFlat: descending((r) => absPct(flatSides(r))),
  baseCum: descending((r) => r.baseCum ?? 0),
  targetCum: descending((r) => cumSides(r).target),
  deltaCum: descending((r) => Math.abs(r.cum)),
  deltaPctCum: descending((r) => absPct(cumSides(r))),
};

/**
 * The rows in the order of `key`: 'flat' keeps the worker's order, which is go tool pprof's (ties broken
 * as pprof breaks them); Δ and Δ% sort by size, whichever the direction; a new row's Δ% is the largest.
 */
export function sortRows(rows: readonly TopRow[], key: TopSortKey): TopRow[] {
  return key === 'flat' ? [...rows] : [...rows].sort(ORDERS[key]);
}

/** Indices of the rows whose name or file contains the term (case-insensitive); all for ''. */
export function filterRows(rows: readonly TopRow[], term: string): number[] {
  const t = term.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!t || r.name.toLowerCase().includes(t) || r.file.toLowerCase().includes(t)) out.push(i);
  }
  return out;
}
