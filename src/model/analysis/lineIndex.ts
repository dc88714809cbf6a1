// The source annotations' numbers: per file, flat and cum of every line and every function, for every
// sample type at once. A line (or function) gets a sample's value once per sample however often the stack
// passes through it, as pprof's -list and -lines count cum; flat goes to the leaf frame.
//
// Asked first, the index has its own pass over the samples (sampleWalk.ts), on its own keys: no frame table
// to build, no top table's numbers it does not show, no correction after. In the editor it is asked on the
// scan thread, where no top table is ever made (the table thread makes that), and on L this pass took 0.65x
// the time of making the top table's pass here first and reading the index off it (344 against 531 ms,
// medians of 5, alternated in one process, 2026-12-03).
// Once the top table has made its pass, most of the index is that pass's numbers under other names: a
// function in a file is a node of the functions table, and a line of a file the node of the lines table
// with that file and line, when no other function names it. So when that pass gave every sample type (see
// everyTypeInOnePass), the index is read off the unfiltered aggregates of both tables; only the lines that
// several functions share need a correction, from the stacks through them. When the names do not line up
// so (a function name in two files), the index has its own pass as above.
import { unfilteredEveryType } from './flatCum';
import { frameTable } from './frameTable';
import type { Profile } from '../profile/profile';
import type { LineIndex, LineIndexFile } from '../profile/queries';
import { mergedExcess } from './mergedExcess';
import { walkFlatCum, type FlatCum } from './sampleWalk';

/** The line index; frames without a file are left out. */
export function lineIndex(p: Profile): LineIndex {
  const keys = indexKeys(p);
  const frames = indexFrames(p, keys);
  const own = { frameStart: frames.frameStart, nodeOf: [frames.lineOf, frames.funcOf], nodeCount: [keys.lineCount, keys.funcCount] };
  const [lines, funcs] = fromTopTable(p, keys, frames) ?? walkFlatCum(p, own, { sampleIndex: 'all' });
  return {
    sampleTypes: p.sampleTypes,
    totals: Array.from(p.totals),
    files: perFile(p, keys, lines, funcs),
  };
}

interface IndexFrames {
  /** The frames as the unfiltered frame tables have them: one per line, and one for a location without lines (in no file). */
  readonly frameStart: Int32Array;
  /** Per frame: its line key and function key, or -1. */
  readonly lineOf: Int32Array;
  readonly funcOf: Int32Array;
}

function indexFrames(p: Profile, keys: Keys): IndexFrames {
  const nl = p.locationCount;
  const frameStart = new Int32Array(nl + 1);
  for (let l = 0, n = 0; l <= nl; l++) {
    frameStart[l] = n;
    if (l < nl) n += Math.max(1, p.locLineStart[l + 1] - p.locLineStart[l]);
  }
  const lineOf = new Int32Array(frameStart[nl]).fill(-1);
  const funcOf = new Int32Array(frameStart[nl]).fill(-1);
  for (let l = 0; l < nl; l++) {
    for (let j = p.locLineStart[l], i = frameStart[l]; j < p.locLineStart[l + 1]; j++, i++) {
      lineOf[i] = keys.lineKey[j];
      funcOf[i] = keys.funcKey[p.lineFunction[j]];
    }
  }
  return { frameStart, lineOf, funcOf };
}

/**
 * The index's sums read off the unfiltered aggregates of every sample type, once the top table has had them;
 * undefined before that, when they took a pass per sample type, or when they do not line up with the index's keys.
 */
function fromTopTable(p: Profile, keys: Keys, { frameStart, lineOf, funcOf }: IndexFrames): [FlatCum, FlatCum] | undefined {
  const every = unfilteredEveryType(p);
  if (!every) return undefined;
  const fnTable = frameTable(p, 'functions');
  const lnTable = frameTable(p, 'lines');
  const fn = fnTable.frames;
  const ln = lnTable.frames;
  if (fn.length !== lineOf.length || ln.length !== lineOf.length) return undefined;
  // Each function key must be one node of the functions table, and that node only frames of the key.
  const nodeOfFunc = new Int32Array(keys.funcCount).fill(-1);
  const funcOfNode = new Int32Array(fnTable.nodes.count).fill(-2);
  // Each lines node must be frames of one line key; a key with several nodes is shared.
  const nodeOfLine = new Int32Array(keys.lineCount).fill(-1);
  const lineOfNode = new Int32Array(lnTable.nodes.count).fill(-2);
  const shared = new Uint8Array(keys.lineCount);
  let anyShared = false;
  for (let i = 0; i < fn.length; i++) {
    const f = funcOf[i];
    const a = fn[i];
    if (funcOfNode[a] === -2) funcOfNode[a] = f;
    else if (funcOfNode[a] !== f) return undefined;
    if (f >= 0) {
      if (nodeOfFunc[f] < 0) nodeOfFunc[f] = a;
      else if (nodeOfFunc[f] !== a) return undefined;
    }
    const k = lineOf[i];
    const b = ln[i];
    if (lineOfNode[b] === -2) lineOfNode[b] = k;
    else if (lineOfNode[b] !== k) return undefined;
    if (k >= 0 && nodeOfLine[k] !== b) {
      if (nodeOfLine[k] < 0) nodeOfLine[k] = b;
      else {
        shared[k] = 1;
        anyShared = true;
      }
    }
  }
  const nt = p.sampleTypes.length;
  // Each side's columns (net, then a comparison's base) moved from nodes to keys alike.
  const sides = (s: FlatCum): [Float64Array, Float64Array][] =>
    s.baseFlat && s.baseCum ? [[s.flat, s.cum], [s.baseFlat, s.baseCum]] : [[s.flat, s.cum]];
  const funcSums = sides(every.functions).map(([flat, cum]) => {
    const out = { flat: new Float64Array(keys.funcCount * nt), cum: new Float64Array(keys.funcCount * nt) };
    for (let key = 0; key < keys.funcCount; key++) {
      for (let t = 0, n = nodeOfFunc[key]; t < nt && n >= 0; t++) {
        out.flat[key * nt + t] = flat[n * nt + t];
        out.cum[key * nt + t] = cum[n * nt + t];
      }
    }
    return out;
  });
  // A line shared by several functions sums their nodes, less what counted a sample twice.
  const lineSums = sides(every.lines).map(([flat, cum]) => {
    const out = { flat: new Float64Array(keys.lineCount * nt), cum: new Float64Array(keys.lineCount * nt) };
    for (let b = 0; b < lineOfNode.length; b++) {
      const key = lineOfNode[b];
      if (key < 0) continue;
      for (let t = 0; t < nt; t++) {
        out.flat[key * nt + t] += flat[b * nt + t];
        out.cum[key * nt + t] += cum[b * nt + t];
      }
    }
    return out;
  });
  if (anyShared) {
    const sharedOf = new Int32Array(lineOf.length);
    for (let i = 0; i < lineOf.length; i++) sharedOf[i] = lineOf[i] >= 0 && shared[lineOf[i]] === 1 ? lineOf[i] : -1;
    const { excess, base } = mergedExcess(p, frameStart, sharedOf, ln, keys.lineCount, lineOfNode.length);
    [excess, base].forEach((x, side) => {
      if (x && lineSums[side]) for (let t = 0; t < x.length; t++) lineSums[side].cum[t] -= x[t];
    });
  }
  const withBase = ([net, base]: FlatCum[]): FlatCum => (base ? { ...net, baseFlat: base.flat, baseCum: base.cum } : net);
  return [withBase(lineSums), withBase(funcSums)];
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
  const order = k.files.map((_, i) => i).sort((a, b) => (k.files[a] < k.files[b] ? -1 : 1));
  const rank = new Int32Array(k.files.length);
  order.forEach((fi, r) => (rank[fi] = r));
  // The reached lines grouped by file (in file order), then each file's sorted by a native sort of one
  // number per line: the line, and its place in the group below 2^20 (exact while lines < 2^33).
  const reachedLines = reached(lines, k.lineCount, nt);
  const start = new Int32Array(k.files.length + 1);
  for (const key of reachedLines) start[rank[k.lineFile[key]] + 1]++;
  for (let r = 0; r < k.files.length; r++) start[r + 1] += start[r];
  const grouped = new Int32Array(reachedLines.length);
  const next = start.slice();
  for (const key of reachedLines) grouped[next[rank[k.lineFile[key]]]++] = key;
  const lineKeys = new Int32Array(reachedLines.length);
  const sortKeys = new Float64Array(reachedLines.length);
  for (let r = 0; r < k.files.length; r++) {
    const n = start[r + 1] - start[r];
    if (n === 0) continue;
    const group = grouped.subarray(start[r], start[r + 1]);
    if (n >= 2 ** 20) {
      lineKeys.set(Int32Array.from(group).sort((a, b) => k.lineNo[a] - k.lineNo[b]), start[r]);
      continue;
    }
    const byLine = sortKeys.subarray(start[r], start[r + 1]);
    for (let i = 0; i < n; i++) byLine[i] = k.lineNo[group[i]] * 2 ** 20 + i;
    byLine.sort();
    for (let i = 0; i < n; i++) lineKeys[start[r] + i] = group[byLine[i] % 2 ** 20];
  }
  const reachedFuncs = reached(funcs, k.funcCount, nt);
  const funcKeys = Array.from(reachedFuncs).sort(
    (a, b) =>
      rank[k.funcFile[a]] - rank[k.funcFile[b]] ||
      k.funcStart[a] - k.funcStart[b] ||
      (k.funcName[a] < k.funcName[b] ? -1 : k.funcName[a] > k.funcName[b] ? 1 : 0),
  );
  // Every file's numbers are stretches of one array per column, each file given views of its own: a
  // dozen arrays in all rather than a dozen per file (L names 2,077 files).
  const pick = (src: Float64Array, keys: ArrayLike<number>) => {
    const out = new Float64Array(keys.length * nt);
    for (let i = 0; i < keys.length; i++) for (let t = 0; t < nt; t++) out[i * nt + t] = src[keys[i] * nt + t];
    return out;
  };
  const compared = lines.baseFlat && lines.baseCum && funcs.baseFlat && funcs.baseCum;
  const columns = {
    lineFlat: pick(lines.flat, lineKeys),
    lineCum: pick(lines.cum, lineKeys),
    funcFlat: pick(funcs.flat, funcKeys),
    funcCum: pick(funcs.cum, funcKeys),
  };
  const baseColumns = compared
    ? {
        lineBaseFlat: pick(lines.baseFlat!, lineKeys),
        lineBaseCum: pick(lines.baseCum!, lineKeys),
        funcBaseFlat: pick(funcs.baseFlat!, funcKeys),
        funcBaseCum: pick(funcs.baseCum!, funcKeys),
      }
    : undefined;
  const lineNumbers = new Int32Array(lineKeys.length);
  const lineFunction = new Int32Array(lineKeys.length);
  const funcAt = new Int32Array(k.funcCount).fill(-1);
  const out: LineIndexFile[] = [];
  let li = 0;
  let fi = 0;
  for (const file of order) {
    const l0 = li;
    const f0 = fi;
    while (li < lineKeys.length && k.lineFile[lineKeys[li]] === file) li++;
    while (fi < funcKeys.length && k.funcFile[funcKeys[fi]] === file) fi++;
    if (li === l0 && fi === f0) continue;
    const functions = new Array<{ name: string; startLine: number }>(fi - f0);
    for (let i = f0; i < fi; i++) {
      funcAt[funcKeys[i]] = i - f0;
      functions[i - f0] = { name: k.funcName[funcKeys[i]], startLine: k.funcStart[funcKeys[i]] };
    }
    for (let i = l0; i < li; i++) {
      const key = lineKeys[i];
      lineNumbers[i] = k.lineNo[key];
      lineFunction[i] = k.lineFunc[key] >= 0 ? funcAt[k.lineFunc[key]] : -1;
    }
    const lineRows = <T extends Int32Array | Float64Array>(a: T, width: number) => a.subarray(l0 * width, li * width) as T;
    const funcRows = (a: Float64Array) => a.subarray(f0 * nt, fi * nt);
    const base = baseColumns
      ? {
          lineBaseFlat: lineRows(baseColumns.lineBaseFlat, nt),
          lineBaseCum: lineRows(baseColumns.lineBaseCum, nt),
          funcBaseFlat: funcRows(baseColumns.funcBaseFlat),
          funcBaseCum: funcRows(baseColumns.funcBaseCum),
        }
      : {};
    out.push({
      file: k.files[file],
      lines: lineRows(lineNumbers, 1),
      lineFlat: lineRows(columns.lineFlat, nt),
      lineCum: lineRows(columns.lineCum, nt),
      lineFunction: lineRows(lineFunction, 1),
      functions,
      funcFlat: funcRows(columns.funcFlat),
      funcCum: funcRows(columns.funcCum),
      ...base,
    });
  }
  return out;
}

/** The keys with a flat or cum other than 0 for some sample type (on either side of a comparison), ascending. */
function reached(sums: FlatCum, keyCount: number, nt: number): Int32Array {
  const out = new Int32Array(keyCount);
  const { baseFlat, baseCum } = sums;
  let n = 0;
  for (let key = 0; key < keyCount; key++) {
    for (let t = key * nt, e = t + nt; t < e; t++) {
      if (sums.cum[t] !== 0 || sums.flat[t] !== 0 || (baseFlat !== undefined && baseCum !== undefined && (baseCum[t] !== 0 || baseFlat[t] !== 0))) {
        out[n++] = key;
        break;
      }
    }
  }
  return out.subarray(0, n);
}
