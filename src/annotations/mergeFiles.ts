// Several of a profile's file names can stand for one local file (two builds, two spellings). Their
// line index entries are summed into one, in the same columnar shape, a comparison's base side too. Pure.
import type { LineIndexFile } from '../model/profile/queries';

/** One entry: lines ascending, functions keyed by name and start line, values summed. */
export function mergeFiles(files: readonly LineIndexFile[], nt: number): LineIndexFile {
  if (files.length === 1) return files[0];
  const funcKey = new Map<string, number>();
  const functions: { name: string; startLine: number }[] = [];
  const funcOf = files.map((f) =>
    f.functions.map((fn) => {
      const key = `${fn.startLine}\0${fn.name}`;
      let i = funcKey.get(key);
      if (i === undefined) funcKey.set(key, (i = functions.push({ name: fn.name, startLine: fn.startLine }) - 1));
      return i;
    }),
  );
  const lineSet = new Set<number>();
  for (const f of files) for (const line of f.lines) lineSet.add(line);
  const lines = Int32Array.from([...lineSet].sort((a, b) => a - b));
  const rowOf = new Map<number, number>();
  lines.forEach((line, row) => rowOf.set(line, row));

  const out = {
    file: files[0]?.file ?? '',
    lines,
    lineFlat: new Float64Array(lines.length * nt),
    lineCum: new Float64Array(lines.length * nt),
    lineFunction: new Int32Array(lines.length).fill(-1),
    functions,
    funcFlat: new Float64Array(functions.length * nt),
    funcCum: new Float64Array(functions.length * nt),
  };
  const withBase = files.every((f) => f.lineBaseFlat && f.lineBaseCum && f.funcBaseFlat && f.funcBaseCum);
  const base = withBase
    ? {
        lineBaseFlat: new Float64Array(lines.length * nt),
        lineBaseCum: new Float64Array(lines.length * nt),
        funcBaseFlat: new Float64Array(functions.length * nt),
        funcBaseCum: new Float64Array(functions.length * nt),
      }
    : undefined;
  files.forEach((f, k) => {
    f.lines.forEach((line, i) => {
      const row = rowOf.get(line)!;
      add(out.lineFlat, row, f.lineFlat, i, nt);
      add(out.lineCum, row, f.lineCum, i, nt);
      if (base) {
        add(base.lineBaseFlat, row, f.lineBaseFlat!, i, nt);
        add(base.lineBaseCum, row, f.lineBaseCum!, i, nt);
      }
      if (out.lineFunction[row] < 0 && f.lineFunction[i] >= 0) out.lineFunction[row] = funcOf[k][f.lineFunction[i]];
    });
    f.functions.forEach((_, i) => {
      add(out.funcFlat, funcOf[k][i], f.funcFlat, i, nt);
      add(out.funcCum, funcOf[k][i], f.funcCum, i, nt);
      if (base) {
        add(base.funcBaseFlat, funcOf[k][i], f.funcBaseFlat!, i, nt);
        add(base.funcBaseCum, funcOf[k][i], f.funcBaseCum!, i, nt);
      }
    });
  });
  return base ? { ...out, ...base } : out;
}

function add(to: Float64Array, toRow: number, from: Float64Array, fromRow: number, nt: number): void {
  for (let t = 0; t < nt; t++) to[toRow * nt + t] += from[fromRow * nt + t];
}
