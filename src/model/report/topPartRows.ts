// The -top rows and text of a joined TopPart (topParts.ts): the nodes with a flat or cum not 0, in pprof's
// order, with their inline marks, as computeTop and renderTopText give them for the merged profile.
import { nodeInfoText, printableName } from '../analysis/frameNodes';
import { rankNames, sortFlatNameOrder } from '../analysis/topRows';
import type { Granularity, TopRow } from '../profile/queries';
import type { ValueType } from '../profile/profile';
import { CALL_EDGE_IN, INLINE_EDGE_IN, inlineSuffix } from './inlineMarks';
import type { TopPart } from './topParts';
import { renderTopRows, type TopHeader, type TopTextOptions } from './topText';

export interface PartRows {
  readonly sampleType: ValueType;
  readonly total: number;
  readonly rows: TopRow[];
  /** Per row: pprof's printable name with its inline mark, as the text shows it. */
  readonly shown: string[];
}

export function partRows(part: TopPart, sampleType: ValueType, granularity: Granularity): PartRows {
  const { flat, cum, names, infoFiles, lines, objs, starts, files } = part;
  const ids: number[] = [];
  for (let n = 0; n < flat.length; n++) if (flat[n] !== 0 || cum[n] !== 0) ids.push(n);
  // Printable names, ranks and NodeInfo of the rows' nodes only, at their place in `ids` (none has an address).
  const printable = ids.map((n) => printableName(names[n], infoFiles[n], lines[n], objs[n], 0n));
  const rank = rankNames(printable);
  const at = ids.map((_, i) => i);
  const f = ids.map((n) => flat[n]);
  const c = ids.map((n) => cum[n]);
  sortFlatNameOrder(at, f, c, rank, (i) => nodeInfoText(names[ids[i]], 0n, infoFiles[ids[i]], starts[ids[i]], lines[ids[i]], objs[ids[i]]));
  const marks = new Uint8Array(flat.length);
  for (let e = 0; e < part.edgeCallee.length; e++) marks[part.edgeCallee[e]] |= part.edgeInline[e] === 1 ? INLINE_EDGE_IN : CALL_EDGE_IN;
  const rows: TopRow[] = [];
  const shown: string[] = [];
  for (const i of at) {
    const n = ids[i];
    const name = names[n] || printable[i];
    rows.push(granularity === 'lines' ? { name, file: files[n], line: lines[n], flat: flat[n], cum: cum[n] } : { name, file: files[n], flat: flat[n], cum: cum[n] });
    shown.push(printable[i] + inlineSuffix(marks[n]));
  }
  return { sampleType, total: part.total, rows, shown };
}

export function renderPartRows(header: TopHeader, top: PartRows, o: TopTextOptions): string {
  return renderTopRows(header, top, (i) => top.shown[i], o);
}
