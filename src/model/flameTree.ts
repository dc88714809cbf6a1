// The pruned flame tree. A full call tree of a large profile has millions of nodes, so the tree is grown
// best-first from the requested root: the widest pending node is split next, children narrower than
// minFraction of the root are never built, and growth stops at maxNodes. Weight that is not drawn stays
// in its parent's `folded`, so value == self + folded + sum(children.value) holds at every node.
import { checkSampleIndex, profileTotal } from './aggregate';
import { compileFilters } from './filters';
import { FlamePartition, type Child } from './flamePartition';
import { toPreorder, TreeBuilder } from './flameTreeOutput';
import { displayNames } from './flameNames';
import { frameTable, type FrameTable } from './frames';
import type { Profile } from './profile';
import type { FlameQuery, FlameTree } from './queries';
import { QUEUED, StackRows } from './stackRows';

export const DEFAULT_MIN_FRACTION = 1 / 2000;
export const DEFAULT_MAX_NODES = 5000;

/** The flame tree of a prepared profile (see prepareProfile), at function granularity. */
export function flameTree(p: Profile, q: FlameQuery): FlameTree {
  checkSampleIndex(p, q.sampleIndex);
  const filter = compileFilters(p, q.filters);
  const table = frameTable(p, 'functions', filter);
  const nt = p.sampleTypes.length;
  const weights = new Float64Array(p.sampleCount);
  for (let s = 0; s < p.sampleCount; s++) {
    if (filter.keep === undefined || filter.keep[s] === 1) weights[s] = p.sampleValues[s * nt + q.sampleIndex];
  }
  return toPreorder(growTree(p, table, weights, q), profileTotal(p, q.sampleIndex), p.sampleTypes[q.sampleIndex]);
}

interface Pending extends Child {
  parent: number;
  /** Frames read by the samples of this node, its own included. */
  depth: number;
}

type Shape = Pick<FlameQuery, 'path' | 'minFraction' | 'maxNodes'>;

function growTree(p: Profile, table: FrameTable, weights: Float64Array, shape: Shape): TreeBuilder {
  const path = shape.path ?? [];
  const maxNodes = Math.max(1, Math.floor(shape.maxNodes ?? DEFAULT_MAX_NODES));
  const minFraction = Math.max(0, shape.minFraction ?? DEFAULT_MIN_FRACTION);
  const { names, files, idOf } = displayNames(table.nodes);
  const rows = new StackRows(p, table, weights);
  const part = new FlamePartition(rows, names.length);

  // Follow the zoom path; a name that is not in the profile leaves an empty root.
  let n = rows.size;
  let depth = 0;
  for (const name of path) {
    const id = idOf.get(name);
    rows.queue(0, n, depth);
    n = id === undefined ? 0 : part.narrow(0, n, depth++, id);
  }
  const root = part.sum(0, n);
  const threshold = minFraction * root.width;

  const out = new TreeBuilder(names, files);
  const heap = new MaxHeap<Pending>((a, b) => a.width - b.width);
  /** Adds the chain of sole children below `node`, then queues the wide children at the chain's end. */
  const grow = (node: number, lo: number, hi: number, value: number, depth: number) => {
    for (;;) {
      rows.queue(lo, hi, depth);
      const chain = part.chain(lo, hi, depth);
      for (const frame of chain) {
        if (out.count >= maxNodes) {
          out.fold(node, value);
          return;
        }
        node = out.addFrame(frame, node, value);
      }
      depth += chain.length;
      if (chain.length === 0 || depth % QUEUED !== 0) break;
    }
    const split = part.split(lo, hi, depth, threshold);
    out.setSelf(node, split.self, split.folded);
    for (const c of split.children) heap.push({ ...c, parent: node, depth: depth + 1 });
  };
  const top = out.add(path.length > 0 ? path[path.length - 1] : 'root', -1, root.value);
  if (n > 0) grow(top, 0, n, root.value, depth);
  while (heap.size > 0 && out.count < maxNodes) {
    const c = heap.pop()!;
    grow(out.addFrame(c.frame, c.parent, c.value), c.lo, c.hi, c.value, c.depth);
  }
  // Whatever did not fit under maxNodes is still counted in its parent.
  for (const c of heap.items()) out.fold(c.parent, c.value);
  return out;
}

/** A binary max-heap; small, since it only ever holds wide candidates. */
class MaxHeap<T> {
  private readonly a: T[] = [];
  constructor(private readonly cmp: (x: T, y: T) => number) {}
  get size(): number {
    return this.a.length;
  }
  items(): readonly T[] {
    return this.a;
  }
  push(v: T): void {
    const a = this.a;
    let i = a.length;
    a.push(v);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.cmp(a[up], v) >= 0) break;
      a[i] = a[up];
      i = up;
    }
    a[i] = v;
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && this.cmp(a[r], a[l]) > 0 ? r : l;
      if (this.cmp(a[c], last) <= 0) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }
}
