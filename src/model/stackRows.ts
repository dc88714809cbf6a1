// One 64-byte row per sample for the flame partition: where the sample's stack reader stands, and its next
// frames read from the root towards the leaf. Stacks of different samples lie far apart in sampleLocs, so
// reading one frame per visit would cost a cache miss per frame; a row is refilled QUEUED frames at a time
// and moves with its sample, so a partition pass reads memory in order.
//
// Every sample of a flame node has read exactly `depth` frames, and rows are refilled together whenever
// depth is a multiple of QUEUED, so the next frame of every row of a node sits in the same column.
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

export class StackRows {
  rows: Int32Array;
  weight: Float64Array;
  readonly size: number;
  private readonly sampleLocs: Int32Array;
  private readonly frameStart: Int32Array;
  private readonly frames: Int32Array;

  /** Rows for the samples with a non-zero weight, in sample order, each at its root. */
  constructor(p: Profile, table: FrameTable, weights: Float64Array) {
    let n = 0;
    for (let s = 0; s < p.sampleCount; s++) if (weights[s] !== 0) n++;
    this.size = n;
    this.rows = new Int32Array(n * ROW);
    this.weight = new Float64Array(n);
    this.sampleLocs = p.sampleLocs;
    this.frameStart = table.frameStart;
    this.frames = table.frames;
    const locStart = p.sampleLocStart;
    const q = this.rows;
    let i = 0;
    for (let s = 0; s < p.sampleCount; s++) {
      if (weights[s] === 0) continue;
      const r = i * ROW;
      q[r + POS] = locStart[s + 1] - 1;
      q[r + FIRST] = locStart[s];
      q[r + FRAME] = -1;
      this.weight[i++] = weights[s];
    }
  }

  /** Refills the queues of rows [lo, hi) when `depth` starts a new queue; a no-op otherwise. */
  queue(lo: number, hi: number, depth: number): void {
    if (depth % QUEUED !== 0) return;
    const q = this.rows;
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
      if (touch === -1) this.size.toFixed(); // keeps the touch loop from being optimised away
      for (let i = b; i < e; i++) this.refill(i);
    }
  }

  private refill(i: number): void {
    const q = this.rows;
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
}
