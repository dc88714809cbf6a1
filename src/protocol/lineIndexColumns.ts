// The line index across the worker → extension host boundary. On a big profile the index covers thousands
// of files and megabytes of numbers; received whole, it blocked the host's event loop for tens of
// milliseconds. The host takes the file names once (LineIndexHead), then the numbers of the few files it
// shows, as a dozen flat arrays that move in one copy. No vscode, no DOM.
import type { ValueType } from '../model/profile/profile';
import type { LineIndex, LineIndexFile } from '../model/profile/queries';
import { PackedStrings, packStrings, StringTable } from './packedStrings';

/** What the host needs before it looks at any file: sample types, pprof's totals, and the file names. */
export interface LineIndexHead {
  readonly sampleTypes: readonly ValueType[];
  readonly totals: readonly number[];
  /** The file names exactly as the profile spells them, in the index's order. */
  readonly files: PackedStrings;
}

export function toLineIndexHead(index: LineIndex): LineIndexHead {
  return { sampleTypes: index.sampleTypes, totals: index.totals, files: packStrings(index.files.map((f) => f.file)) };
}

/** Some files of a line index (those asked for, in that order) in columns. */
export interface LineIndexColumns {
  readonly sampleTypes: readonly ValueType[];
  readonly totals: readonly number[];
  readonly files: PackedStrings;
  /** File i's lines are rows lineEnd[i-1]..lineEnd[i] of the line columns; likewise funcEnd for functions. */
  readonly lineEnd: Int32Array;
  readonly funcEnd: Int32Array;
  readonly lines: Int32Array;
  /** Index of the line's function among its file's functions, or -1. */
  readonly lineFunction: Int32Array;
  /** Row-major by sample type, as in LineIndexFile. */
  readonly lineFlat: Float64Array;
  readonly lineCum: Float64Array;
  readonly funcNames: PackedStrings;
  readonly funcStartLine: Int32Array;
  readonly funcFlat: Float64Array;
  readonly funcCum: Float64Array;
  /** Comparisons only: the base side's numbers, laid out as the four above (positive); those stay net (target - base). */
  readonly lineBaseFlat?: Float64Array;
  readonly lineBaseCum?: Float64Array;
  readonly funcBaseFlat?: Float64Array;
  readonly funcBaseCum?: Float64Array;
}

/** The columns of `index.files[i]` for each i of `which` (every file when it is absent). */
export function toLineIndexColumns(whole: LineIndex, which?: readonly number[]): LineIndexColumns {
  const index = which ? { ...whole, files: which.map((i) => whole.files[i]) } : whole;
  if (index.files.some((f) => f === undefined)) throw new Error('no such file in the line index');
  const nf = index.files.length;
  const lineEnd = new Int32Array(nf);
  const funcEnd = new Int32Array(nf);
  let lines = 0;
  let funcs = 0;
  index.files.forEach((f, i) => {
    lineEnd[i] = lines += f.lines.length;
    funcEnd[i] = funcs += f.functions.length;
  });
  const nt = index.sampleTypes.length;
  const out = {
    lines: new Int32Array(lines),
    lineFunction: new Int32Array(lines),
    lineFlat: new Float64Array(lines * nt),
    lineCum: new Float64Array(lines * nt),
    funcStartLine: new Int32Array(funcs),
    funcFlat: new Float64Array(funcs * nt),
    funcCum: new Float64Array(funcs * nt),
  };
  // A comparison's index has the base side in every file, or in none.
  const compared = index.files.length > 0 && index.files.every((f) => f.lineBaseFlat && f.lineBaseCum && f.funcBaseFlat && f.funcBaseCum);
  const base = compared
    ? {
        lineBaseFlat: new Float64Array(lines * nt),
        lineBaseCum: new Float64Array(lines * nt),
        funcBaseFlat: new Float64Array(funcs * nt),
        funcBaseCum: new Float64Array(funcs * nt),
      }
    : undefined;
  const names: string[] = [];
  index.files.forEach((f, i) => {
    const l0 = i > 0 ? lineEnd[i - 1] : 0;
    const f0 = i > 0 ? funcEnd[i - 1] : 0;
    out.lines.set(f.lines, l0);
    out.lineFunction.set(f.lineFunction, l0);
    out.lineFlat.set(f.lineFlat, l0 * nt);
    out.lineCum.set(f.lineCum, l0 * nt);
    f.functions.forEach((fn, j) => {
      names.push(fn.name);
      out.funcStartLine[f0 + j] = fn.startLine;
    });
    out.funcFlat.set(f.funcFlat, f0 * nt);
    out.funcCum.set(f.funcCum, f0 * nt);
    if (base) {
      base.lineBaseFlat.set(f.lineBaseFlat!, l0 * nt);
      base.lineBaseCum.set(f.lineBaseCum!, l0 * nt);
      base.funcBaseFlat.set(f.funcBaseFlat!, f0 * nt);
      base.funcBaseCum.set(f.funcBaseCum!, f0 * nt);
    }
  });
  return {
    sampleTypes: index.sampleTypes,
    totals: index.totals,
    files: packStrings(index.files.map((f) => f.file)),
    lineEnd,
    funcEnd,
    funcNames: packStrings(names),
    ...out,
    ...base,
  };
}

/** The host's view of files received in columns; a file's objects are built when it is looked at. */
export class LineIndexTable {
  readonly sampleTypes: readonly ValueType[];
  readonly totals: readonly number[];
  /** The file names exactly as the profile spells them; file(i) has the numbers of fileNames[i]. */
  readonly fileNames: readonly string[];
  private readonly funcNames: StringTable;
  private readonly views = new Map<number, LineIndexFile>();

  constructor(private readonly c: LineIndexColumns) {
    this.sampleTypes = c.sampleTypes;
    this.totals = c.totals;
    this.fileNames = new StringTable(c.files).all();
    this.funcNames = new StringTable(c.funcNames);
  }

  file(i: number): LineIndexFile {
    let v = this.views.get(i);
    if (!v) this.views.set(i, (v = this.build(i)));
    return v;
  }

  private build(i: number): LineIndexFile {
    const { c } = this;
    const nt = c.sampleTypes.length;
    const l0 = i > 0 ? c.lineEnd[i - 1] : 0;
    const l1 = c.lineEnd[i];
    const f0 = i > 0 ? c.funcEnd[i - 1] : 0;
    const f1 = c.funcEnd[i];
    const functions: { name: string; startLine: number }[] = [];
    for (let j = f0; j < f1; j++) functions.push({ name: this.funcNames.at(j), startLine: c.funcStartLine[j] });
    const base =
      c.lineBaseFlat && c.lineBaseCum && c.funcBaseFlat && c.funcBaseCum
        ? {
            lineBaseFlat: c.lineBaseFlat.subarray(l0 * nt, l1 * nt),
            lineBaseCum: c.lineBaseCum.subarray(l0 * nt, l1 * nt),
            funcBaseFlat: c.funcBaseFlat.subarray(f0 * nt, f1 * nt),
            funcBaseCum: c.funcBaseCum.subarray(f0 * nt, f1 * nt),
          }
        : {};
    return {
      file: this.fileNames[i],
      lines: c.lines.subarray(l0, l1),
      lineFlat: c.lineFlat.subarray(l0 * nt, l1 * nt),
      lineCum: c.lineCum.subarray(l0 * nt, l1 * nt),
      lineFunction: c.lineFunction.subarray(l0, l1),
      functions,
      funcFlat: c.funcFlat.subarray(f0 * nt, f1 * nt),
      funcCum: c.funcCum.subarray(f0 * nt, f1 * nt),
      ...base,
    };
  }
}
