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

export class StackRows {
  /** The two row buffers; the second is allocated by the first sort. */
  readonly rows: [Int32Array, Int32Array];
  /** The sample values of each row (`types` per row), per buffer: they move with the rows, so that a
   * pass over a node's rows reads its values in order too. */
  readonly values: [Float64Array, Float64Array];
  readonly types: number;
  readonly size: number;
  /** Frames take a whole int (the table has 65535 nodes or more). */
  readonly wide: boolean;
  /** Frames queued per row. */
  readonly queued: number;
  private readonly sampleLocs: Int32Array;
  private readonly sampleLocStart: Int32Array;
  private readonly frameStart: Int32Array;
  private readonly frames: Int32Array;
  /** Per sample: the index into sampleLocs of the location being read, counting down towards the leaf. */
  private readonly pos: Int32Array;
  /** Per sample: the index into frames of the next unread frame of that location, -1 = its root side. */
  private readonly next: Int32Array;
  /** Per location: its frame when it has exactly one, else -1. */
  private readonly single: Int32Array;

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
    this.types = nt;
    this.values = [new Float64Array(n * nt), new Float64Array(0)];
    this.sampleLocs = p.sampleLocs;
    this.sampleLocStart = p.sampleLocStart;
    this.frameStart = table.frameStart;
    this.frames = table.frames;
    this.pos = new Int32Array(p.sampleCount);
    this.next = new Int32Array(p.sampleCount).fill(-1);
    this.single = new Int32Array(p.locationCount);
    for (let l = 0; l < p.locationCount; l++) this.single[l] = table.frameStart[l + 1] - table.frameStart[l] === 1 ? table.frames[table.frameStart[l]] : -1;
    const q = this.rows[0];
    const rowValues = this.values[0];
    for (let s = 0, i = 0; s < p.sampleCount; s++) {
      this.pos[s] = p.sampleLocStart[s + 1] - 1;
      if (!used[s]) continue;
      for (let t = 0; t < nt; t++) rowValues[i * nt + t] = v[s * nt + t];
      q[ROW * i++] = s;
    }
    this.fill(q, 0, n);
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
    const { sampleLocs, pos } = this;
    for (let b = lo; b < hi; b += BLOCK) {
      const e = Math.min(hi, b + BLOCK);
      // Touch each stack first in a tight loop, so that many cache misses are in flight at once;
      // the refills then find their locations in cache.
      let touch = 0;
      for (let i = b; i < e; i++) {
        const at = pos[q[i * ROW]];
        touch += sampleLocs[at > 0 ? at : 0] + sampleLocs[at > 12 ? at - 12 : 0];
      }
      q[b * ROW + 1] = touch; // overwritten by the refill; keeps the touch loop from being dropped
      if (this.wide) for (let i = b; i < e; i++) this.refillWide(q, i);
      else for (let i = b; i < e; i++) this.refill(q, i);
    }
  }

  /** Queues the next frames of row i, two to an int. */
  private refill(q: Int32Array, i: number): void {
    const r = i * ROW;
    for (let k = 1; k < ROW; k++) {
      const low = this.nextFrame(q[r]);
      q[r + k] = low | (this.nextFrame(q[r]) << 16);
    }
  }

  /** Queues the next frames of row i, one to an int. */
  private refillWide(q: Int32Array, i: number): void {
    const r = i * ROW;
    for (let k = 1; k < ROW; k++) q[r + k] = this.nextFrame(q[r]);
  }

  /** The next frame of sample s from the root, plus one, or 0 at the end of its stack. */
  private nextFrame(s: number): number {
    const { sampleLocs, frameStart, frames, single } = this;
    const first = this.sampleLocStart[s];
    let p = this.pos[s];
    let f = this.next[s];
    while (p >= first) {
      const l = sampleLocs[p];
      if (f < 0) {
        // The usual location: one frame.
        const one = single[l];
        if (one >= 0) {
          this.pos[s] = p - 1;
          return one + 1;
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
      const frame = frames[f];
      if (--f < frameStart[l]) {
        p--;
        f = -1;
      }
      this.pos[s] = p;
      this.next[s] = f;
      return frame + 1;
    }
    this.pos[s] = p;
    return 0;
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
   */
  scatter(from: Buffer, lo: number, hi: number, key: Int32Array, next: Int32Array): void {
    const to = from === 0 ? 1 : 0;
    if (this.rows[to].length === 0) {
      this.rows[to] = new Int32Array(this.size * ROW);
      this.values[to] = new Float64Array(this.size * this.types);
    }
    const src = this.rows[from];
    const dst = this.rows[to];
    const srcV = this.values[from];
    const dstV = this.values[to];
    const nt = this.types;
    let selfAt = lo;
    for (let i = lo; i < hi; i++) {
      const k = key[i];
      const t = k < 0 ? selfAt++ : next[k]++;
      for (let j = 0; j < nt; j++) dstV[t * nt + j] = srcV[i * nt + j];
      const a = i * ROW;
      const b = t * ROW;
      dst[b] = src[a];
      dst[b + 1] = src[a + 1];
      dst[b + 2] = src[a + 2];
      dst[b + 3] = src[a + 3];
      dst[b + 4] = src[a + 4];
      dst[b + 5] = src[a + 5];
      dst[b + 6] = src[a + 6];
      dst[b + 7] = src[a + 7];
    }
  }
}
