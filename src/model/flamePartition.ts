// Splits the samples of one flame node into its children. The samples of a node always sit in one
// contiguous range of rows, so a child's samples become a sub-range. Callers pass the node's depth
// (frames read so far) and refill the rows' queues (StackRows.queue) before reading a new column.
import { column, ROW, type StackRows } from './stackRows';

export interface Child {
  frame: number;
  lo: number;
  hi: number;
  value: number;
  /** Sum of |weight|: what decides whether a node is wide enough to draw. */
  width: number;
}

export interface Split {
  /** Weight of samples whose stack ends at this node. */
  self: number;
  /** Weight of children narrower than the threshold: counted here, not drawn. */
  folded: number;
  children: Child[];
}

export class FlamePartition {
  private readonly key: Int32Array;
  private readonly count: Int32Array;
  private readonly acc: Float64Array;
  private readonly width: Float64Array;
  /** Per frame during a split: 1 + the next row of its child, or 0 when it is folded. */
  private readonly dest: Int32Array;
  private tmpRows = new Int32Array(0);
  private tmpWeight = new Float64Array(0);

  constructor(
    private readonly rows: StackRows,
    frameCount: number,
  ) {
    this.key = new Int32Array(rows.size);
    this.count = new Int32Array(frameCount);
    this.acc = new Float64Array(frameCount);
    this.width = new Float64Array(frameCount);
    this.dest = new Int32Array(frameCount);
  }

  /** Sum of weights and of |weights| over rows [lo, hi). */
  sum(lo: number, hi: number): { value: number; width: number } {
    const w = this.rows.weight;
    let value = 0;
    let width = 0;
    for (let i = lo; i < hi; i++) {
      value += w[i];
      width += Math.abs(w[i]);
    }
    return { value, width };
  }

  /** Keeps in [lo, hi) only the samples whose frame at `depth` is `frame`; returns the new end. */
  narrow(lo: number, hi: number, depth: number, frame: number): number {
    const q = this.rows.rows;
    const w = this.rows.weight;
    const col = column(depth);
    let to = lo;
    for (let i = lo; i < hi; i++) {
      if (q[i * ROW + col] !== frame) continue;
      if (to !== i) {
        q.copyWithin(to * ROW, i * ROW, i * ROW + ROW);
        w[to] = w[i];
      }
      to++;
    }
    return to;
  }

  /**
   * The frames at depth, depth+1, … that every sample of [lo, hi) shares (a chain of sole children),
   * up to the end of the queued frames.
   */
  chain(lo: number, hi: number, depth: number): number[] {
    const q = this.rows.rows;
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

  /** Splits [lo, hi) by the frame at `depth`. Children whose width is below `threshold` are folded. */
  split(lo: number, hi: number, depth: number, threshold: number): Split {
    const { key, count, acc, width, dest } = this;
    const q = this.rows.rows;
    const weight = this.rows.weight;
    const col = column(depth);
    const touched: number[] = [];
    let self = 0;
    for (let i = lo; i < hi; i++) {
      const f = q[i * ROW + col];
      key[i] = f;
      const v = weight[i];
      if (f < 0) {
        self += v;
        continue;
      }
      if (count[f]++ === 0) touched.push(f);
      acc[f] += v;
      width[f] += v < 0 ? -v : v;
    }
    let folded = 0;
    const children: Child[] = [];
    let end = lo;
    for (const f of touched) {
      if (width[f] >= threshold && width[f] > 0) {
        children.push({ frame: f, lo: end, hi: end + count[f], value: acc[f], width: width[f] });
        dest[f] = end + 1;
        end += count[f];
      } else {
        folded += acc[f];
        dest[f] = 0;
      }
    }
    // A sole child that keeps every row needs no move.
    if (children.length > 1 || (children.length === 1 && end !== hi)) this.scatter(lo, hi, end);
    for (const f of touched) {
      count[f] = 0;
      acc[f] = 0;
      width[f] = 0;
    }
    return { self, folded, children };
  }

  /** Moves the rows of wide children into their ranges, keeping their order (a counting sort). */
  private scatter(lo: number, hi: number, end: number): void {
    const { key, dest } = this;
    const q = this.rows.rows;
    const weight = this.rows.weight;
    const n = end - lo;
    if (this.tmpWeight.length < n) {
      this.tmpRows = new Int32Array(n * ROW);
      this.tmpWeight = new Float64Array(n);
    }
    const tq = this.tmpRows;
    const tw = this.tmpWeight;
    for (let i = lo; i < hi; i++) {
      const f = key[i];
      if (f < 0) continue;
      const d = dest[f];
      if (d === 0) continue;
      dest[f] = d + 1;
      const t = d - 1 - lo;
      tw[t] = weight[i];
      const a = i * ROW;
      const b = t * ROW;
      for (let k = 0; k < ROW; k++) tq[b + k] = q[a + k];
    }
    q.set(tq.subarray(0, n * ROW), lo * ROW);
    weight.set(tw.subarray(0, n), lo);
  }
}
