// The base side of a comparison's line index, for the files the host received in columns. The table's
// files carry it when the columns do; this reads it from the columns when the table does not pass it on.
import type { LineIndexFile } from '../model/profile/queries';
import type { LineIndexColumns, LineIndexTable } from '../protocol/lineIndexColumns';

export function fileWithBase(columns: LineIndexColumns, table: LineIndexTable, i: number): LineIndexFile {
  const f = table.file(i);
  const { lineBaseFlat, lineBaseCum, funcBaseFlat, funcBaseCum } = columns;
  if (f.lineBaseFlat || !lineBaseFlat || !lineBaseCum || !funcBaseFlat || !funcBaseCum) return f;
  const nt = columns.sampleTypes.length;
  const l0 = i > 0 ? columns.lineEnd[i - 1] : 0;
  const l1 = columns.lineEnd[i];
  const f0 = i > 0 ? columns.funcEnd[i - 1] : 0;
  const f1 = columns.funcEnd[i];
  return {
    ...f,
    lineBaseFlat: lineBaseFlat.subarray(l0 * nt, l1 * nt),
    lineBaseCum: lineBaseCum.subarray(l0 * nt, l1 * nt),
    funcBaseFlat: funcBaseFlat.subarray(f0 * nt, f1 * nt),
    funcBaseCum: funcBaseCum.subarray(f0 * nt, f1 * nt),
  };
}
