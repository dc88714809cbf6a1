// How the walk (sampleWalk.ts) reads the frames of a location: the mappings of frames to nodes, laid out
// once per mapping so that a location's numbers are read in one go, and where a sample's leaf frame is.
import type { Profile } from '../profile/profile';

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
 * The mappings laid out for the walk. The nodes of all mappings are numbered together (node n of mapping m
 * is base[m] + n), and one more number, `lost`, stands for "no node": its sums are dropped. Per location l,
 * pair[2l] and pair[2l+1] are the numbers of its frame in the first two mappings (`lost` for a missing second
 * one) when it has exactly one frame, which is the common case, read in one go. Otherwise pair[2l] is -1 - j
 * and pair[2l+1] the location's frame count, and the frames' numbers are at more[j..], `width` per frame:
 * every mapping's, or two at least.
 */
export interface Layout {
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

export function layoutOf(maps: NodeMaps): Layout {
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

export const NO_LEAF = 0x7fffffff;

/**
 * Where the numbers of a sample's leaf frame are: pair[j] (j >= 0) or more[-1 - j], the first frame of the
 * first location that has one; NO_LEAF when every frame is hidden.
 */
export function leafAt(p: Profile, layout: Layout, first: number, end: number): number {
  const { pair } = layout;
  for (let i = first; i < end; i++) {
    const l = p.sampleLocs[i];
    if (pair[2 * l] >= 0) return 2 * l;
    if (pair[2 * l + 1] > 0) return pair[2 * l];
  }
  return NO_LEAF;
}
