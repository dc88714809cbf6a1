// The pruned flame tree. A full call tree of a large profile has millions of nodes, so only the nodes a
// query draws are grown, in the stack trie (stackTrie.ts) that stays between queries: a node at least
// minFraction of the requested root wide is drawn, up to the maxNodes widest. Weight that is not drawn
// stays in its parent's `folded`, so value == self + folded + sum(children.value) holds at every node.
//
// A query sums every sample's weight into its exit node, then looks for drawn nodes whose open samples
// (those not yet in a child) could still make a child wide enough to draw; it grows the trie there and
// sums again, until there are none. The first query on a big profile would have to go through most
// samples one depth at a time; instead it guesses the drawn nodes from a weighted subsample, walks every
// sample down them in one pass, and the loop then fills in whatever the guess missed.
import { checkSampleIndex } from '../flatCum';
import { compileFilters } from '../../filter/sampleFilter';
import { displayNames, framesByName } from './displayNames';
import { toPreorder, TreeBuilder } from './flamePreorder';
import { frameTable } from '../frameTable';
import type { Profile } from '../../profile/profile';
import { MAX_FLAME_NODES, type FlameQuery, type FlameTree } from '../../profile/queries';
import { stackTrie, type StackTrie } from './stackTrie';
import { growLevels, walkDown } from './trieGrowth';

const DEFAULT_MIN_FRACTION = 1 / 2000;

/** When to guess rather than grow directly; tests lower these to take the guessing path on small profiles. */
export const growthTuning = {
  /** Open samples beyond which the nodes to grow are guessed from a subsample. */
  guessAbove: 200_000,
  /** About how many samples the subsample has. */
  subsample: 20000,
};

/** The flame tree at functions or files granularity. */
export function flameTree(p: Profile, q: FlameQuery): FlameTree {
  checkSampleIndex(p, q.sampleIndex);
  const filter = compileFilters(p, q.filters);
  const granularity = q.granularity ?? 'functions';
  const hidden = q.filters?.hide || q.filters?.show ? JSON.stringify([q.filters.hide ?? '', q.filters.show ?? '']) : '';
  // The trie's key names what its frames are: '' stays the unfiltered function trie, which is never evicted.
  const key = granularity === 'functions' ? hidden : `${granularity}:${hidden}`;
  const trie = stackTrie(p, key, () => framesByName(frameTable(p, granularity, filter)));
  const { names, files, idOf } = displayNames(trie.table.nodes);
  const { weight, baseWeight } = weights(p, q.sampleIndex, filter.keep);
  const path = q.path ?? [];
  let root = 0;
  for (const name of path) {
    const id = idOf.get(name);
    if (id === undefined) {
      root = -1;
      break;
    }
    root = trie.childThrough(root, id);
    if (root < 0) break;
  }
  const out = new TreeBuilder(names, files);
  const rootName = path.length > 0 ? path[path.length - 1] : 'root';
  if (root < 0) {
    out.add(rootName, -1, 0);
    if (baseWeight) out.setBase(0, 0, 0, 0);
  } else {
    const { hide: _hide, show: _show, ...weighing } = q.filters ?? {};
    const nodes = draw(trie, weight, trie.counted(JSON.stringify([q.sampleIndex, weighing])), root, rootName, q, out);
    if (baseWeight) emitBase(trie, new Sums(trie, baseWeight), nodes, out);
  }
  if (!baseWeight) return toPreorder(out, p.totals[q.sampleIndex], p.sampleTypes[q.sampleIndex]);
  const totals = sideTotals(p);
  return toPreorder(out, totals.target[q.sampleIndex], p.sampleTypes[q.sampleIndex], { total: totals.base[q.sampleIndex] });
}

/**
 * Each sample's weight in the tree: its value, 0 when a filter drops it. A comparison's tree is grown and
 * drawn from the target side alone (base samples weigh 0 there), and `baseWeight` is the base side's:
 * a base sample's value negated, 0 for the others.
 */
function weights(p: Profile, sampleIndex: number, keep: Uint8Array | undefined): { weight: Float64Array; baseWeight?: Float64Array } {
  const nt = p.sampleTypes.length;
  const weight = new Float64Array(p.sampleCount);
  const base = p.baseSample;
  if (!base) {
    for (let s = 0; s < p.sampleCount; s++) if (keep === undefined || keep[s] === 1) weight[s] = p.sampleValues[s * nt + sampleIndex];
    return { weight };
  }
  const baseWeight = new Float64Array(p.sampleCount);
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    const v = p.sampleValues[s * nt + sampleIndex];
    if (base[s] === 1) baseWeight[s] = -v;
    else weight[s] = v;
  }
  return { weight, baseWeight };
}

const sideTotalCache = new WeakMap<Profile, { readonly target: Float64Array; readonly base: Float64Array }>();

/** A comparison's totals of each side alone, per sample type (as pprof's total of that profile: the sum of |value|). */
function sideTotals(p: Profile): { readonly target: Float64Array; readonly base: Float64Array } {
  let out = sideTotalCache.get(p);
  if (out) return out;
  const nt = p.sampleTypes.length;
  out = { target: new Float64Array(nt), base: new Float64Array(nt) };
  for (let s = 0; s < p.sampleCount; s++) {
    const side = p.baseSample?.[s] === 1 ? out.base : out.target;
    for (let t = 0; t < nt; t++) side[t] += Math.abs(p.sampleValues[s * nt + t]);
  }
  sideTotalCache.set(p, out);
  return out;
}

/**
 * `counted`: the trie's record of what was counted for these weights (see StackTrie.counted). Returns the
 * trie nodes drawn, in the order they were added to `out`.
 */
function draw(trie: StackTrie, weight: Float64Array, counted: Map<number, number>, root: number, rootName: string, q: FlameQuery, out: TreeBuilder): number[] {
  const maxNodes = Math.max(1, Math.floor(q.maxNodes ?? MAX_FLAME_NODES));
  const minFraction = Math.max(0, q.minFraction ?? DEFAULT_MIN_FRACTION);
  for (;;) {
    const sums = new Sums(trie, weight);
    const threshold = minFraction * sums.abs[root];
    const { nodes, limit } = select(trie, sums, root, threshold, maxNodes);
    const open = nodes.filter((x) => sums.openAbs[x] > 0 && sums.openAbs[x] >= limit && !((counted.get(x) ?? Infinity) <= limit));
    if (open.length === 0) return emit(trie, sums, nodes, rootName, out);
    for (const x of grow(trie, open, weight, limit)) counted.set(x, Math.min(limit, counted.get(x) ?? Infinity));
  }
}

/**
 * Grows the trie under `nodes` from their open samples, into children at least `limit` wide. Returns the
 * nodes whose open samples were counted: `nodes`, and the children grown under them.
 */
function grow(trie: StackTrie, nodes: number[], weight: Float64Array, limit: number): number[] {
  const mark = new Uint8Array(trie.count);
  for (const x of nodes) mark[x] = 1;
  const open = openSamples(trie, mark, weight);
  if (open.samples.length <= growthTuning.guessAbove) return [...nodes, ...growLevels(trie, open.samples, open.abs, open.samples.length, limit, true)];
  guess(trie, open.samples, open.abs, limit);
  return [...nodes, ...walkDown(trie, open.samples, open.abs, open.samples.length, limit)];
}

/** The open samples whose exit is marked, and their |weight|. */
function openSamples(trie: StackTrie, mark: Uint8Array, weight: Float64Array): { samples: Int32Array; abs: Float64Array } {
  const { exit, ended } = trie;
  let n = 0;
  for (let s = 0; s < exit.length; s++) if (exit[s] >= 0 && mark[exit[s]] === 1 && ended[s] === 0) n++;
  const samples = new Int32Array(n);
  const abs = new Float64Array(n);
  for (let s = 0, i = 0; s < exit.length; s++) {
    if (exit[s] < 0 || mark[exit[s]] !== 1 || ended[s] === 1) continue;
    samples[i] = s;
    abs[i++] = Math.abs(weight[s]);
  }
  return { samples, abs };
}

/**
 * Adds the nodes that a subsample of the samples suggests are at least `limit` wide. Samples are picked with
 * probability proportional to weight (capped at 1), each standing for weight/probability; the guess goes
 * into anything half as wide as needed, so that few drawn nodes are missed.
 */
function guess(trie: StackTrie, samples: Int32Array, abs: Float64Array, limit: number): void {
  let total = 0;
  for (let i = 0; i < abs.length; i++) total += abs[i];
  const rate = growthTuning.subsample / total;
  const picked = new Int32Array(samples.length);
  const estimate = new Float64Array(samples.length);
  let k = 0;
  for (let i = 0; i < samples.length; i++) {
    const chance = Math.min(1, abs[i] * rate);
    if (chance > 0 && unit(samples[i]) < chance) {
      picked[k] = samples[i];
      estimate[k++] = abs[i] / chance;
    }
  }
  growLevels(trie, picked, estimate, k, limit / 2, false);
}

/** A fixed pseudo-random number in [0, 1) per sample, so that the same query always picks the same subsample. */
function unit(s: number): number {
  let h = Math.imul(s + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Per trie node, for one query's weights: value and |value| of its subtree, its self, and |weight| of its open samples. */
class Sums {
  readonly value: Float64Array;
  readonly abs: Float64Array;
  readonly self: Float64Array;
  readonly openAbs: Float64Array;

  constructor(trie: StackTrie, weight: Float64Array) {
    const n = trie.count;
    const value = (this.value = new Float64Array(n));
    const abs = (this.abs = new Float64Array(n));
    const self = (this.self = new Float64Array(n));
    const openAbs = (this.openAbs = new Float64Array(n));
    const { exit, ended } = trie;
    for (let s = 0; s < exit.length; s++) {
      const x = exit[s];
      const w = weight[s];
      if (x < 0 || w === 0) continue;
      const a = Math.abs(w);
      value[x] += w;
      abs[x] += a;
      if (ended[s] === 1) self[x] += w;
      else openAbs[x] += a;
    }
    // Children are added after their parents, so a backwards pass sums every subtree.
    const parent = trie.parent;
    for (let x = n - 1; x > 0; x--) {
      value[parent[x]] += value[x];
      abs[parent[x]] += abs[x];
    }
  }
}

/**
 * The nodes to draw under root: those at least `threshold` wide, and of them the maxNodes widest (ties go
 * to the shallower node, then by frames from the root, so the choice does not depend on what the trie has
 * grown before). `limit`: how wide a node must be to be drawn.
 */
function select(trie: StackTrie, sums: Sums, root: number, threshold: number, maxNodes: number): { nodes: number[]; limit: number } {
  const { abs } = sums;
  const nodes = [root];
  for (let i = 0; i < nodes.length; i++) {
    for (let c = trie.firstChild[nodes[i]]; c >= 0; c = trie.nextSibling[c]) if (abs[c] >= threshold && abs[c] > 0) nodes.push(c);
  }
  if (nodes.length <= maxNodes) return { nodes, limit: threshold };
  const byPath = pathOrder(trie);
  nodes.sort((x, y) => abs[y] - abs[x] || byPath(x, y));
  nodes.length = maxNodes;
  return { nodes, limit: Math.max(threshold, abs[nodes[maxNodes - 1]]) };
}

/** Shallower nodes first, then by their frames from the root: an order that does not depend on how the trie grew. */
function pathOrder(trie: StackTrie): (x: number, y: number) => number {
  const { depth, parent, frame } = trie;
  return (x, y) => {
    if (depth[x] !== depth[y]) return depth[x] - depth[y];
    while (parent[x] !== parent[y]) {
      x = parent[x];
      y = parent[y];
    }
    return frame[x] - frame[y];
  };
}

/**
 * Adds the drawn nodes to `out`, parents first, in path order, so that names are listed the same way every
 * time; what a node does not draw is its folded weight.
 */
function emit(trie: StackTrie, sums: Sums, nodes: number[], rootName: string, out: TreeBuilder): number[] {
  const { value, self } = sums;
  const at = new Map<number, number>();
  const drawn = new Float64Array(nodes.length);
  const order = [...nodes].sort(pathOrder(trie));
  for (const x of order) {
    const parentAt = at.get(trie.parent[x]);
    const o = parentAt === undefined ? out.add(rootName, -1, value[x]) : out.addFrame(trie.frame[x], parentAt, value[x]);
    at.set(x, o);
    if (parentAt !== undefined) drawn[parentAt] += value[x];
  }
  for (const x of order) {
    const o = at.get(x)!;
    out.setSelf(o, self[x], value[x] - self[x] - drawn[o]);
  }
  return order;
}

/**
 * The base side of the drawn nodes (`order`, as emit added them: out's node i is order[i]). What the base
 * has under nodes not drawn, or past where the trie has grown, is its nearest drawn ancestor's baseFolded.
 */
function emitBase(trie: StackTrie, base: Sums, order: number[], out: TreeBuilder): void {
  const { value, self } = base;
  const at = new Map<number, number>();
  order.forEach((x, o) => at.set(x, o));
  const drawn = new Float64Array(order.length);
  order.forEach((x) => {
    const parentAt = at.get(trie.parent[x]);
    if (parentAt !== undefined) drawn[parentAt] += value[x];
  });
  order.forEach((x, o) => out.setBase(o, value[x], self[x], value[x] - self[x] - drawn[o]));
}

