// A lazily refined call tree over the samples, kept per profile and frame table. The samples of a node
// always sit in one contiguous range of rows, so a node is just (range, depth), and refining a node
// sorts its range by the next frame: each child becomes a sub-range. Refinement does not depend on the
// sample type or on focus/ignore/tag filters (those only change weights), so once a node is refined,
// every later flame tree (another sample type, a filter, a zoom) reuses it; only nodes never drawn
// before cost a pass over their samples.
import type { FrameTable } from './frames';
import type { Profile } from './profile';
import { ROW, StackRows, type Buffer, type Weight } from './stackRows';

export type { Buffer, Weight };

export class FlameIndex {
  readonly rows: StackRows;
  readonly table: FrameTable;
  // Nodes, in typed columns that grow by doubling; node 0 is the root. A refined node's children are nodes
  // firstChild .. firstChild+childCount-1, in row order; rows [lo, selfEnd) are the samples whose stack
  // ends at the node. buffer says which row buffer holds the node's rows.
  nodeCount = 1;
  frame: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  depth: Int32Array;
  selfEnd: Int32Array;
  firstChild: Int32Array;
  childCount: Int32Array;
  buffer: Uint8Array;
  /** Whether nextKey holds the frame at the node's depth of each of its rows (see split). */
  keyed: Uint8Array;
  private readonly nextKey: Int32Array;
  private readonly key: Int32Array;
  private readonly touched: Int32Array;
  private readonly count: Int32Array;
  private readonly next: Int32Array;
  /**
   * After a refine that moved rows: the ranges it made, in row order, as their end rows (lastEnds) and the
   * sum and sum of |weight| of their rows (lastSums: [sum, |sum|, …]), for the caller's prefix sums. The
   * first range is the node's own rows, those whose stack ends there.
   */
  readonly lastEnds: number[] = [];
  readonly lastSums: number[] = [];
  /** Per-query buffers (see flameTree.ts), kept between queries so that a query allocates nothing big. */
  scratch: { sum: Float64Array; abs: Float64Array | undefined } | undefined;

  constructor(p: Profile, table: FrameTable) {
    this.table = table;
    this.rows = new StackRows(p, table);
    const capacity = 1024;
    this.frame = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.selfEnd = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity);
    this.childCount = new Int32Array(capacity);
    this.buffer = new Uint8Array(capacity);
    this.keyed = new Uint8Array(capacity);
    this.nextKey = new Int32Array(this.rows.size);
    this.frame[0] = -1;
    this.hi[0] = this.rows.size;
    this.firstChild[0] = -1;
    this.key = new Int32Array(this.rows.size);
    const frames = table.nodes.count;
    // Values move with the rows only for the sample types that queries use; with one or two types (a CPU
    // profile), both are taken at once, so that switching between them costs no gathering.
    if (p.sampleTypes.length <= 2) for (let t = 0; t < p.sampleTypes.length; t++) this.values(t);
    this.touched = new Int32Array(frames);
    this.count = new Int32Array(frames);
    this.next = new Int32Array(frames);
  }

  /** Rows: the samples with some non-zero value. */
  get size(): number {
    return this.rows.size;
  }

  isRefined(node: number): boolean {
    return this.firstChild[node] >= 0;
  }

  /** The child of `node` for `frame`, or -1. The node must be refined. */
  child(node: number, frame: number): number {
    for (let c = this.firstChild[node], e = c + this.childCount[node]; c < e; c++) if (this.frame[c] === frame) return c;
    return -1;
  }

  /** Gives `node` its children; `weight` says how to weigh a row. Returns true when rows moved. */
  refine(node: number, weight: Weight, signed = true): boolean {
    if (this.isRefined(node)) return false;
    // Gathered while every node's rows are where the nodes say (before this one changes).
    this.values(weight.sampleIndex);
    const lo = this.lo[node];
    const hi = this.hi[node];
    const depth = this.depth[node];
    const buf = this.buffer[node] as Buffer;
    this.rows.queue(buf, lo, hi, depth);
    const chain = this.rows.sharedFrames(buf, lo, hi, depth);
    if (chain.length > 0) {
      // Every sample goes on through the same frames: a chain of sole children, no rows move.
      let parent = node;
      for (let k = 0; k < chain.length; k++) {
        const c = this.add(chain[k], lo, hi, depth + k + 1, buf);
        this.selfEnd[parent] = lo;
        this.firstChild[parent] = c;
        this.childCount[parent] = 1;
        parent = c;
      }
      return false;
    }
    return this.split(node, lo, hi, depth, buf, weight, signed);
  }

  /** `signed`: whether weights can be negative; if not, |weight| sums are not kept apart. */
  private split(node: number, lo: number, hi: number, depth: number, buf: Buffer, weight: Weight, signed: boolean): boolean {
    const { key, touched, count, next } = this;
    const q = this.rows.rows[buf];
    const slot = this.rows.slot(depth);
    // The frame of each row at this depth is in the int `at`, at bit `shift` (see stackRows.ts).
    const wide = this.rows.wide;
    const at = wide ? 1 + slot : 1 + (slot >> 1);
    const shift = wide ? 0 : (slot & 1) << 4;
    const mask = wide ? -1 : 0xffff;
    let kinds = 0;
    let self = 0;
    if (this.keyed[node]) {
      // The parent's sort read the frames already.
      const nextKey = this.nextKey;
      for (let i = lo; i < hi; i++) {
        const f = nextKey[i];
        key[i] = f;
        if (f < 0) self++;
        else if (count[f]++ === 0) touched[kinds++] = f;
      }
    } else {
      for (let i = lo; i < hi; i++) {
        const f = ((q[i * ROW + at] >>> shift) & mask) - 1;
        key[i] = f;
        if (f < 0) self++;
        else if (count[f]++ === 0) touched[kinds++] = f;
      }
    }
    // Rows that end here first, then one range per next frame, in order of first appearance.
    let start = lo + self;
    this.selfEnd[node] = start;
    const first = this.nodeCount;
    const moved = kinds > 1 || (kinds === 1 && self > 0);
    const childBuf: Buffer = moved ? (buf === 0 ? 1 : 0) : buf;
    for (let k = 0; k < kinds; k++) {
      const f = touched[k];
      this.add(f, start, start + count[f], depth + 1, childBuf);
      next[f] = start;
      start += count[f];
    }
    this.firstChild[node] = first;
    this.childCount[node] = kinds;
    if (moved) {
      // The children read on from the next slot; the ones before it are spent and need not move. Moving
      // the rows reads them anyway: the children's frames are read on the way when they are in the same
      // queue (see nextKey).
      const keyNext = slot + 1 < this.rows.queued;
      this.rows.scatter(buf, lo, hi, key, next, slot + 1, keyNext ? this.nextKey : undefined);
      if (keyNext) for (let c = first; c < first + kinds; c++) this.keyed[c] = 1;
      // The weights of each part, added up in its new place (see lastEnds).
      const ends = this.lastEnds;
      const sums = this.lastSums;
      ends.length = 0;
      sums.length = 0;
      let at = lo;
      for (let c = first - 1; c < first + kinds; c++) {
        const end = c < first ? this.selfEnd[node] : this.hi[c];
        const w = this.rows.weigh(childBuf, at, end, weight, signed);
        ends.push(end);
        sums.push(w[0], w[1]);
        at = end;
      }
    }
    for (let k = 0; k < kinds; k++) count[touched[k]] = 0;
    return moved;
  }

  /** Sample type t's values in row order, per buffer; a type no query used before is gathered now. */
  values(t: number): [Float64Array, Float64Array] {
    return this.rows.valuesOf(t) ?? this.rows.addValues(t, (each) => this.currentRanges(0, each));
  }

  /** Calls `each` with the ranges of a node's rows, in row order, each with the buffer that holds it. */
  currentRanges(x: number, each: (buf: Buffer, lo: number, hi: number) => void): void {
    if (!this.isRefined(x)) {
      each(this.buffer[x] as Buffer, this.lo[x], this.hi[x]);
      return;
    }
    const c0 = this.firstChild[x];
    const n = this.childCount[x];
    // Rows that end at x moved with its children when they moved; they come first in its range. Runs of
    // unrefined children share a buffer, and are reported as one range.
    const buf = (n > 0 ? this.buffer[c0] : this.buffer[x]) as Buffer;
    let from = this.lo[x];
    for (let c = c0; c < c0 + n; c++) {
      if (!this.isRefined(c)) continue;
      if (from < this.lo[c]) each(buf, from, this.lo[c]);
      this.currentRanges(c, each);
      from = this.hi[c];
    }
    if (from < this.hi[x]) each(buf, from, this.hi[x]);
  }

  private add(frame: number, lo: number, hi: number, depth: number, buf: Buffer): number {
    const n = this.nodeCount++;
    if (n === this.frame.length) this.grow();
    this.frame[n] = frame;
    this.lo[n] = lo;
    this.hi[n] = hi;
    this.depth[n] = depth;
    this.selfEnd[n] = lo;
    this.firstChild[n] = -1;
    this.childCount[n] = 0;
    this.buffer[n] = buf;
    this.keyed[n] = 0;
    return n;
  }

  private grow(): void {
    const size = 2 * this.frame.length;
    const more = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    const ints = (n: number) => new Int32Array(n);
    this.frame = more(this.frame, ints);
    this.lo = more(this.lo, ints);
    this.hi = more(this.hi, ints);
    this.depth = more(this.depth, ints);
    this.selfEnd = more(this.selfEnd, ints);
    this.firstChild = more(this.firstChild, ints);
    this.childCount = more(this.childCount, ints);
    this.buffer = more(this.buffer, (n) => new Uint8Array(n));
    this.keyed = more(this.keyed, (n) => new Uint8Array(n));
  }
}

const cache = new WeakMap<Profile, Map<string, FlameIndex>>();
const KEPT = 4; // indexes kept per profile besides the unfiltered one

/**
 * The index of a profile seen through the given hide/show filters (`key` names them), built from
 * `table()` on first use. The unfiltered index and the last few filtered ones are kept.
 */
export function flameIndex(p: Profile, key: string, table: () => FrameTable): FlameIndex {
  let perProfile = cache.get(p);
  if (!perProfile) cache.set(p, (perProfile = new Map()));
  let index = perProfile.get(key);
  if (index) {
    perProfile.delete(key);
  } else {
    index = new FlameIndex(p, table());
    if (perProfile.size > KEPT) {
      for (const k of perProfile.keys()) {
        if (k === '') continue;
        perProfile.delete(k);
        break;
      }
    }
  }
  perProfile.set(key, index);
  return index;
}
