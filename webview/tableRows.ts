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

/** Hex without leading zeros in numeric order: the longer is the bigger ('' is none, below every address). */
const byHex = (a = '', b = '') => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

const byName: Order = (a, b) => a.name.localeCompare(b.name) || (a.line ?? 0) - (b.line ?? 0) || byHex(a.address, b.address);

const absPct = (s: Sides) => Math.abs(deltaPercent(s.base, s.target));

/** The value each comparison column sorts by, larger first. */
const VALUES: Record<Exclude<TopSortKey, 'flat' | 'cum' | 'name'>, (r: TopRow) => number> = {
  baseFlat: (r) => r.baseFlat ?? 0,
  targetFlat: (r) => flatSides(r).target,
  deltaFlat: (r) => Math.abs(r.flat),
  deltaPctFlat: (r) => absPct(flatSides(r)),
  baseCum: (r) => r.baseCum ?? 0,
  targetCum: (r) => cumSides(r).target,
  deltaCum: (r) => Math.abs(r.cum),
  deltaPctCum: (r) => absPct(cumSides(r)),
};

/**
 * The rows in the order of `key`: 'flat' keeps the worker's order, which is go tool pprof's (ties broken
 * as pprof breaks them); Δ and Δ% sort by size, whichever the direction; a new row's Δ% is the largest.
 * A comparison's column is computed once per row and ties keep the worker's order, so sorting compares
 * numbers only: 100k rows, many of them tied at 0, would take a fifth of a second with names as ties.
 */
export function sortRows(rows: readonly TopRow[], key: TopSortKey): TopRow[] {
  if (key === 'flat') return [...rows];
  if (key === 'name') return [...rows].sort(byName);
  if (key === 'cum') return [...rows].sort((a, b) => b.cum - a.cum || b.flat - a.flat || a.name.localeCompare(b.name));
  const value = VALUES[key];
  const v = Float64Array.from(rows, value);
  const order = new Uint32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (v[a] === v[b] ? a - b : v[b] > v[a] ? 1 : -1));
  return Array.from(order, (i) => rows[i]);
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
