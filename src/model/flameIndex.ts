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
  private readonly key: Int32Array;
  private readonly touched: Int32Array;
  private readonly count: Int32Array;
  private readonly next: Int32Array;
  private readonly sumOf: Float64Array;
  private readonly absOf: Float64Array;
  /**
   * After a refine that moved rows: the ranges it made, in row order, as their end rows (lastEnds) and the
   * sum and sum of |weight| of their rows (lastSums: [sum, |sum|, …]), so that the caller need not add
   * the weights up again. The first range is the node's own rows, those whose stack ends there.
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
    this.frame[0] = -1;
    this.hi[0] = this.rows.size;
    this.buffer[0] = this.rows.rootBuffer;
    this.firstChild[0] = -1;
    this.key = new Int32Array(this.rows.size);
    const frames = table.nodes.count;
    this.touched = new Int32Array(frames);
    this.count = new Int32Array(frames);
    this.next = new Int32Array(frames);
    this.sumOf = new Float64Array(frames);
    this.absOf = new Float64Array(frames);
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
    const { key, touched, count, next, sumOf, absOf } = this;
    const q = this.rows.rows[buf];
    const slot = this.rows.slot(depth);
    // The frame of each row at this depth is in the int `at`, at bit `shift` (see stackRows.ts).
    const wide = this.rows.wide;
    const at = wide ? 1 + slot : 1 + (slot >> 1);
    const shift = wide ? 0 : (slot & 1) << 4;
    const mask = wide ? -1 : 0xffff;
    let kinds = 0;
    let self = 0;
    // Group rows stand for as many rows as their groups have samples (see stackRows.ts).
    const grouped = this.rows.grouped(depth);
    const span = this.rows.span[buf];
    for (let i = lo; i < hi; ) {
      const n = grouped ? span[i] : 1;
      const f = ((q[i * ROW + at] >>> shift) & mask) - 1;
      key[i] = f;
      if (f < 0) self += n;
      else {
        if (count[f] === 0) touched[kinds++] = f;
        count[f] += n;
      }
      i += n;
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
      // The children read on from the next slot; the ones before it are spent and need not move. The
      // weights of each part are added up on the way (see lastEnds).
      const self = this.rows.scatter(buf, lo, hi, grouped, key, next, slot + 1, weight, signed, sumOf, absOf);
      const ends = this.lastEnds;
      const sums = this.lastSums;
      ends.length = 0;
      sums.length = 0;
      ends.push(this.selfEnd[node]);
      sums.push(self[0], self[1]);
      for (let c = first; c < first + kinds; c++) {
        const f = this.frame[c];
        ends.push(this.hi[c]);
        sums.push(sumOf[f], absOf[f]);
        sumOf[f] = 0;
        absOf[f] = 0;
      }
    }
    for (let k = 0; k < kinds; k++) count[touched[k]] = 0;
    return moved;
  }

  /** Sample type t's values in row order, per buffer; a type no query used before is gathered now. */
  values(t: number): [Float64Array, Float64Array] {
    return this.rows.valuesOf(t) ?? this.rows.addValues(t, (each) => this.currentRanges(0, each));
  }

  /**
   * Calls `each` with the ranges of a node's rows, in row order, each with the buffer that holds it and
   * whether its rows are group rows.
   */
  currentRanges(x: number, each: (buf: Buffer, lo: number, hi: number, grouped: boolean) => void): void {
    const depth = this.depth[x];
    if (!this.isRefined(x)) {
      // Not queued for its depth yet: at the end of the first queue, still group rows.
      each(this.buffer[x] as Buffer, this.lo[x], this.hi[x], depth <= this.rows.queued);
      return;
    }
    const c0 = this.firstChild[x];
    const n = this.childCount[x];
    // Rows that end at x moved with its children when they moved; they come first in its range. Runs of
    // unrefined children share a buffer, and are reported as one range.
    const buf = (n > 0 ? this.buffer[c0] : this.buffer[x]) as Buffer;
    const grouped = this.rows.grouped(depth);
    let from = this.lo[x];
    for (let c = c0; c < c0 + n; c++) {
      if (!this.isRefined(c)) continue;
      if (from < this.lo[c]) each(buf, from, this.lo[c], grouped);
      this.currentRanges(c, each);
      from = this.hi[c];
    }
    if (from < this.hi[x]) each(buf, from, this.hi[x], grouped);
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
