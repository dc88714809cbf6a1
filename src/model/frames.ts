// Frames as pprof's graph sees them (graph.CreateNodes): every Line of a location is one frame, innermost
// first; a location without lines is one frame named after its mapping's file ("[binary]", or "<unknown>").
// Frames are merged into nodes by granularity:
//   functions  function name (file cleared, as pprof's Aggregate does);
//   lines      function name, file and line.
// A nameless function is told apart by its mapping file and start line, as pprof's NodeInfo does.
// Files are cleaned (filepath.Clean, and the "/proc/self/cwd/" prefix trimmed) as pprof prints them.
import type { SampleFilter } from './filters';
import type { Granularity } from './queries';
import type { Profile } from './profile';

export interface NodeTable {
  readonly granularity: Granularity;
  readonly count: number;
  /** Function name; '' for an unsymbolized frame. */
  readonly names: readonly string[];
  /** Source file as the profile spells it ('' when unknown). At functions granularity, the first file seen. */
  readonly files: readonly string[];
  /** Line number at lines granularity, else 0. */
  readonly lines: Float64Array;
  /** pprof's printable name: "name", "name file:line", "[binary]", "<unknown>". */
  readonly printable: readonly string[];
  /** The node's identity as Go prints pprof's NodeInfo; the last tie-breaker of pprof's sort. */
  readonly infoText: (node: number) => string;
}

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
  const names: string[] = [];
  const files: string[] = [];
  const lines: number[] = [];
  const printable: string[] = [];
  // The rest of pprof's NodeInfo, for its last-resort sort key: clean file, objfile, start line.
  const infoFile: string[] = [];
  const infoObj: string[] = [];
  const infoStart: number[] = [];
  const byKey = new Map<string, number>();
  const add = (name: string, rawFile: string, shown: string, file: string, line: number, obj: string, start: number) => {
    names.push(name);
    files.push(rawFile);
    lines.push(line);
    printable.push(shown);
    infoFile.push(file);
    infoObj.push(obj);
    infoStart.push(start);
    return names.length - 1;
  };
  /** A frame pprof keeps the mapping file and start line for: a line-less location or a nameless function. */
  const anonymous = (file: string, line: number, obj: string, start: number, rawFile: string): number => {
    const key = `\u0000${file}\u0000${line}\u0000${obj}\u0000${start}`;
    let id = byKey.get(key);
    if (id === undefined) byKey.set(key, (id = add('', rawFile, printableName('', file, line, obj), file, line, obj, start)));
    return id;
  };
  const byLine = granularity === 'lines';
  const cleanFiles = byLine ? cleanedFiles(p) : undefined;
  const objName = (l: number) => (p.locMapping[l] >= 0 ? p.mappings[p.locMapping[l]].file : '');

  // Named functions: one node per name (functions), or one id per (name, clean file) to pair with lines.
  // Chains through small arrays instead of Maps keyed by number pairs, which are slow in V8.
  const fnId = new Int32Array(p.functionCount).fill(-1);
  const nameIds = new Map<string, number>();
  const fileIds = new Map<string, number>();
  const nameHead: number[] = []; // per name id: first pair, -1 = none
  const pairFile: number[] = [];
  const pairNext: number[] = [];
  for (let f = 0; f < p.functionCount; f++) {
    const name = p.funcName[f];
    if (name === '') continue;
    let id = nameIds.get(name);
    if (id === undefined) {
      nameIds.set(name, (id = cleanFiles ? nameIds.size : add(name, p.funcFile[f], name, '', 0, '', 0)));
      nameHead[id] = -1;
    }
    if (cleanFiles) {
      let file = fileIds.get(cleanFiles[f]);
      if (file === undefined) fileIds.set(cleanFiles[f], (file = fileIds.size));
      let pair = nameHead[id];
      while (pair >= 0 && pairFile[pair] !== file) pair = pairNext[pair];
      if (pair < 0) {
        pair = pairFile.length;
        pairFile.push(file);
        pairNext.push(nameHead[id]);
        nameHead[id] = pair;
      }
      id = pair;
    }
    fnId[f] = id;
  }
  // Line nodes of each (name, file) pair, chained: pairLine[pair] → node → lineNext[node] → …
  const pairLine = new Int32Array(pairFile.length).fill(-1);
  const lineNext: number[] = [];
  const pairLength = new Int32Array(pairFile.length);
  // A function with very many distinct lines switches to a Map so that lookups stay O(1).
  const pairMaps = new Map<number, Map<number, number>>();

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
        frames[n++] = anonymous(cleanFiles ? cleanFiles[f] : '', line, objName(l), p.funcStartLine[f], p.funcFile[f]);
      } else if (!cleanFiles) {
        frames[n++] = fnId[f];
      } else {
        const pair = fnId[f];
        const map = pairLength[pair] > 32 ? pairMaps.get(pair) : undefined;
        let id = map ? (map.get(line) ?? -1) : pairLine[pair];
        if (!map) while (id >= 0 && lines[id] !== line) id = lineNext[id];
        if (id < 0) {
          const name = p.funcName[f];
          const file = cleanFiles[f];
          id = add(name, p.funcFile[f], printableName(name, file, line, ''), file, line, '', 0);
          lineNext[id] = pairLine[pair];
          pairLine[pair] = id;
          if (++pairLength[pair] === 33) {
            const m = new Map<number, number>();
            for (let x = id; x >= 0; x = lineNext[x]) m.set(lines[x], x);
            pairMaps.set(pair, m);
          } else if (map) map.set(line, id);
        }
        frames[n++] = id;
      }
    }
  }
  frameStart[p.locationCount] = n;
  const infoText = (n: number) => `{${names[n]}  0 ${infoFile[n]} ${infoStart[n]} ${lines[n]} ${infoObj[n]}}`;
  const table: NodeTable = { granularity, count: names.length, names, files, lines: Float64Array.from(lines), printable, infoText };
  return { nodes: table, frameStart, frames: frames.slice(0, n), maxDepth: maxDepth(p, frameStart) };
}

const cleaned = new WeakMap<Profile, readonly string[]>();

function cleanedFiles(p: Profile): readonly string[] {
  let out = cleaned.get(p);
  if (!out) cleaned.set(p, (out = p.funcFile.map(cleanPath)));
  return out;
}

/** pprof's NodeInfo.PrintableName (addresses are cleared at these granularities). */
function printableName(name: string, file: string, line: number, obj: string): string {
  const tail = line !== 0 ? `${file}:${line}` : file !== '' ? file : name !== '' ? '' : obj !== '' ? `[${baseName(obj)}]` : '<unknown>';
  return name === '' ? tail : tail === '' ? name : `${name} ${tail}`;
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

/** An upper bound on frames per sample: the longest stack times the most frames of any location. */
function maxDepth(p: Profile, frameStart: Int32Array): number {
  let locs = 0;
  for (let s = 0; s < p.sampleCount; s++) locs = Math.max(locs, p.sampleLocStart[s + 1] - p.sampleLocStart[s]);
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

/** Go's filepath.Clean after pprof's default trimPath ("/proc/self/cwd/" prefixes). */
export function cleanPath(path: string): string {
  if (path === '') return '';
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) {
      path = path.slice(prefix.length);
      if (path === '') return '';
      break;
    }
  }
  return goClean(path);
}

const UNCLEAN = /\/\/|(^|\/)\.\.?(\/|$)|.\/$/;

function goClean(path: string): string {
  if (path === '') return '.';
  if (!UNCLEAN.test(path)) return path;
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
