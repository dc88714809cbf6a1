// One 32-byte row per sample for the flame index: the sample, and its next frames read from the root
// towards the leaf. Stacks of different samples lie far apart in sampleLocs, so reading one frame per
// visit would cost a cache miss per frame; a row is refilled a queue of frames at a time and moves with
// its sample, so a pass over a node's rows reads memory in order.
//
// Every sample of a flame node has read exactly `depth` frames, and rows are refilled together whenever
// depth is a multiple of the queue length, so the next frame of every row of a node sits in the same slot.
// Rows live in one of two buffers: sorting a node's range moves its rows into the other buffer at the
// same positions, so nothing is copied back; each node remembers which buffer holds its rows.
// Frames are stored plus one (0: the stack has ended), two to an int when the table has fewer than
// 65535 nodes (14 queued), else one to an int (7 queued).
import type { FrameTable } from './frames';
import type { Profile } from './profile';

export const ROW = 8; // ints per row: the sample, then the queued frames
const BLOCK = 256; // rows whose stacks are fetched together

export type Buffer = 0 | 1;

/** How a query weighs a row: its value of one sample type, or 0 when keep[sample] is 0. */
export interface Weight {
  readonly sampleIndex: number;
  readonly keep: Uint8Array | undefined;
}

export class StackRows {
  /** The two row buffers; the second is allocated by the first sort. */
  readonly rows: [Int32Array, Int32Array];
  /** The same buffers as 64-bit words, to move rows with half the loads and stores (bit for bit). */
  private readonly words: [BigInt64Array, BigInt64Array];
  /**
   * Per sample type that a query has used: the value of each row, per buffer. They move with the rows, so
   * that a pass over a node's rows reads its values in order too. A type is only moved along once used.
   */
  private readonly typeValues: ([Float64Array, Float64Array] | undefined)[];
  private readonly sampleValues: Float64Array;
  private readonly types: number;
  readonly size: number;
  /** Frames take a whole int (the table has 65535 nodes or more). */
  readonly wide: boolean;
  /** Frames queued per row. */
  readonly queued: number;
  private readonly sampleLocs: Int32Array;
  private readonly frameStart: Int32Array;
  private readonly frames: Int32Array;
  /**
   * Per sample, where its stack reader stands, three ints side by side (one cache line to fetch): the index
   * into sampleLocs of the location being read, counting down towards the leaf; the index into frames of
   * the next unread frame of that location, -1 = its root side; and the sample's first (leaf) index.
   */
  private readonly cursor: Int32Array;
  /** Per location: its frame plus one when it has exactly one frame, else 0 (16 bits when frames fit). */
  private readonly single: Uint16Array | Int32Array;

  /** Rows for the samples with some non-zero value, in sample order, queued with their first frames. */
  constructor(p: Profile, table: FrameTable) {
    const nt = p.sampleTypes.length;
    const v = p.sampleValues;
    const used = new Uint8Array(p.sampleCount);
    let n = 0;
    for (let s = 0; s < p.sampleCount; s++) {
      for (let t = 0; t < nt; t++) if (v[s * nt + t] !== 0) used[s] = 1;
      n += used[s];
    }
    this.size = n;
    this.wide = table.nodes.count >= 0xffff;
    this.queued = this.wide ? ROW - 1 : 2 * (ROW - 1);
    this.rows = [new Int32Array(n * ROW), new Int32Array(0)];
    this.words = [new BigInt64Array(this.rows[0].buffer), new BigInt64Array(0)];
    this.types = nt;
    this.sampleValues = v;
    this.typeValues = new Array(nt).fill(undefined);
    this.sampleLocs = p.sampleLocs;
    this.frameStart = table.frameStart;
    this.frames = table.frames;
    this.cursor = new Int32Array(3 * p.sampleCount);
    this.single = this.wide ? new Int32Array(p.locationCount) : new Uint16Array(p.locationCount);
    for (let l = 0; l < p.locationCount; l++) if (table.frameStart[l + 1] - table.frameStart[l] === 1) this.single[l] = table.frames[table.frameStart[l]] + 1;
    const q = this.rows[0];
    for (let s = 0, i = 0; s < p.sampleCount; s++) {
      this.cursor[3 * s] = p.sampleLocStart[s + 1] - 1;
      this.cursor[3 * s + 1] = -1;
      this.cursor[3 * s + 2] = p.sampleLocStart[s];
      if (used[s]) q[ROW * i++] = s;
    }
    // In sample order the stacks are read in the order they are stored: no need to fetch them ahead.
    for (let i = 0; i < n; i++) this.refill(q, i);
  }

  /** The values of sample type t in row order, per buffer, if a query has used the type. */
  valuesOf(t: number): [Float64Array, Float64Array] | undefined {
    return this.typeValues[t];
  }

  /**
   * Starts moving sample type t's values along with the rows. `ranges` calls back with every range of rows
   * that is current in a buffer; those get their values now.
   */
  addValues(t: number, ranges: (each: (buf: Buffer, lo: number, hi: number) => void) => void): [Float64Array, Float64Array] {
    const { sampleValues, types } = this;
    const out: [Float64Array, Float64Array] = [new Float64Array(this.size), new Float64Array(this.rows[1].length === 0 ? 0 : this.size)];
    ranges((buf, lo, hi) => {
      const q = this.rows[buf];
      const w = out[buf];
      for (let i = lo; i < hi; i++) w[i] = sampleValues[q[i * ROW] * types + t];
    });
    this.typeValues[t] = out;
    return out;
  }

  /** The slot that holds the frame at `depth`. */
  slot(depth: number): number {
    return depth % this.queued;
  }

  /** Refills the queues of rows [lo, hi) when `depth` starts a new queue; a no-op otherwise. */
  queue(buf: Buffer, lo: number, hi: number, depth: number): void {
    // The constructor queued the first frames of every row.
    if (depth % this.queued === 0 && depth > 0) this.fill(this.rows[buf], lo, hi);
  }

  /** The frame in `slot` of row i of buffer q, or -1 when the stack has ended. */
  frameAt(q: Int32Array, i: number, slot: number): number {
    if (this.wide) return q[i * ROW + 1 + slot] - 1;
    return ((q[i * ROW + 1 + (slot >> 1)] >>> ((slot & 1) << 4)) & 0xffff) - 1;
  }

  private fill(q: Int32Array, lo: number, hi: number): void {
    const { sampleLocs, cursor } = this;
    for (let b = lo; b < hi; b += BLOCK) {
      const e = Math.min(hi, b + BLOCK);
      // Touch each stack first in a tight loop, so that many cache misses are in flight at once;
      // the refills then find their cursors and locations in cache.
      let touch = 0;
      for (let i = b; i < e; i++) {
        const at = cursor[3 * q[i * ROW]];
        touch += sampleLocs[at > 0 ? at : 0] + sampleLocs[at > 12 ? at - 12 : 0];
      }
      q[b * ROW + 1] = touch; // overwritten by the refill; keeps the touch loop from being dropped
      for (let i = b; i < e; i++) this.refill(q, i);
    }
  }

  /** Queues the next frames of row i, reading its stack on from where the last refill stopped. */
  private refill(q: Int32Array, i: number): void {
    const { sampleLocs, frameStart, frames, single, wide, queued } = this;
    const r = i * ROW;
    const c = 3 * q[r];
    const cursor = this.cursor;
    let p = cursor[c];
    let f = cursor[c + 1];
    const first = cursor[c + 2];
    for (let k = 0; k < queued; k++) {
      // The next frame from the root, plus one; 0 once the stack has ended.
      let v = 0;
      while (p >= first) {
        const l = sampleLocs[p];
        if (f < 0) {
          // The usual location: one frame.
          const one = single[l];
          if (one > 0) {
            v = one;
            p--;
            break;
          }
          // Frames of a location are stored innermost first, so its root side is read from the end. A
          // location whose frames are all hidden has none.
          f = frameStart[l + 1] - 1;
          if (f < frameStart[l]) {
            p--;
            f = -1;
            continue;
          }
        }
        v = frames[f] + 1;
        if (--f < frameStart[l]) {
          p--;
          f = -1;
        }
        break;
      }
      if (wide) q[r + 1 + k] = v;
      else if ((k & 1) === 0) q[r + 1 + (k >> 1)] = v;
      else q[r + 1 + (k >> 1)] |= v << 16;
    }
    cursor[c] = p;
    cursor[c + 1] = f;
  }

  /**
   * The frames at depth, depth+1, … that every row of [lo, hi) shares, up to the end of the queued frames.
   * The rows must be queued for `depth` (see queue).
   */
  sharedFrames(buf: Buffer, lo: number, hi: number, depth: number): number[] {
    const q = this.rows[buf];
    const from = this.slot(depth);
    let to = from;
    while (to < this.queued && this.frameAt(q, lo, to) >= 0) to++;
    for (let i = lo + 1; i < hi && to > from; i++) {
      let k = from;
      while (k < to && this.frameAt(q, i, k) === this.frameAt(q, lo, k)) k++;
      to = k;
    }
    const out: number[] = [];
    for (let k = from; k < to; k++) out.push(this.frameAt(q, lo, k));
    return out;
  }

  /**
   * Moves the rows of [lo, hi) of buffer `from` to the other buffer, sorted by key (the frame at the node's
   * depth): rows with key -1 (their stack ended) first, then each key's rows from next[key] on, in order.
   * The queued frames before slot `live` have been read and are left behind. With nextKey, each row's
   * frame in slot `live` is put in nextKey at its new position.
   */
  scatter(from: Buffer, lo: number, hi: number, key: Int32Array, next: Int32Array, live: number, nextKey: Int32Array | undefined): void {
    const to = from === 0 ? 1 : 0;
    if (this.rows[to].length === 0) {
      this.rows[to] = new Int32Array(this.size * ROW);
      this.words[to] = new BigInt64Array(this.rows[to].buffer);
      for (const v of this.typeValues) if (v) v[to] = new Float64Array(this.size);
    }
    const src = this.rows[from];
    const srcWords = this.words[from];
    const dstWords = this.words[to];
    let selfAt = lo;
    for (let i = lo; i < hi; i++) {
      const k = key[i];
      key[i] = k < 0 ? selfAt++ : next[k]++;
    }
    // Rows move in 64-bit words; the first word holds the sample, and words before `firstWord` hold only
    // spent frames.
    const W = ROW >> 1;
    const firstWord = Math.max(1, (1 + (this.wide ? live : live >> 1)) >> 1);
    for (let i = lo; i < hi; i++) {
      const a = i * W;
      const b = key[i] * W;
      dstWords[b] = srcWords[a];
      for (let c = firstWord; c < W; c++) dstWords[b + c] = srcWords[a + c];
    }
    if (nextKey) {
      const at = this.wide ? 1 + live : 1 + (live >> 1);
      const shift = this.wide ? 0 : (live & 1) << 4;
      const mask = this.wide ? -1 : 0xffff;
      for (let i = lo; i < hi; i++) nextKey[key[i]] = ((src[i * ROW + at] >>> shift) & mask) - 1;
    }
    for (const v of this.typeValues) {
      if (!v) continue;
      const out = v[from];
      const into = v[to];
      for (let i = lo; i < hi; i++) into[key[i]] = out[i];
    }
  }

  /** The sum of the weights of rows [lo, hi) of a buffer, and (when `signed`) of their magnitudes. */
  weigh(buf: Buffer, lo: number, hi: number, weight: Weight, signed: boolean): Float64Array {
    const values = this.typeValues[weight.sampleIndex]![buf];
    const keep = weight.keep;
    let sum = 0;
    let abs = 0;
    if (keep === undefined && !signed) for (let i = lo; i < hi; i++) sum += values[i];
    else {
      const q = this.rows[buf];
      for (let i = lo; i < hi; i++) {
        const v = keep === undefined || keep[q[i * ROW]] === 1 ? values[i] : 0;
        sum += v;
        abs += Math.abs(v);
      }
    }
    this.weighed[0] = sum;
    this.weighed[1] = abs;
    return this.weighed;
  }

  private readonly weighed = new Float64Array(2);
}
