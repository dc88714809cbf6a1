// The top table in columns, for crossing threads: a profile's top at line granularity can have 100k rows,
// and as objects they cost the extension host ~100 ms to receive and as much again to pass on. As a few
// typed arrays and two string tables they cost a few milliseconds. No vscode, no DOM.
import type { ValueType } from '../model/profile';
import type { TopResult, TopRow } from '../model/queries';

export interface TopColumns {
  readonly sampleType: ValueType;
  readonly total: number;
  /** Distinct function names and file names; `name[i]` and `file[i]` index them. */
  readonly names: readonly string[];
  readonly files: readonly string[];
  readonly name: Int32Array;
  readonly file: Int32Array;
  /** 0 at function granularity. */
  readonly line: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

export function toTopColumns(r: TopResult): TopColumns {
  const n = r.rows.length;
  const out = {
    sampleType: r.sampleType,
    total: r.total,
    names: [] as string[],
    files: [] as string[],
    name: new Int32Array(n),
    file: new Int32Array(n),
    line: new Int32Array(n),
    flat: new Float64Array(n),
    cum: new Float64Array(n),
  };
  const nameIds = new Map<string, number>();
  const fileIds = new Map<string, number>();
  const intern = (table: string[], ids: Map<string, number>, s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = table.push(s) - 1));
    return id;
  };
  r.rows.forEach((row, i) => {
    out.name[i] = intern(out.names, nameIds, row.name);
    out.file[i] = intern(out.files, fileIds, row.file);
    out.line[i] = row.line ?? 0;
    out.flat[i] = row.flat;
    out.cum[i] = row.cum;
  });
  return out;
}

export function fromTopColumns(c: TopColumns): TopResult {
  const rows: TopRow[] = new Array(c.name.length);
  for (let i = 0; i < rows.length; i++) {
    const row: { name: string; file: string; line?: number; flat: number; cum: number } = { name: c.names[c.name[i]], file: c.files[c.file[i]], flat: c.flat[i], cum: c.cum[i] };
    if (c.line[i] > 0) row.line = c.line[i];
    rows[i] = row;
  }
  return { sampleType: c.sampleType, total: c.total, rows };
}
