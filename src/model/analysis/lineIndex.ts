// The source annotations' numbers: per file, flat and cum of every line and every function, for every
// sample type at once. A line (or function) gets a sample's value once per sample however often the stack
// passes through it, as pprof's -list and -lines count cum; flat goes to the leaf frame. Both come from one
// walk over the samples (sampleWalk.ts), with a line and a function node per frame.
import type { Profile } from '../profile/profile';
import type { LineIndex, LineIndexFile } from '../profile/queries';
import { profileTotal } from '../profile/reportTotal';
import { walkFlatCum, type FlatCum } from './sampleWalk';

/** The line index of a prepared profile (see applyPprofReadRules). Frames without a file are left out. */
export function lineIndex(p: Profile): LineIndex {
  const keys = indexKeys(p);
  // The frames as the frame tables have them: a frame per line, and one for a location without lines,
  // which is on the stack (it can be the leaf) but in no file.
  const nl = p.locationCount;
  const frameStart = new Int32Array(nl + 1);
  for (let l = 0, n = 0; l <= nl; l++) {
    frameStart[l] = n;
    if (l < nl) n += Math.max(1, p.locLineStart[l + 1] - p.locLineStart[l]);
  }
  const frames = frameStart[nl];
  const lineOf = new Int32Array(frames).fill(-1);
  const funcOf = new Int32Array(frames).fill(-1);
  for (let l = 0; l < nl; l++) {
    for (let j = p.locLineStart[l], i = frameStart[l]; j < p.locLineStart[l + 1]; j++, i++) {
      lineOf[i] = keys.lineKey[j];
      funcOf[i] = keys.funcKey[p.lineFunction[j]];
    }
  }
  const [lines, funcs] = walkFlatCum(
    p,
    { frameStart, nodeOf: [lineOf, funcOf], nodeCount: [keys.lineCount, keys.funcCount] },
    { sampleIndex: 'all' },
  );
  return {
    sampleTypes: p.sampleTypes,
    totals: p.sampleTypes.map((_, t) => profileTotal(p, t)),
    files: perFile(p, keys, lines, funcs),
  };
}

interface Keys {
  files: string[];
  /** Per line entry of the profile: its (file, line) key, or -1 without a file. */
  lineKey: Int32Array;
  lineCount: number;
  lineFile: Int32Array;
  lineNo: Float64Array;
  /** Per line key: the function key of the frame that first named it. */
  lineFunc: Int32Array;
  /** Per function: its (file, name) key, or -1 without a file. */
  funcKey: Int32Array;
  funcCount: number;
  funcFile: Int32Array;
  funcName: string[];
  funcStart: Float64Array;
}

function indexKeys(p: Profile): Keys {
  const files: string[] = [];
  const fileId = new Map<string, number>();
  const nameId = new Map<string, number>();
  const funcIds = new Map<number, number>();
  const funcKey = new Int32Array(p.functionCount);
  const funcFile = new Int32Array(p.functionCount);
  const funcStart = new Float64Array(p.functionCount);
  const funcName: string[] = [];
  const fileOfFunc = new Int32Array(p.functionCount);
  for (let f = 0; f < p.functionCount; f++) {
    const file = p.funcFile[f];
    if (file === '') {
      fileOfFunc[f] = funcKey[f] = -1;
      continue;
    }
    let fi = fileId.get(file);
    if (fi === undefined) fileId.set(file, (fi = files.push(file) - 1));
    let ni = nameId.get(p.funcName[f]);
    if (ni === undefined) nameId.set(p.funcName[f], (ni = nameId.size));
    fileOfFunc[f] = fi;
    const id = ni * p.functionCount + fi;
    let key = funcIds.get(id);
    if (key === undefined) {
      funcIds.set(id, (key = funcName.length));
      funcFile[key] = fi;
      funcName.push(p.funcName[f]);
      funcStart[key] = p.funcStartLine[f];
    } else if (funcStart[key] === 0) {
      funcStart[key] = p.funcStartLine[f];
    }
    funcKey[f] = key;
  }

  // (file, line) keys in an open-addressing table: a Map lookup per line entry costs more than the walk's
  // share of a line.
  const n = p.lineFunction.length;
  const lineKey = new Int32Array(n);
  const lineFile = new Int32Array(n);
  const lineNo = new Float64Array(n);
  const lineFunc = new Int32Array(n);
  let lineCount = 0;
  let bits = 4;
  while (1 << bits < 2 * n) bits++;
  const mask = (1 << bits) - 1;
  const slot = new Int32Array(1 << bits).fill(-1);
  for (let j = 0; j < n; j++) {
    const fi = fileOfFunc[p.lineFunction[j]];
    if (fi < 0) {
      lineKey[j] = -1;
      continue;
    }
    const line = p.lineNumber[j];
    let h = (Math.imul(fi, 0x9e3779b1) ^ Math.imul(line | 0, 0x85ebca6b)) & mask;
    let key = slot[h];
    while (key >= 0 && (lineFile[key] !== fi || lineNo[key] !== line)) key = slot[(h = (h + 1) & mask)];
    if (key < 0) {
      slot[h] = key = lineCount++;
      lineFile[key] = fi;
      lineNo[key] = line;
      lineFunc[key] = funcKey[p.lineFunction[j]];
    }
    lineKey[j] = key;
  }
  return { files, lineKey, lineCount, lineFile, lineNo, lineFunc, funcKey, funcCount: funcName.length, funcFile, funcName, funcStart };
}

/** Groups the keyed sums by file, lines ascending, functions by start line; entries never reached are left out. */
function perFile(p: Profile, k: Keys, lines: FlatCum, funcs: FlatCum): LineIndexFile[] {
  const nt = p.sampleTypes.length;
  const reached = (s: FlatCum, key: number) => {
    for (let t = key * nt, e = t + nt; t < e; t++) if (s.cum[t] !== 0 || s.flat[t] !== 0) return true;
    return false;
  };
  const linesOf = byFile(k.files.length, k.lineCount, k.lineFile, (key) => reached(lines, key));
  const funcsOf = byFile(k.files.length, k.funcCount, k.funcFile, (key) => reached(funcs, key));
  const pick = (src: Float64Array, keys: Int32Array) => {
    const out = new Float64Array(keys.length * nt);
    for (let i = 0; i < keys.length; i++) for (let t = 0; t < nt; t++) out[i * nt + t] = src[keys[i] * nt + t];
    return out;
  };
  const funcAt = new Int32Array(k.funcCount).fill(-1);
  const out: LineIndexFile[] = [];
  const order = k.files.map((_, i) => i).sort((a, b) => (k.files[a] < k.files[b] ? -1 : 1));
  for (const fi of order) {
    const ls = linesOf[fi].sort((a, b) => k.lineNo[a] - k.lineNo[b]);
    const fs = funcsOf[fi].sort((a, b) => k.funcStart[a] - k.funcStart[b] || (k.funcName[a] < k.funcName[b] ? -1 : 1));
    if (ls.length === 0 && fs.length === 0) continue;
    fs.forEach((key, i) => (funcAt[key] = i));
    out.push({
      file: k.files[fi],
      lines: Int32Array.from(ls, (key) => k.lineNo[key]),
      lineFlat: pick(lines.flat, ls),
      lineCum: pick(lines.cum, ls),
      lineFunction: Int32Array.from(ls, (key) => (k.lineFunc[key] >= 0 ? funcAt[k.lineFunc[key]] : -1)),
      functions: Array.from(fs, (key) => ({ name: k.funcName[key], startLine: k.funcStart[key] })),
      funcFlat: pick(funcs.flat, fs),
      funcCum: pick(funcs.cum, fs),
    });
  }
  return out;
}

/** The keys with `keep(key)`, grouped by their file, each group a typed array in key order. */
function byFile(fileCount: number, keyCount: number, fileOf: Int32Array, keep: (key: number) => boolean): Int32Array[] {
  const start = new Int32Array(fileCount + 1);
  const kept = new Uint8Array(keyCount);
  for (let key = 0; key < keyCount; key++) {
    if (!keep(key)) continue;
    kept[key] = 1;
    start[fileOf[key] + 1]++;
  }
  for (let f = 0; f < fileCount; f++) start[f + 1] += start[f];
  const keys = new Int32Array(start[fileCount]);
  const at = start.slice(0, fileCount);
  for (let key = 0; key < keyCount; key++) if (kept[key] === 1) keys[at[fileOf[key]]++] = key;
  return Array.from({ length: fileCount }, (_, f) => keys.subarray(start[f], start[f + 1]));
}
