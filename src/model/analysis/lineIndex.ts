// The source annotations' numbers: per file, flat and cum of every line and every function, for every
// sample type at once. A line (or function) gets a sample's value once per sample however often the stack
// passes through it, as pprof's -list and -lines count cum; flat goes to the leaf frame.
import type { Profile } from '../profile/profile';
import type { LineIndex, LineIndexFile } from '../profile/queries';

/** The line index; frames without a file are left out. */
export function lineIndex(p: Profile): LineIndex {
  const keys = indexKeys(p);
  const funcOfLine = Int32Array.from(p.lineFunction, (f) => keys.funcKey[f]);
  const lines = accumulate(p, keys.lineKey, keys.lineFile.length);
  const funcs = accumulate(p, funcOfLine, keys.funcFile.length);
  return {
    sampleTypes: p.sampleTypes,
    totals: Array.from(p.totals),
    files: perFile(p, keys, { lineFlat: lines.flat, lineCum: lines.cum, funcFlat: funcs.flat, funcCum: funcs.cum }),
  };
}

/** flat and cum (row-major by sample type) of the keys that `keyOfLine` gives each line entry (-1 = none). */
function accumulate(p: Profile, keyOfLine: Int32Array, keyCount: number): { flat: Float64Array; cum: Float64Array } {
  const nt = p.sampleTypes.length;
  const cum = new Float64Array(keyCount * nt);
  const flat = new Float64Array(keyCount * nt);
  const seen = new Int32Array(keyCount);
  const { sampleLocStart, sampleLocs, sampleValues, locLineStart } = p;
  for (let s = 0; s < p.sampleCount; s++) {
    const v = s * nt;
    let any = false;
    for (let t = 0; t < nt; t++) if (sampleValues[v + t] !== 0) any = true;
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (!any || first === end) continue;
    const stamp = s + 1;
    for (let k = first; k < end; k++) {
      const l = sampleLocs[k];
      for (let j = locLineStart[l], e = locLineStart[l + 1]; j < e; j++) {
        const key = keyOfLine[j];
        if (key < 0 || seen[key] === stamp) continue;
        seen[key] = stamp;
        const r = key * nt;
        for (let t = 0; t < nt; t++) cum[r + t] += sampleValues[v + t];
      }
    }
    // flat belongs to the leaf: the innermost line of the first location, when it has one.
    const leaf = sampleLocs[first];
    if (locLineStart[leaf] === locLineStart[leaf + 1]) continue;
    const key = keyOfLine[locLineStart[leaf]];
    if (key >= 0) for (let t = 0; t < nt; t++) flat[key * nt + t] += sampleValues[v + t];
  }
  return { flat, cum };
}

interface Keys {
  files: string[];
  /** Per line entry of the profile: its (file, line) key, or -1 without a file. */
  lineKey: Int32Array;
  lineFile: number[];
  lineNo: number[];
  /** Per line key: the function key of the frame that first named it. */
  lineFunc: number[];
  /** Per function: its (file, name) key, or -1 without a file. */
  funcKey: Int32Array;
  funcFile: number[];
  funcName: string[];
  funcStart: number[];
}

function indexKeys(p: Profile): Keys {
  const files: string[] = [];
  const fileId = new Map<string, number>();
  const k: Keys = { files, lineKey: new Int32Array(p.lineFunction.length), lineFile: [], lineNo: [], lineFunc: [], funcKey: new Int32Array(p.functionCount), funcFile: [], funcName: [], funcStart: [] };
  const funcIds = new Map<string, number>();
  const fileOfFunc = new Int32Array(p.functionCount);
  for (let f = 0; f < p.functionCount; f++) {
    const file = p.funcFile[f];
    if (file === '') {
      fileOfFunc[f] = -1;
      k.funcKey[f] = -1;
      continue;
    }
    let fi = fileId.get(file);
    if (fi === undefined) fileId.set(file, (fi = files.push(file) - 1));
    fileOfFunc[f] = fi;
    const id = `${fi}\u0000${p.funcName[f]}`;
    let key = funcIds.get(id);
    if (key === undefined) {
      funcIds.set(id, (key = k.funcFile.length));
      k.funcFile.push(fi);
      k.funcName.push(p.funcName[f]);
      k.funcStart.push(p.funcStartLine[f]);
    } else if (k.funcStart[key] === 0) {
      k.funcStart[key] = p.funcStartLine[f];
    }
    k.funcKey[f] = key;
  }
  const lineIds = new Map<number, number>();
  for (let j = 0; j < p.lineFunction.length; j++) {
    const fi = fileOfFunc[p.lineFunction[j]];
    if (fi < 0) {
      k.lineKey[j] = -1;
      continue;
    }
    const line = p.lineNumber[j];
    const id = line * 1048576 + fi; // exact while line < 2^33 and files < 2^20
    let key = lineIds.get(id);
    if (key === undefined) {
      lineIds.set(id, (key = k.lineFile.length));
      k.lineFile.push(fi);
      k.lineNo.push(line);
      k.lineFunc.push(k.funcKey[p.lineFunction[j]]);
    }
    k.lineKey[j] = key;
  }
  return k;
}

interface Sums {
  lineFlat: Float64Array;
  lineCum: Float64Array;
  funcFlat: Float64Array;
  funcCum: Float64Array;
}

/** Groups the keyed sums by file, lines ascending, functions by start line; entries never reached are left out. */
function perFile(p: Profile, k: Keys, sums: Sums): LineIndexFile[] {
  const nt = p.sampleTypes.length;
  const linesOf: number[][] = k.files.map(() => []);
  const funcsOf: number[][] = k.files.map(() => []);
  const reached = (cum: Float64Array, flat: Float64Array, key: number) => {
    for (let t = 0; t < nt; t++) if (cum[key * nt + t] !== 0 || flat[key * nt + t] !== 0) return true;
    return false;
  };
  for (let key = 0; key < k.lineFile.length; key++) if (reached(sums.lineCum, sums.lineFlat, key)) linesOf[k.lineFile[key]].push(key);
  for (let key = 0; key < k.funcFile.length; key++) if (reached(sums.funcCum, sums.funcFlat, key)) funcsOf[k.funcFile[key]].push(key);
  const pick = (src: Float64Array, keys: number[]) => {
    const out = new Float64Array(keys.length * nt);
    keys.forEach((key, i) => out.set(src.subarray(key * nt, key * nt + nt), i * nt));
    return out;
  };
  const out: LineIndexFile[] = [];
  const order = k.files.map((_, i) => i).sort((a, b) => (k.files[a] < k.files[b] ? -1 : 1));
  for (const fi of order) {
    const lines = linesOf[fi].sort((a, b) => k.lineNo[a] - k.lineNo[b]);
    const funcs = funcsOf[fi].sort((a, b) => k.funcStart[a] - k.funcStart[b] || (k.funcName[a] < k.funcName[b] ? -1 : 1));
    if (lines.length === 0 && funcs.length === 0) continue;
    const funcAt = new Map(funcs.map((key, i) => [key, i]));
    out.push({
      file: k.files[fi],
      lines: Int32Array.from(lines, (key) => k.lineNo[key]),
      lineFlat: pick(sums.lineFlat, lines),
      lineCum: pick(sums.lineCum, lines),
      lineFunction: Int32Array.from(lines, (key) => funcAt.get(k.lineFunc[key]) ?? -1),
      functions: funcs.map((key) => ({ name: k.funcName[key], startLine: k.funcStart[key] })),
      funcFlat: pick(sums.funcFlat, funcs),
      funcCum: pick(sums.funcCum, funcs),
    });
  }
  return out;
}
