// Frames as pprof's graph sees them (graph.CreateNodes): every Line of a location is one frame, innermost
// first; a location without lines is one frame named after its mapping's file ("[binary]", or "<unknown>").
// Frames are merged into nodes by what pprof's Aggregate leaves of them at each granularity:
//   functions      function name (file cleared);
//   filefunctions  function name and file;
//   files          file (name cleared, so every frame is nameless; see below);
//   lines          function name, file and line;
//   addresses      everything: address, function name, file and line (pprof does not aggregate at all).
// A nameless function is told apart by its mapping file and start line, as pprof's NodeInfo does: at files
// that splits one file into a node per function start line where the profile has start lines, and pprof
// prints each of them as the file's name.
// Files are cleaned (filepath.Clean, and the "/proc/self/cwd/" prefix trimmed) as pprof prints them.
import type { SampleFilter } from '../filter/sampleFilter';
import type { Granularity } from '../profile/queries';
import type { Profile } from '../profile/profile';
import { functionIds, Nodes, type NodeTable } from './frameNodes';

export type { NodeTable };


export interface FrameTable {
  readonly nodes: NodeTable;
  /** Frames of location l: frames[frameStart[l] .. frameStart[l+1]-1], node ids, innermost first. */
  readonly frameStart: Int32Array;
  readonly frames: Int32Array;
  /** At least the number of frames of any one sample; size a scratch buffer with it. */
  readonly maxDepth: number;
}

const cache = new WeakMap<Profile, Map<Granularity, FrameTable>>();

/** The frames of every location at a granularity, with hidden frames (hide/show) left out. */
export function frameTable(p: Profile, granularity: Granularity, filter?: SampleFilter): FrameTable {
  const hidden = filter && (filter.hiddenLine || filter.hiddenLocation) ? filter : undefined;
  let perProfile = cache.get(p);
  if (!perProfile) cache.set(p, (perProfile = new Map()));
  let full = perProfile.get(granularity);
  if (!full) perProfile.set(granularity, (full = buildTable(p, granularity)));
  return hidden ? withoutHidden(p, full, hidden) : full;
}

function buildTable(p: Profile, granularity: Granularity): FrameTable {
  if (granularity !== 'functions' && granularity !== 'lines') return buildKeyed(p, granularity);
  const nodes = new Nodes(granularity);
  const byKey = new Map<string, number>();
  /** A frame pprof keeps the mapping file and start line for: a line-less location or a nameless function. */
  const anonymous = (file: string, line: number, obj: string, start: number, rawFile: string): number => {
    const key = `\u0000${file}\u0000${line}\u0000${obj}\u0000${start}`;
    let id = byKey.get(key);
    if (id === undefined) byKey.set(key, (id = nodes.add('', rawFile, file, line, obj, start)));
    return id;
  };
  const byLine = granularity === 'lines';
  const fns = functionIds(p);
  const objName = (l: number) => (p.locMapping[l] >= 0 ? p.mappings[p.locMapping[l]].file : '');

  // Named functions: one node per name (functions), or one id per (name, clean file) to pair with lines.
  // Chains through small arrays instead of Maps keyed by number pairs, which are slow in V8.
  const fnId = new Int32Array(p.functionCount).fill(-1);
  const nameNode = new Int32Array(fns.nameCount).fill(-1); // per name: its node (functions), or first pair (lines)
  const pairFile: number[] = [];
  const pairNext: number[] = [];
  for (let f = 0; f < p.functionCount; f++) {
    const nm = fns.name[f];
    if (nm < 0) continue;
    if (!byLine) {
      if (nameNode[nm] < 0) nameNode[nm] = nodes.add(p.funcName[f], p.funcFile[f], '', 0, '', 0);
      fnId[f] = nameNode[nm];
      continue;
    }
    const file = fns.file[f];
    let pair = nameNode[nm];
    while (pair >= 0 && pairFile[pair] !== file) pair = pairNext[pair];
    if (pair < 0) {
      pair = pairFile.length;
      pairFile.push(file);
      pairNext.push(nameNode[nm]);
      nameNode[nm] = pair;
    }
    fnId[f] = pair;
  }
  // Line nodes of each (name, file) pair, chained: pairLine[pair] → node → lineNext[node] → …
  const pairLine = new Int32Array(pairFile.length).fill(-1);
  const lineNext: number[] = [];
  const pairLength = new Int32Array(pairFile.length);
  // A function with very many distinct lines switches to a Map so that lookups stay O(1).
  const pairMaps = new Map<number, Map<number, number>>();
  const lineOf = nodes.lineList;

  const frameStart = new Int32Array(p.locationCount + 1);
  const frames = new Int32Array(p.lineFunction.length + p.locationCount);
  let n = 0;
  for (let l = 0; l < p.locationCount; l++) {
    frameStart[l] = n;
    const lo = p.locLineStart[l];
    const hi = p.locLineStart[l + 1];
    if (lo === hi) {
      frames[n++] = anonymous('', 0, objName(l), 0, '');
      continue;
    }
    for (let j = lo; j < hi; j++) {
      const f = p.lineFunction[j];
      const line = byLine ? p.lineNumber[j] : 0;
      if (fnId[f] < 0) {
        frames[n++] = anonymous(byLine ? fns.cleanFile(f) : '', line, objName(l), p.funcStartLine[f], p.funcFile[f]);
      } else if (!byLine) {
        frames[n++] = fnId[f];
      } else {
        const pair = fnId[f];
        const map = pairLength[pair] > 32 ? pairMaps.get(pair) : undefined;
        let id = map ? (map.get(line) ?? -1) : pairLine[pair];
        if (!map) while (id >= 0 && lineOf[id] !== line) id = lineNext[id];
        if (id < 0) {
          id = nodes.add(p.funcName[f], p.funcFile[f], fns.cleanFile(f), line, '', 0);
          lineNext[id] = pairLine[pair];
          pairLine[pair] = id;
          if (++pairLength[pair] === 33) {
            const m = new Map<number, number>();
            for (let x = id; x >= 0; x = lineNext[x]) m.set(lineOf[x], x);
            pairMaps.set(pair, m);
          } else if (map) map.set(line, id);
        }
        frames[n++] = id;
      }
    }
  }
  frameStart[p.locationCount] = n;
  return { nodes: nodes.finish(), frameStart, frames: frames.slice(0, n), maxDepth: maxDepth(p, frameStart) };
}

/**
 * filefunctions, files and addresses: one node per distinct NodeInfo, found by a key made of its parts. Without
 * the address, a function's frames are one node wherever they are, unless it is nameless and the mapping
 * differs, so the key is made once per function rather than once per frame.
 */
function buildKeyed(p: Profile, granularity: Granularity): FrameTable {
  const nodes = new Nodes(granularity);
  const byKey = new Map<string, number>();
  const node = (name: string, rawFile: string, file: string, line: number, obj: string, start: number, address: bigint): number => {
    const key = `${name}\u0000${file}\u0000${line}\u0000${obj}\u0000${start}\u0000${address}`;
    let id = byKey.get(key);
    if (id === undefined) byKey.set(key, (id = nodes.add(name, rawFile, file, line, obj, start, address)));
    return id;
  };
  const keepName = granularity !== 'files';
  const byAddress = granularity === 'addresses';
  const fns = functionIds(p);
  const fnNode = new Int32Array(p.functionCount).fill(-1);
  const fnMapping = new Int32Array(p.functionCount);
  const frameStart = new Int32Array(p.locationCount + 1);
  const frames = new Int32Array(p.lineFunction.length + p.locationCount);
  let n = 0;
  for (let l = 0; l < p.locationCount; l++) {
    frameStart[l] = n;
    const address = byAddress ? p.locAddress[l] : 0n;
    const m = p.locMapping[l];
    const obj = m >= 0 ? p.mappings[m].file : '';
    const lo = p.locLineStart[l];
    const hi = p.locLineStart[l + 1];
    if (lo === hi) frames[n++] = node('', '', '', 0, obj, 0, address);
    for (let j = lo; j < hi; j++) {
      const f = p.lineFunction[j];
      const name = keepName ? p.funcName[f] : '';
      if (fnNode[f] >= 0 && (name !== '' || fnMapping[f] === m)) {
        frames[n++] = fnNode[f];
        continue;
      }
      const anonymous = name === '';
      const id = node(name, p.funcFile[f], fns.cleanFile(f), byAddress ? p.lineNumber[j] : 0, anonymous ? obj : '', anonymous ? p.funcStartLine[f] : 0, address);
      if (!byAddress) {
        fnNode[f] = id;
        fnMapping[f] = m;
      }
      frames[n++] = id;
    }
  }
  frameStart[p.locationCount] = n;
  return { nodes: nodes.finish(), frameStart, frames: frames.slice(0, n), maxDepth: maxDepth(p, frameStart) };
}


function withoutHidden(p: Profile, full: FrameTable, filter: SampleFilter): FrameTable {
  const { hiddenLine, hiddenLocation } = filter;
  const frameStart = new Int32Array(p.locationCount + 1);
  const frames = new Int32Array(full.frames.length);
  let n = 0;
  for (let l = 0; l < p.locationCount; l++) {
    frameStart[l] = n;
    const lo = p.locLineStart[l];
    const hi = p.locLineStart[l + 1];
    if (lo === hi) {
      if (!hiddenLocation || !hiddenLocation[l]) frames[n++] = full.frames[full.frameStart[l]];
      continue;
    }
    // Line entries and full frames correspond one to one for a location with lines.
    const base = full.frameStart[l] - lo;
    for (let j = lo; j < hi; j++) if (!hiddenLine || !hiddenLine[j]) frames[n++] = full.frames[base + j];
  }
  frameStart[p.locationCount] = n;
  return { nodes: full.nodes, frameStart, frames: frames.slice(0, n), maxDepth: full.maxDepth };
}

const longestStack = new WeakMap<Profile, number>();

/** An upper bound on frames per sample: the longest stack times the most frames of any location. */
function maxDepth(p: Profile, frameStart: Int32Array): number {
  let locs = longestStack.get(p);
  if (locs === undefined) {
    locs = 0;
    for (let s = 0; s < p.sampleCount; s++) locs = Math.max(locs, p.sampleLocStart[s + 1] - p.sampleLocStart[s]);
    longestStack.set(p, locs);
  }
  let perLoc = 1;
  for (let l = 0; l < p.locationCount; l++) perLoc = Math.max(perLoc, frameStart[l + 1] - frameStart[l]);
  return locs * perLoc;
}

/**
 * Writes the frames of sample s into out, leaf first (innermost inlined frame first), and returns how many.
 * out must hold table.maxDepth entries.
 */
export function stackFrames(p: Profile, table: FrameTable, s: number, out: Int32Array): number {
  const { frameStart, frames } = table;
  let n = 0;
  for (let k = p.sampleLocStart[s]; k < p.sampleLocStart[s + 1]; k++) {
    const l = p.sampleLocs[k];
    for (let i = frameStart[l]; i < frameStart[l + 1]; i++) out[n++] = frames[i];
  }
  return n;
}
