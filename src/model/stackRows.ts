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
//
// Many samples start with the same frames, so for the first queue the samples with equal first frames
// are one group, and one row stands for the group: it sits at the first of as many positions as the group
// has samples (`span` holds that count there), and the positions after it are unused. Positions, node
// ranges and sums are as if every sample had its row. When a node reaches the end of the first queue, its
// groups are expanded into one row per sample.
import type { FrameTable } from './frames';
import type { Profile } from './profile';
import { groupRows } from './rowGroups';

export const ROW = 8; // ints per row: the sample (or group), then the queued frames
const BLOCK = 256; // rows whose stacks are fetched together

export type Buffer = 0 | 1;

/** How a query weighs a row: its value of one sample type, or 0 when keep[sample] is 0. */
export interface Weight {
  readonly sampleIndex: number;
  readonly keep: Uint8Array | undefined;
  /** With keep: per group, the summed values of its kept samples. */
  readonly keptGroups: Float64Array | undefined;
}

export class StackRows {
  /** The two row buffers. */
  readonly rows: [Int32Array, Int32Array];
  /** Per buffer, at a group row's position: the group's number of samples. */
  readonly span: [Int32Array, Int32Array];
  /** The buffer that holds the root's rows. */
  readonly rootBuffer: Buffer = 1;
  readonly size: number;
  /** Frames take a whole int (the table has 65535 nodes or more). */
  readonly wide: boolean;
  /** Frames queued per row. */
  readonly queued: number;
  /**
   * Per sample type that a query has used: the value of each row, per buffer (a group row's is the sum of
   * its samples'). They move with the rows, so that a pass over a node's rows reads its values in order
   * too. A type is only moved along once used.
   */
  private readonly typeValues: ([Float64Array, Float64Array] | undefined)[];
  private readonly sampleValues: Float64Array;
  private readonly types: number;
  /** The samples of group g are members[groupStart[g] .. groupStart[g+1]-1]. */
  private readonly groupStart: Int32Array;
  private readonly members: Int32Array;
  private readonly sampleLocs: Int32Array;
  private readonly frameStart: Int32Array;
  private readonly frames: Int32Array;
  /**
   * Per sample, where its stack reader stands, three ints side by side (one cache line to fetch): the index
   * into sampleLocs of the location being read, counting down towards the leaf; the index into frames of
   * the next unread frame of that location, -1 = its root side; and the sample's first (leaf) index.
   */
  private readonly cursor: Int32Array;
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
    this.types = nt;
    this.sampleValues = v;
    this.typeValues = new Array(nt).fill(undefined);
    this.sampleLocs = p.sampleLocs;
    this.frameStart = table.frameStart;
    this.frames = table.frames;
    this.cursor = new Int32Array(3 * p.sampleCount);
    this.single = new Int32Array(p.locationCount);
    for (let l = 0; l < p.locationCount; l++) this.single[l] = table.frameStart[l + 1] - table.frameStart[l] === 1 ? table.frames[table.frameStart[l]] : -1;
    const q = new Int32Array(n * ROW);
    for (let s = 0, i = 0; s < p.sampleCount; s++) {
      this.cursor[3 * s] = p.sampleLocStart[s + 1] - 1;
      this.cursor[3 * s + 1] = -1;
      this.cursor[3 * s + 2] = p.sampleLocStart[s];
      if (used[s]) q[ROW * i++] = s;
    }
    // In sample order the stacks are read in the order they are stored: no need to fetch them ahead.
    for (let i = 0; i < n; i++) this.refill(q, i);
    const g = groupRows(q, n, ROW);
    this.groupStart = g.start;
    this.members = g.members;
    this.rows = [q, g.heads];
    this.span = [new Int32Array(n), g.span];
  }

  /** The values of sample type t in row order, per buffer, if a query has used the type. */
  valuesOf(t: number): [Float64Array, Float64Array] | undefined {
    return this.typeValues[t];
  }

  /**
   * Starts moving sample type t's values along with the rows. `ranges` calls back with every range of rows
   * that is current in a buffer (and whether it holds group rows); those get their values now.
   */
  addValues(t: number, ranges: (each: (buf: Buffer, lo: number, hi: number, grouped: boolean) => void) => void): [Float64Array, Float64Array] {
    const { sampleValues, types, groupStart, members } = this;
    const out: [Float64Array, Float64Array] = [new Float64Array(this.size), new Float64Array(this.size)];
    ranges((buf, lo, hi, grouped) => {
      const q = this.rows[buf];
      const w = out[buf];
      if (!grouped) {
        for (let i = lo; i < hi; i++) w[i] = sampleValues[q[i * ROW] * types + t];
        return;
      }
      const span = this.span[buf];
      for (let i = lo; i < hi; i += span[i]) {
        const g = q[i * ROW];
        let sum = 0;
        for (let m = groupStart[g]; m < groupStart[g + 1]; m++) sum += sampleValues[members[m] * types + t];
        w[i] = sum;
      }
    });
    this.typeValues[t] = out;
    return out;
  }

  /** Per group: the summed values of sample type t of its samples that `keep` keeps. */
  keptGroups(t: number, keep: Uint8Array): Float64Array {
    const { sampleValues, types, groupStart, members } = this;
    const out = new Float64Array(groupStart.length - 1);
    for (let g = 0; g < out.length; g++) {
      let sum = 0;
      for (let m = groupStart[g]; m < groupStart[g + 1]; m++) if (keep[members[m]] === 1) sum += sampleValues[members[m] * types + t];
      out[g] = sum;
    }
    return out;
  }

  /** The slot that holds the frame at `depth`. */
  slot(depth: number): number {
    return depth % this.queued;
  }

  /** Whether the rows of a node at `depth` that has been queued for its depth are group rows. */
  grouped(depth: number): boolean {
    return depth < this.queued;
  }

  /**
   * Refills the queues of rows [lo, hi) when `depth` starts a new queue; a no-op otherwise. At the end of
   * the first queue, group rows become one row per sample first.
   */
  queue(buf: Buffer, lo: number, hi: number, depth: number): void {
    if (depth % this.queued !== 0 || depth === 0) return;
    if (depth === this.queued) this.expand(buf, lo, hi);
    this.fill(this.rows[buf], lo, hi);
  }

  /** Replaces the group rows of [lo, hi) by their samples' rows, at the positions the groups held. */
  private expand(buf: Buffer, lo: number, hi: number): void {
    const q = this.rows[buf];
    const span = this.span[buf];
    const { groupStart, members, sampleValues, types } = this;
    for (let i = lo; i < hi; ) {
      const g = q[i * ROW];
      const n = span[i];
      for (let k = 0; k < n; k++) q[(i + k) * ROW] = members[groupStart[g] + k];
      i += n;
    }
    for (let t = 0; t < types; t++) {
      const values = this.typeValues[t];
      if (!values) continue;
      const w = values[buf];
      for (let i = lo; i < hi; i++) w[i] = sampleValues[q[i * ROW] * types + t];
    }
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
          if (one >= 0) {
            v = one + 1;
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
    const step = this.grouped(depth) ? this.span[buf] : undefined;
    const from = this.slot(depth);
    let to = from;
    while (to < this.queued && this.frameAt(q, lo, to) >= 0) to++;
    for (let i = lo + (step ? step[lo] : 1); i < hi && to > from; i += step ? step[i] : 1) {
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
   * The queued frames before slot `live` have been read and are left behind. On the way, each key's
   * weights (and |weights| when `signed`) are added to sumOf[key] and absOf[key]; those of the rows with
   * key -1 are returned. key[i] becomes row i's new position.
   */
  scatter(
    from: Buffer,
    lo: number,
    hi: number,
    grouped: boolean,
    key: Int32Array,
    next: Int32Array,
    live: number,
    weight: Weight,
    signed: boolean,
    sumOf: Float64Array,
    absOf: Float64Array,
  ): Float64Array {
    const to = from === 0 ? 1 : 0;
    const src = this.rows[from];
    const dst = this.rows[to];
    const { sampleIndex, keep, keptGroups } = weight;
    const srcV = this.typeValues[sampleIndex]![from];
    const firstInt = 1 + (this.wide ? live : live >> 1);
    const spanFrom = this.span[from];
    const spanTo = this.span[to];
    let selfSum = 0;
    let selfAbs = 0;
    // Each row's destination first (key becomes it), then rows and values in separate passes: fewer
    // memory streams at once. A group row takes as many positions as its group has samples.
    let selfAt = lo;
    for (let i = lo; i < hi; ) {
      const n = grouped ? spanFrom[i] : 1;
      const k = key[i];
      const id = src[i * ROW];
      const v = keep === undefined ? srcV[i] : grouped ? keptGroups![id] : keep[id] === 1 ? srcV[i] : 0;
      if (k < 0) {
        key[i] = selfAt;
        selfAt += n;
        selfSum += v;
        if (signed) selfAbs += Math.abs(v);
      } else {
        key[i] = next[k];
        next[k] += n;
        sumOf[k] += v;
        if (signed) absOf[k] += Math.abs(v);
      }
      i += n;
    }
    for (let i = lo; i < hi; ) {
      const a = i * ROW;
      const t = key[i];
      const b = t * ROW;
      dst[b] = src[a];
      for (let c = firstInt; c < ROW; c++) dst[b + c] = src[a + c];
      if (grouped) {
        spanTo[t] = spanFrom[i];
        i += spanFrom[i];
      } else i++;
    }
    for (const v of this.typeValues) {
      if (!v) continue;
      const out = v[from];
      const into = v[to];
      if (grouped) for (let i = lo; i < hi; i += spanFrom[i]) into[key[i]] = out[i];
      else for (let i = lo; i < hi; i++) into[key[i]] = out[i];
    }
    this.selfSums[0] = selfSum;
    this.selfSums[1] = selfAbs;
    return this.selfSums;
  }

  private readonly selfSums = new Float64Array(2);
}
