// The top table in columns, for crossing threads: a profile's top at line granularity can have 100k rows,
// and as objects they cost the extension host ~100 ms to receive and as much again to pass on. As typed
// arrays only, strings included, the host moves them without looking inside. No vscode, no DOM.
import type { ValueType } from '../model/profile/profile';
import type { TopResult, TopRow } from '../model/profile/queries';
import { PackedStrings, packStrings, unpackStrings } from './packedStrings';

export interface TopColumns {
  readonly sampleType: ValueType;
  readonly total: number;
  /** Distinct function names and file names; `name[i]` and `file[i]` index them. */
  readonly names: PackedStrings;
  readonly files: PackedStrings;
  readonly name: Int32Array;
  readonly file: Int32Array;
  /** 0 at function granularity. */
  readonly line: Int32Array;
  /** Present at addresses granularity only: TopRow's hex strings. */
  readonly address?: readonly string[];
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** Comparisons only: the base side's flat and cum (positive); flat/cum stay net (target - base). */
  readonly baseFlat?: Float64Array;
  readonly baseCum?: Float64Array;
}

export function toTopColumns(r: TopResult): TopColumns {
  const n = r.rows.length;
  const names: string[] = [];
  const files: string[] = [];
  const out = {
    name: new Int32Array(n),
    file: new Int32Array(n),
    line: new Int32Array(n),
    flat: new Float64Array(n),
    cum: new Float64Array(n),
  };
  const address = r.rows.length > 0 && r.rows[0].address !== undefined ? new Array<string>(n) : undefined;
  // A comparison's rows all have the base side, or none does.
  const base = r.rows.length > 0 && r.rows[0].baseFlat !== undefined ? { baseFlat: new Float64Array(n), baseCum: new Float64Array(n) } : undefined;
  const nameIds = new Map<string, number>();
  const fileIds = new Map<string, number>();
  const intern = (table: string[], ids: Map<string, number>, s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = table.push(s) - 1));
    return id;
  };
  r.rows.forEach((row, i) => {
    out.name[i] = intern(names, nameIds, row.name);
    out.file[i] = intern(files, fileIds, row.file);
    out.line[i] = row.line ?? 0;
    out.flat[i] = row.flat;
    out.cum[i] = row.cum;
    if (address) address[i] = row.address ?? '';
    if (base) {
      base.baseFlat[i] = row.baseFlat ?? 0;
      base.baseCum[i] = row.baseCum ?? 0;
    }
  });
  const columns = { sampleType: r.sampleType, total: r.total, names: packStrings(names), files: packStrings(files), ...out, ...base };
  return address ? { ...columns, address } : columns;
}

export function fromTopColumns(c: TopColumns): TopResult {
  const names = unpackStrings(c.names);
  const files = unpackStrings(c.files);
  const rows: TopRow[] = new Array(c.name.length);
  for (let i = 0; i < rows.length; i++) {
    const row: { -readonly [K in keyof TopRow]: TopRow[K] } = { name: names[c.name[i]], file: files[c.file[i]], flat: c.flat[i], cum: c.cum[i] };
    // At addresses every row has a line, 0 when the location has none.
    if (c.line[i] > 0 || c.address) row.line = c.line[i];
    if (c.address) row.address = c.address[i];
    if (c.baseFlat && c.baseCum) {
      row.baseFlat = c.baseFlat[i];
      row.baseCum = c.baseCum[i];
    }
    rows[i] = row;
  }
  return { sampleType: c.sampleType, total: c.total, rows };
}
