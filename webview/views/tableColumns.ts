// The top table's number columns: pprof's flat, flat%, sum%, cum, cum% for a profile; base, target, Δ and
// Δ% of flat and of cum for a comparison. Each cell keeps its raw value in data-value.
import type { TopRow } from '../../src/model/profile/queries';
import type { TopSortKey } from '../../src/protocol/viewState';
import { changeOf, deltaPercent, formatDelta, formatDeltaPercent } from '../delta';
import { h } from '../dom';
import { formatValue, percent } from '../format';
import { cumSides, flatSides, Sides } from '../tableRows';

export interface CellInput {
  readonly row: TopRow;
  /** The row's index in the sorted rows. */
  readonly index: number;
  readonly total: number;
  readonly unit: string;
  /** Running sum of flat in the sorted order (pprof's sum%). */
  readonly sumFlat: Float64Array;
}

export interface NumberColumn {
  readonly label: string;
  /** The heading over a group of columns (a comparison's Flat and Cum). */
  readonly group?: string;
  readonly title?: string;
  readonly sort?: TopSortKey;
  cell(c: CellInput): HTMLTableCellElement;
}

const num = (value: number, text: string, cls = 'num') => h('td', { class: cls, 'data-value': String(value) }, text);
const pct = (text: string) => h('td', { class: 'num' }, text);

export const PROFILE_COLUMNS: readonly NumberColumn[] = [
  { label: 'Flat', sort: 'flat', cell: (c) => num(c.row.flat, formatValue(c.row.flat, c.unit)) },
  { label: 'Flat%', cell: (c) => pct(percent(c.row.flat, c.total)) },
  { label: 'Sum%', cell: (c) => pct(percent(c.sumFlat[c.index], c.total)) },
  { label: 'Cum', sort: 'cum', cell: (c) => num(c.row.cum, formatValue(c.row.cum, c.unit)) },
  { label: 'Cum%', cell: (c) => pct(percent(c.row.cum, c.total)) },
];

/** A Δ cell says which way it went in data-change, which media/tables.css colours by the palette. */
function deltaCell(s: Sides, text: string, value: number): HTMLTableCellElement {
  const td = num(value, text, 'num delta');
  td.dataset.change = changeOf(s.base, s.target);
  return td;
}

function sideColumns(what: 'Flat' | 'Cum', sides: (r: TopRow) => Sides): NumberColumn[] {
  const key = what === 'Flat' ? 'Flat' : 'Cum';
  return [
    { group: what, label: 'base', title: `${what} in the base profile`, sort: `base${key}`, cell: (c) => num(sides(c.row).base, formatValue(sides(c.row).base, c.unit)) },
    { group: what, label: 'target', title: `${what} in the target profile`, sort: `target${key}`, cell: (c) => num(sides(c.row).target, formatValue(sides(c.row).target, c.unit)) },
    {
      group: what,
      label: 'Δ',
      title: `Target minus base (${what.toLowerCase()}); sorted by its size`,
      sort: `delta${key}`,
      cell: (c) => {
        const s = sides(c.row);
        return deltaCell(s, formatDelta(s.delta, c.unit), s.delta);
      },
    },
    {
      group: what,
      label: 'Δ%',
      title: `Change against the base (${what.toLowerCase()}); sorted by its size`,
      sort: `deltaPct${key}`,
      cell: (c) => {
        const s = sides(c.row);
        return deltaCell(s, formatDeltaPercent(s.base, s.target), deltaPercent(s.base, s.target));
      },
    },
  ];
}

export const COMPARE_COLUMNS: readonly NumberColumn[] = [...sideColumns('Flat', flatSides), ...sideColumns('Cum', cumSides)];
