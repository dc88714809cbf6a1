// A lazily refined call tree over the samples, kept per profile and frame table. The samples of a node
// always sit in one contiguous range of rows, so a node is just (range, depth), and refining a node
// sorts its range by the next frame: each child becomes a sub-range. Refinement does not depend on the
// sample type or on focus/ignore/tag filters (those only change weights), so once a node is refined,
// every later flame tree (another sample type, a filter, a zoom) reuses it; only nodes never drawn
// before cost a pass over their samples.
import type { FrameTable } from './frames';
import type { Profile } from './profile';
import { ROW, StackRows, type Buffer } from './stackRows';

export type { Buffer };

/** How a query weighs a row: its value of one sample type, or 0 when keep[sample] is 0. */
export interface Weight {
  readonly sampleIndex: number;
  readonly keep: Uint8Array | undefined;
}


export class FlameIndex {
  readonly rows: StackRows;
  readonly table: FrameTable;
  // Nodes; node 0 is the root. A refined node's children are nodes firstChild .. firstChild+childCount-1,
  // in row order; rows [lo, selfEnd) are the samples whose stack ends at the node.
  readonly frame: number[] = [-1];
  readonly lo: number[] = [0];
  readonly hi: number[];
  readonly depth: number[] = [0];
  readonly selfEnd: number[] = [0];
  readonly firstChild: number[] = [-1];
  readonly childCount: number[] = [0];
  /** Which row buffer holds the node's rows. */
  readonly buffer: Buffer[] = [0];
  private readonly key: Int32Array;
  private readonly touched: Int32Array;
  private readonly count: Int32Array;
  private readonly next: Int32Array;
  private readonly sumOf: Float64Array;
  private readonly absOf: Float64Array;
  /**
   * After a refine that moved rows: the sum and the sum of |weight| of the node's own samples, then of each
   * child, in row order: [self, |self|, child0, |child0|, …].
   */
  readonly lastSplit: number[] = [];
  /** Per-query buffers (see flameTree.ts), kept between queries so that a query allocates nothing big. */
  scratch: { sum: Float64Array; abs: Float64Array | undefined } | undefined;

  constructor(p: Profile, table: FrameTable) {
    this.table = table;
    this.rows = new StackRows(p, table);
    this.hi = [this.rows.size];
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

  get nodeCount(): number {
    return this.frame.length;
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
    const lo = this.lo[node];
    const hi = this.hi[node];
    const depth = this.depth[node];
    const buf = this.buffer[node];
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
    const values = this.rows.values[buf];
    const nt = this.rows.types;
    const t = weight.sampleIndex;
    const keep = weight.keep;
    const slot = this.rows.slot(depth);
    // The frame of each row at this depth is in the int `at`, at bit `shift` (see stackRows.ts).
    const wide = this.rows.wide;
    const at = wide ? 1 + slot : 1 + (slot >> 1);
    const shift = wide ? 0 : (slot & 1) << 4;
    const mask = wide ? -1 : 0xffff;
    let kinds = 0;
    let self = 0;
    let selfSum = 0;
    let selfAbs = 0;
    for (let i = lo; i < hi; i++) {
      const f = ((q[i * ROW + at] >>> shift) & mask) - 1;
      key[i] = f;
      const v = keep === undefined || keep[q[i * ROW]] === 1 ? values[i * nt + t] : 0;
      if (f < 0) {
        self++;
        selfSum += v;
        if (signed) selfAbs += Math.abs(v);
        continue;
      }
      if (count[f]++ === 0) touched[kinds++] = f;
      sumOf[f] += v;
      if (signed) absOf[f] += Math.abs(v);
    }
    // The caller's weight sums per part, so it need not add them up again (see lastSplit).
    const parts = this.lastSplit;
    parts.length = 0;
    parts.push(selfSum, selfAbs);
    for (let k = 0; k < kinds; k++) {
      const f = touched[k];
      parts.push(sumOf[f], absOf[f]);
      sumOf[f] = 0;
      absOf[f] = 0;
    }
    // Rows that end here first, then one range per next frame, in order of first appearance.
    let start = lo + self;
    this.selfEnd[node] = start;
    const first = this.frame.length;
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
    if (moved) this.rows.scatter(buf, lo, hi, key, next);
    for (let k = 0; k < kinds; k++) count[touched[k]] = 0;
    return moved;
  }

  private add(frame: number, lo: number, hi: number, depth: number, buf: Buffer): number {
    this.buffer.push(buf);
    this.frame.push(frame);
    this.lo.push(lo);
    this.hi.push(hi);
    this.depth.push(depth);
    this.selfEnd.push(lo);
    this.firstChild.push(-1);
    this.childCount.push(0);
    return this.frame.length - 1;
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
