// One 64-byte row per sample for the flame index: where the sample's stack reader stands, and its next
// frames read from the root towards the leaf. Stacks of different samples lie far apart in sampleLocs, so
// reading one frame per visit would cost a cache miss per frame; a row is refilled QUEUED frames at a time
// and moves with its sample, so a pass over a node's rows reads memory in order.
//
// Every sample of a flame node has read exactly `depth` frames, and rows are refilled together whenever
// depth is a multiple of QUEUED, so the next frame of every row of a node sits in the same column.
// Rows live in one of two buffers: sorting a node's range moves its rows into the other buffer at the
// same positions, so nothing is copied back; each node remembers which buffer holds its rows.
import type { FrameTable } from './frames';
import type { Profile } from './profile';

export const ROW = 16;
const POS = 0; // index into sampleLocs of the location being read, counting down towards the leaf
const FIRST = 1; // the sample's first (leaf) index into sampleLocs
const FRAME = 2; // index into frames of the next unread frame of that location, -1 = its root side
const HEAD = 3;
export const QUEUED = ROW - HEAD;
const BLOCK = 256; // rows whose stacks are fetched together

/** The row column that holds the frame at `depth`. */
export function column(depth: number): number {
  return HEAD + (depth % QUEUED);
}

export type Buffer = 0 | 1;

export class StackRows {
  /** The two row buffers; the second is allocated by the first sort. */
  readonly rows: [Int32Array, Int32Array];
  /** The sample of each row, per buffer. */
  readonly order: [Int32Array, Int32Array];
  readonly size: number;
  private readonly sampleLocs: Int32Array;
  private readonly frameStart: Int32Array;
  private readonly frames: Int32Array;

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
    this.rows = [new Int32Array(n * ROW), new Int32Array(0)];
    this.order = [new Int32Array(n), new Int32Array(0)];
    this.sampleLocs = p.sampleLocs;
    this.frameStart = table.frameStart;
    this.frames = table.frames;
    const locStart = p.sampleLocStart;
    const q = this.rows[0];
    const order = this.order[0];
    let i = 0;
    for (let s = 0; s < p.sampleCount; s++) {
      if (!used[s]) continue;
      const r = i * ROW;
      q[r + POS] = locStart[s + 1] - 1;
      q[r + FIRST] = locStart[s];
      q[r + FRAME] = -1;
      order[i++] = s;
    }
    this.fill(q, 0, n);
  }

  /** Refills the queues of rows [lo, hi) when `depth` starts a new queue; a no-op otherwise. */
  queue(buf: Buffer, lo: number, hi: number, depth: number): void {
    // The constructor queued the first frames of every row.
    if (depth % QUEUED === 0 && depth > 0) this.fill(this.rows[buf], lo, hi);
  }

  private fill(q: Int32Array, lo: number, hi: number): void {
    const locs = this.sampleLocs;
    for (let b = lo; b < hi; b += BLOCK) {
      const e = Math.min(hi, b + BLOCK);
      // Touch each stack first in a tight loop, so that many cache misses are in flight at once;
      // the refills then find their locations in cache.
      let touch = 0;
      for (let i = b; i < e; i++) {
        const p = q[i * ROW + POS];
        touch += locs[p] + locs[p > 12 ? p - 12 : 0];
      }
      q[b * ROW + HEAD] = touch; // overwritten by the refill; keeps the touch loop from being dropped
      for (let i = b; i < e; i++) this.refill(q, i);
    }
  }

  private refill(q: Int32Array, i: number): void {
    const { sampleLocs, frameStart, frames } = this;
    const r = i * ROW;
    let p = q[r + POS];
    let f = q[r + FRAME];
    const first = q[r + FIRST];
    let k = r + HEAD;
    const stop = r + ROW;
    while (k < stop && p >= first) {
      const l = sampleLocs[p];
      // Frames of a location are stored innermost first, so its root side is read from the end.
      const low = frameStart[l];
      if (f < 0) f = frameStart[l + 1] - 1;
      while (k < stop && f >= low) q[k++] = frames[f--];
      if (f < low) {
        p--;
        f = -1;
      }
    }
    while (k < stop) q[k++] = -1;
    q[r + POS] = p;
    q[r + FRAME] = f;
  }

  /**
   * The frames at depth, depth+1, … that every row of [lo, hi) shares, up to the end of the queued frames.
   * The rows must be queued for `depth` (see queue).
   */
  sharedFrames(buf: Buffer, lo: number, hi: number, depth: number): number[] {
    const q = this.rows[buf];
    const a = lo * ROW;
    const from = column(depth);
    let to = from;
    while (to < ROW && q[a + to] >= 0) to++;
    for (let i = lo + 1; i < hi && to > from; i++) {
      const b = i * ROW;
      let k = from;
      while (k < to && q[b + k] === q[a + k]) k++;
      to = k;
    }
    const frames: number[] = [];
    for (let k = from; k < to; k++) frames.push(q[a + k]);
    return frames;
  }

  /**
   * Moves row i of [lo, hi) of buffer `from` to row dest[i] of the other buffer (dest is a permutation of
   * the range); weights[from] move to weights[other] alike. Queue columns before `live` have been read
   * and are left behind.
   */
  scatter(from: Buffer, lo: number, hi: number, dest: Int32Array, weights: readonly [Float64Array, Float64Array], live: number): void {
    const to = from === 0 ? 1 : 0;
    if (this.rows[to].length === 0) {
      this.rows[to] = new Int32Array(this.size * ROW);
      this.order[to] = new Int32Array(this.size);
    }
    const src = this.rows[from];
    const dst = this.rows[to];
    const srcOrder = this.order[from];
    const dstOrder = this.order[to];
    const srcW = weights[from];
    const dstW = weights[to];
    for (let i = lo; i < hi; i++) {
      const t = dest[i];
      dstOrder[t] = srcOrder[i];
      dstW[t] = srcW[i];
      const a = i * ROW;
      const b = t * ROW;
      dst[b + POS] = src[a + POS];
      dst[b + FIRST] = src[a + FIRST];
      dst[b + FRAME] = src[a + FRAME];
      for (let k = live; k < ROW; k++) dst[b + k] = src[a + k];
    }
  }
}
