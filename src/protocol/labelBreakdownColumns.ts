// The label breakdown in columns, for crossing threads: its rows as the top table's columns, and the per-value
// sums as typed arrays (rows × values can be a million numbers at line granularity). No vscode, no DOM.
import type { ValueType } from '../model/profile/profile';
import type { LabelBreakdown } from '../model/profile/queries';
import { fromTopColumns, toTopColumns, type TopColumns } from './topColumns';

export interface LabelBreakdownColumns {
  readonly rows: TopColumns;
  readonly key: string;
  readonly values: readonly string[];
  readonly noneIndex: number;
  readonly valueTotals: Float64Array;
  /** Row-major per row and value, as LabelBreakdown's. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

export function toLabelBreakdownColumns(b: LabelBreakdown): LabelBreakdownColumns {
  const { sampleType, total, rows, key, values, noneIndex, valueTotals, flat, cum } = b;
  return { rows: toTopColumns({ sampleType, total, rows }), key, values, noneIndex, valueTotals, flat, cum };
}

export function fromLabelBreakdownColumns(c: LabelBreakdownColumns): LabelBreakdown {
  const { sampleType, total, rows } = fromTopColumns(c.rows);
  const sampleTypeOf: ValueType = sampleType;
  return { sampleType: sampleTypeOf, total, rows, key: c.key, values: c.values, noneIndex: c.noneIndex, valueTotals: c.valueTotals, flat: c.flat, cum: c.cum };
}
