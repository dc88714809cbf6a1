// The edge half of pprof's graph.New (see sampleWalk.ts for the nodes): the call edges between adjacent
// frames, each counted once per sample, for the nodes a caller marks (callers/callees of one function, the
// inline marks of the top text). One scan of the stacks finds those through a marked node; only they are
// read in full.
import type { Profile } from '../profile/profile';

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
  /** Comparisons only (Profile.baseSample): flat, cum and weight of the base side alone (positive); the above are net. */
  readonly baseFlat?: Float64Array;
  readonly baseCum?: Float64Array;
  readonly baseWeight?: Float64Array;
}

/**
 * pprof's graph.New restricted to the marked nodes: their flat and cum, and the edges between adjacent
 * frames (caller ≠ callee) that `marks` asks for, each counted once per sample. Only the samples whose
 * stack passes through a marked node are looked at, and in them only the locations with a marked frame
 * and their neighbours. The stacks are scanned from the end, root first, so that each location is read once.
 */
export function walkEdges(
  p: Profile,
  table: Frames,
  weighing: { readonly sampleIndex: number; readonly keep?: Uint8Array },
  marks: Uint8Array,
): EdgeSums {
  const count = table.nodes.count;
  const sums = { flat: new Float64Array(count), cum: new Float64Array(count) };
  const base = { baseFlat: new Float64Array(count), baseCum: new Float64Array(count) };
  // Room for every edge when few nodes are marked, so that the scan never has to grow the table.
  let marked = 0;
  for (let n = 0; n < count; n++) if (marks[n] !== 0) marked++;
  const edges = new EdgeTable(marked <= 4 ? 2 * marked * count : 1024);
  scanEdges(p, table, locationsFor(table, marks), marks, weighing.sampleIndex, weighing.keep, { ...sums, ...base }, edges);
  const { baseWeight, ...found } = edges.done();
  return p.baseSample ? { ...sums, ...found, ...base, baseWeight } : { ...sums, ...found };
}

/** Per node: net flat and cum, and the base side's (which stays 0 unless the profile is a comparison). */
interface Sums {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly baseFlat: Float64Array;
  readonly baseCum: Float64Array;
}

const THROUGH = 1;
const EMPTY_LOCATION = 2;
const ONE_FRAME = 4;

interface Locations {
  /**
   * THROUGH when a frame of the location is marked (| ONE_FRAME when that is its only frame), EMPTY_LOCATION
   * when it has no frame (all hidden).
   */
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
    if (flags[l] === THROUGH && frameStart[l + 1] - frameStart[l] === 1) flags[l] |= ONE_FRAME;
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
  sums: Sums,
  edges: EdgeTable,
): void {
  const { sampleLocStart, sampleLocs, sampleValues, baseSample } = p;
  const flags = at.flags;
  const nt = p.sampleTypes.length;
  const seen = new Int32Array(sums.cum.length);
  let s = p.sampleCount - 1;
  let k = sampleLocs.length - 1;
  while (k >= 0) {
    // Four locations at a time while none has a marked frame, which is most of them: 1.5x faster on L.
    while (k >= 3 && ((flags[sampleLocs[k]] | flags[sampleLocs[k - 1]] | flags[sampleLocs[k - 2]] | flags[sampleLocs[k - 3]]) & THROUGH) === 0) k -= 4;
    if (k < 0) break;
    if ((flags[sampleLocs[k]] & THROUGH) === 0) {
      k--;
      continue;
    }
    while (sampleLocStart[s] > k) s--;
    const w = sampleValues[s * nt + sampleIndex];
    // A comparison's base sample counts on the base side too, negated there.
    const bw = baseSample !== undefined && baseSample[s] === 1 ? -w : 0;
    if (w !== 0 && (keep === undefined || keep[s] === 1)) sampleEdges(p, table, at, marks, s, k, w, bw, sums, seen, edges);
    k = sampleLocStart[s] - 1; // the rest of this sample has been read
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
  bw: number,
  { flat, cum, baseFlat, baseCum }: Sums,
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
    // Its frames, outermost first; a location that is one frame has it in `ends`, which is read anyway.
    const one = (flags[l] & ONE_FRAME) !== 0;
    const outer = one ? 0 : frameStart[l + 1] - 1;
    for (let i = outer, last = one ? 0 : frameStart[l]; i >= last; i--) {
      const n = one ? ends[2 * l] : frames[i];
      const mark = marks[n];
      if (mark !== 0 && seen[n] !== stamp) {
        seen[n] = stamp;
        cum[n] += w;
        baseCum[n] += bw;
      }
      if (parent >= 0 && n !== parent && ((mark & EDGES_IN) !== 0 || (marks[parent] & EDGES_OUT) !== 0)) {
        edges.add(parent, n, w, bw, stamp, i !== outer);
      }
      parent = n;
    }
    leaf = parent;
    // The next location with a frame is the callee's; the edge into it counts if the caller is marked.
    j--;
    while (j >= first && flags[sampleLocs[j]] === EMPTY_LOCATION) j--;
    if (j < first || (flags[sampleLocs[j]] & THROUGH) !== 0) continue;
    leaf = -1;
    if ((marks[parent] & EDGES_OUT) !== 0) edges.add(parent, ends[2 * sampleLocs[j] + 1], w, bw, stamp, false);
    // Then on to the next marked location (four at a time, as the scan); those in between need nothing.
    while (j >= first + 3 && ((flags[sampleLocs[j]] | flags[sampleLocs[j - 1]] | flags[sampleLocs[j - 2]] | flags[sampleLocs[j - 3]]) & THROUGH) === 0) j -= 4;
    while (j >= first && (flags[sampleLocs[j]] & THROUGH) === 0) j--;
  }
  // The leaf is the innermost frame of the last location with one; only a marked one gets the flat.
  if (leaf >= 0 && marks[leaf] !== 0) {
    flat[leaf] += w;
    baseFlat[leaf] += bw;
  }
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
  private baseWeight: Float64Array;
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
    this.baseWeight = new Float64Array(size / 2);
    this.called = new Uint8Array(size / 2);
    this.stamp = new Int32Array(size / 2);
  }

  /** Adds the sample's value to the edge once per stamp; the first pass per sample says whether it was inlined. */
  add(from: number, to: number, w: number, bw: number, stamp: number, inlined: boolean): void {
    const e = this.id(from, to);
    if (this.stamp[e] === stamp) return;
    this.stamp[e] = stamp;
    this.weight[e] += w;
    this.baseWeight[e] += bw;
    if (!inlined) this.called[e] = 1;
  }

  done() {
    const n = this.n;
    const inline = new Uint8Array(n);
    for (let e = 0; e < n; e++) inline[e] = this.called[e] === 0 ? 1 : 0;
    return { edgeCount: n, caller: this.caller.slice(0, n), callee: this.callee.slice(0, n), weight: this.weight.slice(0, n), baseWeight: this.baseWeight.slice(0, n), inline };
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
    this.baseWeight = more(this.baseWeight, new Float64Array(size));
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
