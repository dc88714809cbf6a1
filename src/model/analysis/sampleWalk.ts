// The one aggregation walk, as pprof's graph.New counts: every sample hands its value to the nodes on its
// stack, each node once per sample however often the stack passes through it (recursion), and its flat to
// the leaf frame. Callers say what a node is (a frame table, or any mapping of frames to keys) and which
// samples count with which of their values; none of them loops over the samples itself.
import type { Profile } from '../profile/profile';

/** Which samples count, and which of their values. */
export interface Weighing {
  /** One sample type, or every sample type at once (then each node has one sum per sample type). */
  readonly sampleIndex: number | 'all';
  /** keep[s] === 1 for the samples that count (a compiled filter's); undefined = every sample. */
  readonly keep?: Uint8Array;
}

/**
 * Frames of every location, and ways of grouping them into nodes. Every mapping has the same frames: frame i
 * is the same frame in each, and nodeOf[m][i] is its node in mapping m, or -1 when no node of m counts it.
 * Such a frame is still on the stack: when it is the leaf, nobody gets the flat, as pprof gives none to a
 * frame it dropped.
 */
export interface NodeMaps {
  /** Frames of location l: frameStart[l] .. frameStart[l+1]-1, innermost first (a FrameTable's). */
  readonly frameStart: Int32Array;
  readonly nodeOf: readonly Int32Array[];
  readonly nodeCount: readonly number[];
}

/** flat and cum per node; per sample type with weighing 'all', row-major: sum[node * sampleTypes + t]. */
export interface FlatCum {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

/**
 * The mappings laid out for the walk. The nodes of all mappings are numbered together (node n of mapping m
 * is base[m] + n), and one more number, `lost`, stands for "no node": its sums are dropped. Per location l,
 * pair[2l] and pair[2l+1] are the numbers of its frame in the first two mappings (`lost` for a missing second
 * one) when it has exactly one frame, which is the common case, read in one go. Otherwise pair[2l] is -1 - j
 * and pair[2l+1] the location's frame count, and the frames' numbers are at more[j..], `width` per frame:
 * every mapping's, or two at least.
 */
interface Layout {
  readonly base: Int32Array;
  readonly lost: number;
  readonly width: number;
  readonly pair: Int32Array;
  readonly more: Int32Array;
}

const layouts = new WeakMap<NodeMaps, Layout>();

function layoutOf(maps: NodeMaps): Layout {
  let out = layouts.get(maps);
  if (out) return out;
  const { frameStart, nodeOf } = maps;
  const k = nodeOf.length;
  const width = Math.max(2, k);
  const base = new Int32Array(k);
  let lost = 0;
  for (let m = 0; m < k; m++) {
    base[m] = lost;
    lost += maps.nodeCount[m];
  }
  const number = (m: number, i: number) => (m >= k || nodeOf[m][i] < 0 ? lost : base[m] + nodeOf[m][i]);
  const nl = frameStart.length - 1;
  const pair = new Int32Array(2 * nl);
  const more: number[] = [];
  for (let l = 0; l < nl; l++) {
    const lo = frameStart[l];
    const hi = frameStart[l + 1];
    if (hi - lo === 1 && k <= 2) {
      pair[2 * l] = number(0, lo);
      pair[2 * l + 1] = number(1, lo);
      continue;
    }
    pair[2 * l] = -1 - more.length;
    pair[2 * l + 1] = hi - lo;
    for (let i = lo; i < hi; i++) for (let m = 0; m < width; m++) more.push(number(m, i));
  }
  out = { base, lost, width, pair, more: Int32Array.from(more) };
  layouts.set(maps, out);
  return out;
}

/** flat and cum of every node of every mapping, in one pass over the samples. */
export function walkFlatCum(p: Profile, maps: NodeMaps, weighing: Weighing): FlatCum[] {
  const layout = layoutOf(maps);
  const nt = p.sampleTypes.length;
  const { walked, derived } = weighing.sampleIndex === 'all' ? columnsOf(p) : { walked: [weighing.sampleIndex as number], derived: [] };
  const nc = walked.length;
  const flat = new Float64Array((layout.lost + 1) * nc);
  const cum = new Float64Array((layout.lost + 1) * nc);
  if (nc === 1) walkOne(p, layout, walked[0], weighing.keep, flat, cum);
  else walkMany(p, layout, walked, weighing.keep, flat, cum);
  // Back to one array per mapping, each with every asked-for sample type.
  const out = weighing.sampleIndex === 'all' ? nt : 1;
  return maps.nodeCount.map((count, m) => {
    const f = new Float64Array(count * out);
    const c = new Float64Array(count * out);
    for (let n = 0; n < count; n++) {
      const from = (layout.base[m] + n) * nc;
      for (let x = 0; x < nc; x++) {
        f[n * out + (out === 1 ? 0 : walked[x])] = flat[from + x];
        c[n * out + (out === 1 ? 0 : walked[x])] = cum[from + x];
      }
      for (const { column, of, factor } of derived) {
        f[n * out + column] = factor * flat[from + of];
        c[n * out + column] = factor * cum[from + of];
      }
    }
    return { flat: f, cum: c };
  });
}

interface Columns {
  readonly walked: readonly number[];
  readonly derived: readonly { readonly column: number; readonly of: number; readonly factor: number }[];
}

const columnCache = new WeakMap<Profile, Columns>();

/**
 * The sample types to walk, and those that are a whole multiple of one walked, sample by sample (a CPU
 * profile's cpu/nanoseconds is samples/count times the period): their sums are the same multiple, exactly
 * (integer sums below 2^53), and walking one sample type costs much less than walking two.
 */
function columnsOf(p: Profile): Columns {
  let out = columnCache.get(p);
  if (out) return out;
  const nt = p.sampleTypes.length;
  const walked = [0];
  const derived: { column: number; of: number; factor: number }[] = [];
  const v = p.sampleValues;
  for (let t = 1; t < nt; t++) {
    let factor = NaN;
    let s = 0;
    for (; s < p.sampleCount; s++) {
      const a = v[s * nt];
      const b = v[s * nt + t];
      if (a === 0) {
        if (b !== 0) break;
        continue;
      }
      if (Number.isNaN(factor)) {
        factor = b / a;
        if (!Number.isInteger(factor)) break;
      }
      if (b !== factor * a) break;
    }
    if (s === p.sampleCount && !Number.isNaN(factor)) derived.push({ column: t, of: 0, factor });
    else walked.push(t);
  }
  out = { walked, derived };
  columnCache.set(p, out);
  return out;
}

/** Whether walking every sample type costs no more than walking one (see columnsOf). */
export function everyTypeInOnePass(p: Profile): boolean {
  return columnsOf(p).walked.length === 1;
}

/**
 * The walk for one sample type and at most two mappings, which is what the top table and the flame graph
 * ask for. It is kept apart from walkMany because a loop over the mappings and the sample types costs
 * 1.4x as much on L (1M samples; 1104 ms against 791 ms of CPU, same run).
 */
function walkOne(p: Profile, layout: Layout, t: number, keep: Uint8Array | undefined, flat: Float64Array, cum: Float64Array): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  // seen[n] === s + 1 once node n has had sample s's cum.
  const seen = new Int32Array(layout.lost + 1);
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    const w = sampleValues[s * nt + t];
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (w === 0 || first === end) continue;
    const stamp = s + 1;
    for (let i = first; i < end; i++) {
      const l = sampleLocs[i];
      const a = pair[2 * l];
      if (a >= 0) {
        const b = pair[2 * l + 1];
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          cum[a] += w;
        }
        if (seen[b] !== stamp) {
          seen[b] = stamp;
          cum[b] += w;
        }
        continue;
      }
      for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) {
        const n = more[j];
        if (seen[n] !== stamp) {
          seen[n] = stamp;
          cum[n] += w;
        }
      }
    }
    const j = leafAt(p, layout, first, end);
    if (j === NO_LEAF) continue;
    if (j >= 0) {
      flat[pair[j]] += w;
      flat[pair[j + 1]] += w;
    } else for (let m = -1 - j, e = m + width; m < e; m++) flat[more[m]] += w;
  }
}

/** The general walk: any number of mappings and of sample types. */
function walkMany(p: Profile, layout: Layout, walked: readonly number[], keep: Uint8Array | undefined, flat: Float64Array, cum: Float64Array): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  const nc = walked.length;
  const seen = new Int32Array(layout.lost + 1);
  const w = new Float64Array(nc);
  const add = (n: number) => {
    for (let c = 0; c < nc; c++) cum[n * nc + c] += w[c];
  };
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    let any = false;
    for (let c = 0; c < nc; c++) if ((w[c] = sampleValues[s * nt + walked[c]]) !== 0) any = true;
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (!any || first === end) continue;
    const stamp = s + 1;
    for (let i = first; i < end; i++) {
      const l = sampleLocs[i];
      const a = pair[2 * l];
      if (a >= 0) {
        const b = pair[2 * l + 1];
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          add(a);
        }
        if (seen[b] !== stamp) {
          seen[b] = stamp;
          add(b);
        }
        continue;
      }
      for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) {
        const n = more[j];
        if (seen[n] !== stamp) {
          seen[n] = stamp;
          add(n);
        }
      }
    }
    const j = leafAt(p, layout, first, end);
    if (j === NO_LEAF) continue;
    const at = j >= 0 ? pair : more;
    for (let m = j >= 0 ? j : -1 - j, e = m + (j >= 0 ? 2 : width); m < e; m++) {
      for (let c = 0; c < nc; c++) flat[at[m] * nc + c] += w[c];
    }
  }
}

const NO_LEAF = 0x7fffffff;

/**
 * Where the numbers of a sample's leaf frame are: pair[j] (j >= 0) or more[-1 - j], the first frame of the
 * first location that has one; NO_LEAF when every frame is hidden.
 */
function leafAt(p: Profile, layout: Layout, first: number, end: number): number {
  const { pair } = layout;
  for (let i = first; i < end; i++) {
    const l = p.sampleLocs[i];
    if (pair[2 * l] >= 0) return 2 * l;
    if (pair[2 * l + 1] > 0) return pair[2 * l];
  }
  return NO_LEAF;
}

/** What a mark on a node asks for: the call edges into it, out of it. Either gives its flat and cum too. */
export const EDGES_IN = 1;
export const EDGES_OUT = 2;

/** Frames of every location as node ids, innermost first: a FrameTable. */
export interface Frames {
  readonly frameStart: Int32Array;
  readonly frames: Int32Array;
  readonly nodes: { readonly count: number };
}

/** What walkEdges found: sums of the marked nodes, and the call edges with a marked end. */
export interface EdgeSums {
  /** flat and cum per node; 0 for a node without a mark. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly edgeCount: number;
  readonly caller: Int32Array;
  readonly callee: Int32Array;
  /** Each sample's value once, however often its stack makes the call. */
  readonly weight: Float64Array;
  /** 1 when every sample's first call (from the root) entered the callee as an inlined frame: pprof's Edge.Inline. */
  readonly inline: Uint8Array;
}

/**
 * pprof's graph.New restricted to the marked nodes: their flat and cum, and the edges between adjacent
 * frames (caller ≠ callee) that `marks` asks for, each counted once per sample. Only the samples whose
 * stack passes through a marked node are looked at, and in them only the locations with a marked frame
 * and their neighbours. The stacks are scanned from the end, root first, so that each location is read once.
 */
export function walkEdges(p: Profile, table: Frames, weighing: { readonly sampleIndex: number; readonly keep?: Uint8Array }, marks: Uint8Array): EdgeSums {
  const count = table.nodes.count;
  const sums = { flat: new Float64Array(count), cum: new Float64Array(count) };
  // Room for every edge when few nodes are marked, so that the scan never has to grow the table.
  let marked = 0;
  for (let n = 0; n < count; n++) if (marks[n] !== 0) marked++;
  const edges = new EdgeTable(marked <= 4 ? 2 * marked * count : 1024);
  scanEdges(p, table, locationsFor(table, marks), marks, weighing.sampleIndex, weighing.keep, sums.flat, sums.cum, edges);
  return { ...sums, ...edges.done() };
}

const THROUGH = 1;
const EMPTY_LOCATION = 2;

interface Locations {
  /** THROUGH when a frame of the location is marked, EMPTY_LOCATION when it has no frame (all hidden). */
  readonly flags: Uint8Array;
  /** The node of the location's innermost and outermost frame (-1 without a frame), read in one go. */
  readonly ends: Int32Array;
}

function locationsFor(table: Frames, marks: Uint8Array): Locations {
  const { frameStart, frames } = table;
  const nl = frameStart.length - 1;
  const flags = new Uint8Array(nl);
  const ends = new Int32Array(2 * nl).fill(-1);
  for (let l = 0; l < nl; l++) {
    if (frameStart[l] === frameStart[l + 1]) flags[l] = EMPTY_LOCATION;
    else {
      ends[2 * l] = frames[frameStart[l]];
      ends[2 * l + 1] = frames[frameStart[l + 1] - 1];
    }
    for (let i = frameStart[l]; i < frameStart[l + 1]; i++) if (marks[frames[i]] !== 0) flags[l] = THROUGH;
  }
  return { flags, ends };
}

// The scan is a function of its own, apart from what comes before and after it: a long loop first runs
// optimized from its middle (on-stack replacement), and code it then reaches for the first time throws it
// back to the interpreter. A sample it finds is read by another function, which keeps the scan's loop tight.
function scanEdges(
  p: Profile,
  table: Frames,
  at: Locations,
  marks: Uint8Array,
  sampleIndex: number,
  keep: Uint8Array | undefined,
  flat: Float64Array,
  cum: Float64Array,
  edges: EdgeTable,
): void {
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const flags = at.flags;
  const nt = p.sampleTypes.length;
  const seen = new Int32Array(cum.length);
  let s = p.sampleCount - 1;
  for (let k = sampleLocs.length - 1; k >= 0; k--) {
    if (flags[sampleLocs[k]] !== THROUGH) continue;
    while (sampleLocStart[s] > k) s--;
    const w = sampleValues[s * nt + sampleIndex];
    if (w !== 0 && (keep === undefined || keep[s] === 1)) sampleEdges(p, table, at, marks, s, k, w, flat, cum, seen, edges);
    k = sampleLocStart[s]; // the rest of this sample has been read
  }
}

/**
 * Sample s from sampleLocs[from], its outermost location with a marked frame, to its leaf: root to leaf, as
 * pprof walks (whether a call is inlined is decided by its first pass).
 */
function sampleEdges(
  p: Profile,
  { frameStart, frames }: Frames,
  { flags, ends }: Locations,
  marks: Uint8Array,
  s: number,
  from: number,
  w: number,
  flat: Float64Array,
  cum: Float64Array,
  seen: Int32Array,
  edges: EdgeTable,
): void {
  const { sampleLocs } = p;
  const first = p.sampleLocStart[s];
  const end = p.sampleLocStart[s + 1];
  const stamp = s + 1;
  let j = from;
  let leaf = -1; // the innermost frame of the last marked location, while no location with a frame follows it
  while (j >= first) {
    // sampleLocs[j] has a marked frame. Its caller is the innermost frame of the location above.
    const l = sampleLocs[j];
    let parent = innermostAbove(p, ends, j + 1, end);
    const outer = frameStart[l + 1] - 1;
    for (let i = outer; i >= frameStart[l]; i--) {
      const n = frames[i];
      const mark = marks[n];
      if (mark !== 0 && seen[n] !== stamp) {
        seen[n] = stamp;
        cum[n] += w;
      }
      if (parent >= 0 && n !== parent && ((mark & EDGES_IN) !== 0 || (marks[parent] & EDGES_OUT) !== 0)) {
        edges.add(parent, n, w, stamp, i !== outer);
      }
      parent = n;
    }
    leaf = parent;
    // The next location with a frame is the callee's; the edge into it counts if the caller is marked.
    j--;
    while (j >= first && flags[sampleLocs[j]] === EMPTY_LOCATION) j--;
    if (j < first || flags[sampleLocs[j]] === THROUGH) continue;
    leaf = -1;
    if ((marks[parent] & EDGES_OUT) !== 0) edges.add(parent, ends[2 * sampleLocs[j] + 1], w, stamp, false);
    // Then on to the next marked location; those in between need nothing.
    while (j >= first && flags[sampleLocs[j]] !== THROUGH) j--;
  }
  // The leaf is the innermost frame of the last location with one; only a marked one gets the flat.
  if (leaf >= 0 && marks[leaf] !== 0) flat[leaf] += w;
}

/** The innermost frame of the first location with a frame from sampleLocs[j] on, rootwards. */
function innermostAbove(p: Profile, ends: Int32Array, j: number, end: number): number {
  for (; j < end; j++) if (ends[2 * p.sampleLocs[j]] >= 0) return ends[2 * p.sampleLocs[j]];
  return -1;
}

/** Call edges by (caller, callee) in an open-addressing table; a Map keyed by pairs is slow in V8. */
class EdgeTable {
  private n = 0;
  private slots: Int32Array;
  private caller: Int32Array;
  private callee: Int32Array;
  private weight: Float64Array;
  private called: Uint8Array;
  private stamp: Int32Array;

  /** Growing the table is a path the scan's optimized code may not have seen yet: room for `capacity` edges avoids it. */
  constructor(capacity: number) {
    let size = 16;
    while (size < 2 * capacity) size *= 2;
    this.slots = new Int32Array(size);
    this.caller = new Int32Array(size / 2);
    this.callee = new Int32Array(size / 2);
    this.weight = new Float64Array(size / 2);
    this.called = new Uint8Array(size / 2);
    this.stamp = new Int32Array(size / 2);
  }

  /** Adds the sample's value to the edge once per stamp; the first pass per sample says whether it was inlined. */
  add(from: number, to: number, w: number, stamp: number, inlined: boolean): void {
    const e = this.id(from, to);
    if (this.stamp[e] === stamp) return;
    this.stamp[e] = stamp;
    this.weight[e] += w;
    if (!inlined) this.called[e] = 1;
  }

  done() {
    const n = this.n;
    const inline = new Uint8Array(n);
    for (let e = 0; e < n; e++) inline[e] = this.called[e] === 0 ? 1 : 0;
    return { edgeCount: n, caller: this.caller.slice(0, n), callee: this.callee.slice(0, n), weight: this.weight.slice(0, n), inline };
  }

  private id(from: number, to: number): number {
    const { slots, caller, callee } = this;
    const mask = slots.length - 1;
    let h = (Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca6b)) & mask;
    for (;;) {
      const e = slots[h] - 1;
      if (e < 0) break;
      if (caller[e] === from && callee[e] === to) return e;
      h = (h + 1) & mask;
    }
    return this.insert(from, to, h);
  }

  private insert(from: number, to: number, h: number): number {
    const e = this.n++;
    if (e === this.caller.length) this.grow();
    this.caller[e] = from;
    this.callee[e] = to;
    if (2 * this.n > this.slots.length) this.rehash();
    else this.slots[h] = e + 1;
    return e;
  }

  private grow(): void {
    const size = 2 * this.caller.length;
    const more = <T extends Int32Array | Float64Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.caller = more(this.caller, new Int32Array(size));
    this.callee = more(this.callee, new Int32Array(size));
    this.weight = more(this.weight, new Float64Array(size));
    this.called = more(this.called, new Uint8Array(size));
    this.stamp = more(this.stamp, new Int32Array(size));
  }

  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.n; e++) {
      let h = (Math.imul(this.caller[e], 0x9e3779b1) ^ Math.imul(this.callee[e], 0x85ebca6b)) & mask;
      while (this.slots[h] !== 0) h = (h + 1) & mask;
      this.slots[h] = e + 1;
    }
  }
}
