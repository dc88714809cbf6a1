// The one aggregation walk, as pprof's graph.New counts: every sample hands its value to the nodes on its
// stack, each node once per sample however often the stack passes through it (recursion), and its flat to
// the leaf frame. Callers say what a node is (a frame table, or any mapping of frames to keys) and which
// samples count with which of their values; none of them loops over the samples itself. The call edges
// between nodes are edgeWalk.ts's, and the excess of a key that several nodes share is mergedExcess.ts's.
import type { Profile } from '../profile/profile';
import { columnsOf } from './walkColumns';

export { everyTypeInOnePass } from './walkColumns';

/** Which samples count, and which of their values. */
export interface Weighing {
  /** One sample type, or every sample type at once (then each node has one sum per sample type). */
  readonly sampleIndex: number | 'all';
  /** keep[s] === 1 for the samples that count (a compiled filter's); undefined = every sample. */
  readonly keep?: Uint8Array;
  /** A comparison's net sums only, without its base side (for a caller that prints the net values alone). */
  readonly netOnly?: boolean;
  /**
   * Sums kept apart per group of samples (the values of a label): sample s counts in group of[s] only, or
   * nowhere when of[s] < 0. Each node then has `count` columns (per sample type), group-major: sum[node *
   * width + group * columns + t]. One sample type and the net side only.
   */
  readonly groups?: SampleGroups;
}

export interface SampleGroups {
  readonly of: Int32Array;
  readonly count: number;
}

/**
 * Frames of every location, and ways of grouping them into nodes. Every mapping has the same frames: frame i
 * is the same frame in each, and nodeOf[m][i] is its node in mapping m, or -1 when no node of m counts it.
 * Such a frame is still on the stack: when it is the leaf, nobody gets the flat, as pprof gives none to a
 * frame it dropped.
 */
export interface NodeMaps {
  /** Frames of location l: frameStart[l] .. frameStart[l+1]-1, innermost first (a FrameTable's). */
  readonly frameStart: Int32Array;
  readonly nodeOf: readonly Int32Array[];
  readonly nodeCount: readonly number[];
}

/**
 * flat and cum per node; per sample type with weighing 'all', row-major: sum[node * sampleTypes + t]. For a
 * comparison (Profile.baseSample) flat and cum are net, as pprof counts them, and baseFlat and baseCum, laid
 * out alike, are the base side's (positive): the negated sum of the base's samples alone.
 */
export interface FlatCum {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  readonly baseFlat?: Float64Array;
  readonly baseCum?: Float64Array;
}

/**
 * The mappings laid out for the walk. The nodes of all mappings are numbered together (node n of mapping m
 * is base[m] + n), and one more number, `lost`, stands for "no node": its sums are dropped. Per location l,
 * pair[2l] and pair[2l+1] are the numbers of its frame in the first two mappings (`lost` for a missing second
 * one) when it has exactly one frame, which is the common case, read in one go. Otherwise pair[2l] is -1 - j
 * and pair[2l+1] the location's frame count, and the frames' numbers are at more[j..], `width` per frame:
 * every mapping's, or two at least.
 */
interface Layout {
  readonly base: Int32Array;
  readonly lost: number;
  readonly width: number;
  readonly pair: Int32Array;
  readonly more: Int32Array;
  /**
   * Per location: 1 when a frame of it has a node. Set only when few locations do (a show filter that keeps
   * a few functions): a sample through none of them adds nothing, and a scan of the stacks finds the others.
   */
  readonly live: Uint8Array | undefined;
}

const layouts = new WeakMap<NodeMaps, Layout>();

function layoutOf(maps: NodeMaps): Layout {
  let out = layouts.get(maps);
  if (out) return out;
  const { frameStart, nodeOf } = maps;
  const k = nodeOf.length;
  const width = Math.max(2, k);
  const base = new Int32Array(k);
  let lost = 0;
  for (let m = 0; m < k; m++) {
    base[m] = lost;
    lost += maps.nodeCount[m];
  }
  const number = (m: number, i: number) => (m >= k || nodeOf[m][i] < 0 ? lost : base[m] + nodeOf[m][i]);
  const nl = frameStart.length - 1;
  const pair = new Int32Array(2 * nl);
  const more: number[] = [];
  for (let l = 0; l < nl; l++) {
    const lo = frameStart[l];
    const hi = frameStart[l + 1];
    if (hi - lo === 1 && k <= 2) {
      pair[2 * l] = number(0, lo);
      pair[2 * l + 1] = number(1, lo);
      continue;
    }
    pair[2 * l] = -1 - more.length;
    pair[2 * l + 1] = hi - lo;
    for (let i = lo; i < hi; i++) for (let m = 0; m < width; m++) more.push(number(m, i));
  }
  const live = new Uint8Array(nl);
  let liveCount = 0;
  for (let l = 0; l < nl; l++) {
    for (let i = frameStart[l]; i < frameStart[l + 1] && live[l] === 0; i++) for (let m = 0; m < k; m++) if (nodeOf[m][i] >= 0) live[l] = 1;
    liveCount += live[l];
  }
  out = { base, lost, width, pair, more: Int32Array.from(more), live: liveCount <= nl / 4 ? live : undefined };
  layouts.set(maps, out);
  return out;
}

/**
 * flat and cum of every node of every mapping, in one pass over the samples; for a comparison the base side
 * too, as columns beside the net ones (so that it costs one pass, not two).
 */
export function walkFlatCum(p: Profile, maps: NodeMaps, weighing: Weighing): FlatCum[] {
  const layout = layoutOf(maps);
  const nt = p.sampleTypes.length;
  const { walked, derived } = weighing.sampleIndex === 'all' ? columnsOf(p) : { walked: [weighing.sampleIndex as number], derived: [] };
  const nc = walked.length;
  if (weighing.groups) return walkGrouped(p, maps, layout, walked, weighing);
  const base = weighing.netOnly ? undefined : p.baseSample;
  // Columns per node: the walked sample types, then (comparisons) the base side of each.
  const width = base ? 2 * nc : nc;
  const flat = new Float64Array((layout.lost + 1) * width);
  const cum = new Float64Array((layout.lost + 1) * width);
  if (layout.live) walkSparse(p, layout, layout.live, walked, weighing.keep, base, flat, cum);
  else if (nc === 1 && base === undefined) walkOne(p, layout, walked[0], weighing.keep, flat, cum);
  else if (nc === 1) walkOneWithBase(p, layout, walked[0], weighing.keep, base!, flat, cum);
  else walkMany(p, layout, walked, weighing.keep, base, flat, cum);
  // Back to one array per mapping, each with every asked-for sample type.
  const out = weighing.sampleIndex === 'all' ? nt : 1;
  return maps.nodeCount.map((count, m) => {
    const from = layout.base[m] * width;
    const side = (column0: number) => {
      if (out === 1 && width === 1) return { flat: flat.slice(from, from + count), cum: cum.slice(from, from + count) };
      const f = new Float64Array(count * out);
      const c = new Float64Array(count * out);
      for (let x = 0; x < nc; x++) {
        for (let n = 0, t = out === 1 ? 0 : walked[x], at = from + column0 + x; n < count; n++, at += width) {
          f[n * out + t] = flat[at];
          c[n * out + t] = cum[at];
        }
      }
      for (const { column, of, factor } of derived) {
        for (let n = 0, at = from + column0 + of; n < count; n++, at += width) {
          f[n * out + column] = factor * flat[at];
          c[n * out + column] = factor * cum[at];
        }
      }
      return { flat: f, cum: c };
    };
    const net = side(0);
    if (!base) return net;
    const b = side(nc);
    return { ...net, baseFlat: b.flat, baseCum: b.cum };
  });
}

/** walkFlatCum with groups: per node, one column per group of the one sample type walked. */
function walkGrouped(p: Profile, maps: NodeMaps, layout: Layout, walked: readonly number[], weighing: Weighing): FlatCum[] {
  const groups = weighing.groups!;
  if (walked.length !== 1) throw new Error('a grouped walk takes one sample type');
  const width = groups.count;
  const flat = new Float64Array((layout.lost + 1) * width);
  const cum = new Float64Array((layout.lost + 1) * width);
  if (layout.live) walkSparse(p, layout, layout.live, walked, weighing.keep, undefined, flat, cum, groups);
  else walkMany(p, layout, walked, weighing.keep, undefined, flat, cum, groups);
  return maps.nodeCount.map((count, m) => {
    const from = layout.base[m] * width;
    return { flat: flat.slice(from, from + count * width), cum: cum.slice(from, from + count * width) };
  });
}

/**
 * The walk for one sample type (or several in proportion) and at most two mappings: the top table's, the
 * line index's. It is kept apart from walkMany, whose loops over mappings and sample types cost 1.25-1.4x
 * as much on L for the same sums (761 and 778 ms against 547 and 625 ms of CPU, medians of 9, two runs in
 * one process, 2026-12-02); this loop is as fast as the one it replaced (571 and 660 ms).
 */
function walkOne(
  p: Profile,
  layout: Layout,
  t: number,
  keep: Uint8Array | undefined,
  flat: Float64Array,
  cum: Float64Array,
): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  // seen[n] === s + 1 once node n has had sample s's cum.
  const seen = new Int32Array(layout.lost + 1);
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    const w = sampleValues[s * nt + t];
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (w === 0 || first === end) continue;
    const stamp = s + 1;
    for (let i = first; i < end; i++) {
      const l = sampleLocs[i];
      const a = pair[2 * l];
      if (a >= 0) {
        const b = pair[2 * l + 1];
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          cum[a] += w;
        }
        if (seen[b] !== stamp) {
          seen[b] = stamp;
          cum[b] += w;
        }
        continue;
      }
      for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) {
        const n = more[j];
        if (seen[n] !== stamp) {
          seen[n] = stamp;
          cum[n] += w;
        }
      }
    }
    const j = leafAt(p, layout, first, end);
    if (j === NO_LEAF) continue;
    if (j >= 0) {
      flat[pair[j]] += w;
      flat[pair[j + 1]] += w;
    } else for (let m = -1 - j, e = m + width; m < e; m++) flat[more[m]] += w;
  }
}

/**
 * walkOne for a comparison: the same loop, with each node's base side in the column after its net one (a
 * base sample's value negated there), without walkMany's loops over columns. On the L pair (L against
 * another seed, 2M samples) it took 1.3x walkOne's time per sample (best of 7, a busy machine, 2026-12-02).
 */
function walkOneWithBase(
  p: Profile,
  layout: Layout,
  t: number,
  keep: Uint8Array | undefined,
  base: Uint8Array,
  flat: Float64Array,
  cum: Float64Array,
): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  const seen = new Int32Array(layout.lost + 1);
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    const w = sampleValues[s * nt + t];
    const bw = base[s] === 1 ? -w : 0;
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (w === 0 || first === end) continue;
    const stamp = s + 1;
    for (let i = first; i < end; i++) {
      const l = sampleLocs[i];
      const a = pair[2 * l];
      if (a >= 0) {
        const b = pair[2 * l + 1];
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          cum[2 * a] += w;
          cum[2 * a + 1] += bw;
        }
        if (seen[b] !== stamp) {
          seen[b] = stamp;
          cum[2 * b] += w;
          cum[2 * b + 1] += bw;
        }
        continue;
      }
      for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) {
        const n = more[j];
        if (seen[n] !== stamp) {
          seen[n] = stamp;
          cum[2 * n] += w;
          cum[2 * n + 1] += bw;
        }
      }
    }
    const j = leafAt(p, layout, first, end);
    if (j === NO_LEAF) continue;
    const at = j >= 0 ? pair : more;
    for (let m = j >= 0 ? j : -1 - j, e = m + (j >= 0 ? 2 : width); m < e; m++) {
      flat[2 * at[m]] += w;
      flat[2 * at[m] + 1] += bw;
    }
  }
}

/**
 * The general walk: any number of mappings and of sample types, and for a comparison (`base`, per sample 1
 * for the base's) the base side of each in the columns after them, a base sample's value negated there.
 */
function walkMany(
  p: Profile,
  layout: Layout,
  walked: readonly number[],
  keep: Uint8Array | undefined,
  base: Uint8Array | undefined,
  flat: Float64Array,
  cum: Float64Array,
  groups?: SampleGroups,
): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  const nw = walked.length;
  const nc = base ? 2 * nw : nw;
  // A node's columns: nc per group; a sample adds to its group's (at offset `off`).
  const stride = groups ? nc * groups.count : nc;
  let off = 0;
  const seen = new Int32Array(layout.lost + 1);
  const w = new Float64Array(nc);
  const add = (n: number) => {
    for (let c = 0; c < nc; c++) cum[n * stride + off + c] += w[c];
  };
  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    if (groups) {
      if (groups.of[s] < 0) continue;
      off = groups.of[s] * nc;
    }
    let any = false;
    for (let c = 0; c < nw; c++) if ((w[c] = sampleValues[s * nt + walked[c]]) !== 0) any = true;
    if (base !== undefined) baseSide(w, nw, base[s]);
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (!any || first === end) continue;
    const stamp = s + 1;
    for (let i = first; i < end; i++) {
      const l = sampleLocs[i];
      const a = pair[2 * l];
      if (a >= 0) {
        const b = pair[2 * l + 1];
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          add(a);
        }
        if (seen[b] !== stamp) {
          seen[b] = stamp;
          add(b);
        }
        continue;
      }
      for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) {
        const n = more[j];
        if (seen[n] !== stamp) {
          seen[n] = stamp;
          add(n);
        }
      }
    }
    const j = leafAt(p, layout, first, end);
    if (j === NO_LEAF) continue;
    const at = j >= 0 ? pair : more;
    for (let m = j >= 0 ? j : -1 - j, e = m + (j >= 0 ? 2 : width); m < e; m++) {
      for (let c = 0; c < nc; c++) flat[at[m] * stride + off + c] += w[c];
    }
  }
}

/** A sample's base-side columns (after its `nw` net ones): its values negated when it is the base's, else 0. */
function baseSide(w: Float64Array, nw: number, isBase: number): void {
  for (let c = 0; c < nw; c++) w[nw + c] = isBase === 1 ? -w[c] : 0;
}

/**
 * The walk when few locations have a node: one scan of the stacks, which looks only at those locations
 * (and at the leaf of a sample that has one). Columns as walkMany's.
 */
function walkSparse(
  p: Profile,
  layout: Layout,
  live: Uint8Array,
  walked: readonly number[],
  keep: Uint8Array | undefined,
  base: Uint8Array | undefined,
  flat: Float64Array,
  cum: Float64Array,
  groups?: SampleGroups,
): void {
  const { pair, more, width } = layout;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  const nw = walked.length;
  const nc = base ? 2 * nw : nw;
  const stride = groups ? nc * groups.count : nc;
  let off = 0;
  const seen = new Int32Array(layout.lost + 1);
  const w = new Float64Array(nc);
  const add = (n: number) => {
    if (seen[n] === stamp) return;
    seen[n] = stamp;
    for (let c = 0; c < nc; c++) cum[n * stride + off + c] += w[c];
  };
  let s = 0;
  let stamp = 0;
  for (let k = 0; k < sampleLocs.length; k++) {
    const l = sampleLocs[k];
    if (live[l] === 0) continue;
    if (stamp !== s + 1 || k >= sampleLocStart[s + 1]) {
      // The first such location of sample s: is the sample counted, and where is its leaf?
      while (sampleLocStart[s + 1] <= k) s++;
      stamp = s + 1;
      let any = (keep === undefined || keep[s] === 1) && (groups === undefined || groups.of[s] >= 0);
      if (groups && any) off = groups.of[s] * nc;
      if (any) {
        any = false;
        for (let c = 0; c < nw; c++) if ((w[c] = sampleValues[s * nt + walked[c]]) !== 0) any = true;
        if (base !== undefined) baseSide(w, nw, base[s]);
      }
      if (!any) {
        k = sampleLocStart[s + 1] - 1;
        continue;
      }
      const j = leafAt(p, layout, sampleLocStart[s], sampleLocStart[s + 1]);
      const at = j >= 0 ? pair : more;
      for (let m = j >= 0 ? j : -1 - j, e = m + (j >= 0 ? 2 : width); m < e && j !== NO_LEAF; m++) {
        for (let c = 0; c < nc; c++) flat[at[m] * stride + off + c] += w[c];
      }
    }
    const a = pair[2 * l];
    if (a >= 0) {
      add(a);
      add(pair[2 * l + 1]);
    } else for (let j = -1 - a, e = j + width * pair[2 * l + 1]; j < e; j++) add(more[j]);
  }
}

const NO_LEAF = 0x7fffffff;

/**
 * Where the numbers of a sample's leaf frame are: pair[j] (j >= 0) or more[-1 - j], the first frame of the
 * first location that has one; NO_LEAF when every frame is hidden.
 */
function leafAt(p: Profile, layout: Layout, first: number, end: number): number {
  const { pair } = layout;
  for (let i = first; i < end; i++) {
    const l = p.sampleLocs[i];
    if (pair[2 * l] >= 0) return 2 * l;
    if (pair[2 * l + 1] > 0) return pair[2 * l];
  }
  return NO_LEAF;
}
