// The pruned flame tree. A full call tree of a large profile has millions of nodes, so the tree is grown
// best-first from the requested root over the flame index (flameIndex.ts): the widest pending node is
// drawn next, children narrower than minFraction of the root are never refined, and growth stops at
// maxNodes. Weight that is not drawn stays in its parent's `folded`, so
// value == self + folded + sum(children.value) holds at every node.
import { checkSampleIndex, profileTotal } from './aggregate';
import { compileFilters } from './filters';
import { FlameIndex, flameIndex, type Weight } from './flameIndex';
import { displayNames } from './flameNames';
import { toPreorder, TreeBuilder } from './flameTreeOutput';
import { ROW } from './stackRows';
import { frameTable } from './frames';
import type { Profile } from './profile';
import type { FlameQuery, FlameTree } from './queries';

export const DEFAULT_MIN_FRACTION = 1 / 2000;
export const DEFAULT_MAX_NODES = 5000;

/** The flame tree of a prepared profile (see prepareProfile), at function granularity. */
export function flameTree(p: Profile, q: FlameQuery): FlameTree {
  checkSampleIndex(p, q.sampleIndex);
  const filter = compileFilters(p, q.filters);
  const hidden = q.filters?.hide || q.filters?.show ? JSON.stringify([q.filters.hide ?? '', q.filters.show ?? '']) : '';
  const index = flameIndex(p, hidden, () => frameTable(p, 'functions', filter));
  const { names, files, idOf } = displayNames(index.table.nodes);
  const sums = new RowSums(p, index, q.sampleIndex, filter.keep);
  const path = q.path ?? [];
  let root = 0;
  for (const name of path) {
    const id = idOf.get(name);
    // Weights are not filled yet: the sums this sets are overwritten when the root's rows are filled.
    sums.refine(root);
    root = id === undefined ? -1 : index.child(root, id);
    if (root < 0) break;
  }
  const out = new TreeBuilder(names, files);
  const rootName = path.length > 0 ? path[path.length - 1] : 'root';
  if (root < 0) out.add(rootName, -1, 0);
  else {
    sums.fillSubtree(root);
    grow(index, sums, out, root, rootName, q);
  }
  return toPreorder(out, profileTotal(p, q.sampleIndex), p.sampleTypes[q.sampleIndex]);
}

function grow(index: FlameIndex, sums: RowSums, out: TreeBuilder, root: number, rootName: string, q: FlameQuery): void {
  const maxNodes = Math.max(1, Math.floor(q.maxNodes ?? DEFAULT_MAX_NODES));
  const threshold = Math.max(0, q.minFraction ?? DEFAULT_MIN_FRACTION) * sums.width(root);
  const heap = new MaxHeap();
  /** Draws index node x as out node o: its self, and its wide children queued, its narrow ones folded. */
  const expand = (x: number, o: number) => {
    sums.refine(x);
    let folded = 0;
    for (let c = index.firstChild[x], e = c + index.childCount[x]; c < e; c++) {
      const width = sums.width(c);
      if (width >= threshold && width > 0) heap.push(c, o, width);
      else folded += sums.value(c);
    }
    out.setSelf(o, sums.range(index.lo[x], index.selfEnd[x]), folded);
  };
  expand(root, out.add(rootName, -1, sums.value(root)));
  while (heap.size > 0 && out.count < maxNodes) {
    const [x, parent] = heap.pop();
    expand(x, out.addFrame(index.frame[x], parent, sums.value(x)));
  }
  // Whatever did not fit under maxNodes is still counted in its parent.
  heap.forEach((x, parent) => out.fold(parent, sums.value(x)));
}

/**
 * The weights of one query (a sample type, with the filters' dropped samples at 0) summed in the index's
 * row order, so any node's value is two lookups. Only the rows under the query's root are summed.
 * Refining a node moves its rows, so the sums of that range are recomputed after it.
 */
class RowSums {
  private readonly weight: Weight;
  private readonly sum: Float64Array;
  /** Prefix sums of |weight|; the same array as `sum` when no weight is negative. */
  private readonly abs: Float64Array;

  constructor(p: Profile, private readonly index: FlameIndex, sampleIndex: number, keep: Uint8Array | undefined) {
    this.weight = { sampleIndex, keep };
    const nt = p.sampleTypes.length;
    let negative = false;
    for (let s = 0; s < p.sampleCount; s++) if (p.sampleValues[s * nt + sampleIndex] < 0) negative = true;
    // The buffers are the index's, reused by every query: a query allocates nothing in proportion to the samples.
    const scratch = (index.scratch ??= { sum: new Float64Array(index.size + 1), abs: undefined });
    if (negative) scratch.abs ??= new Float64Array(index.size + 1);
    this.sum = scratch.sum;
    this.abs = negative ? scratch.abs! : scratch.sum;
  }

  /**
   * Refines a node. When its rows moved, only the prefix sums at its parts' boundaries are set (from the
   * parts' sums the index reports); inside a part they are set when that part is refined in turn, and no
   * value is read at a position that is not a node boundary.
   */
  refine(node: number): void {
    const index = this.index;
    if (!index.refine(node, this.weight, this.abs !== this.sum)) return;
    const { lastEnds: ends, lastSums: parts } = index;
    const { sum, abs } = this;
    let at = index.lo[node];
    for (let k = 0; k < ends.length; k++) {
      const end = ends[k];
      if (end === at) continue;
      sum[end] = sum[at] + parts[2 * k];
      if (abs !== sum) abs[end] = abs[at] + parts[2 * k + 1];
      at = end;
    }
  }

  value(node: number): number {
    return this.sum[this.index.hi[node]] - this.sum[this.index.lo[node]];
  }

  width(node: number): number {
    return this.abs[this.index.hi[node]] - this.abs[this.index.lo[node]];
  }

  range(lo: number, hi: number): number {
    return this.sum[hi] - this.sum[lo];
  }

  /**
   * Weights and prefix sums over the rows of `root`. A range is current in the buffer of the deepest index
   * node that covers it, so the refined nodes are walked in row order.
   */
  fillSubtree(root: number): void {
    const index = this.index;
    this.sum[index.lo[root]] = 0;
    this.abs[index.lo[root]] = 0;
    index.values(this.weight.sampleIndex);
    index.currentRanges(root, (buf, lo, hi) => this.fill(buf, lo, hi));
  }

  private fill(buf: number, lo: number, hi: number): void {
    const rows = this.index.rows.rows[buf];
    const values = this.index.values(this.weight.sampleIndex)[buf];
    const keep = this.weight.keep;
    const { sum, abs } = this;
    for (let i = lo; i < hi; i++) {
      const v = keep === undefined || keep[rows[i * ROW]] === 1 ? values[i] : 0;
      sum[i + 1] = sum[i] + v;
      if (abs !== sum) abs[i + 1] = abs[i] + Math.abs(v);
    }
  }
}

/** A binary max-heap of (index node, out parent) by width; small, since it only holds wide candidates. */
class MaxHeap {
  private readonly node: number[] = [];
  private readonly parent: number[] = [];
  private readonly key: number[] = [];

  get size(): number {
    return this.node.length;
  }

  push(node: number, parent: number, key: number): void {
    let i = this.node.length;
    this.node.push(node);
    this.parent.push(parent);
    this.key.push(key);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.key[up] >= key) break;
      this.set(i, up);
      i = up;
    }
    this.node[i] = node;
    this.parent[i] = parent;
    this.key[i] = key;
  }

  pop(): [number, number] {
    const top: [number, number] = [this.node[0], this.parent[0]];
    const node = this.node.pop()!;
    const parent = this.parent.pop()!;
    const key = this.key.pop()!;
    const n = this.node.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.key[l + 1] > this.key[l] ? l + 1 : l;
      if (this.key[c] <= key) break;
      this.set(i, c);
      i = c;
    }
    this.node[i] = node;
    this.parent[i] = parent;
    this.key[i] = key;
    return top;
  }

  forEach(f: (node: number, parent: number) => void): void {
    for (let i = 0; i < this.node.length; i++) f(this.node[i], this.parent[i]);
  }

  private set(to: number, from: number): void {
    this.node[to] = this.node[from];
    this.parent[to] = this.parent[from];
    this.key[to] = this.key[from];
  }
}
