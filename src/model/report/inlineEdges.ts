// The call edges of one profile with pprof's Edge.Inline (inline when every sample's first pass over the
// edge, from the root, entered the callee as an inlined frame), edge by edge rather than as the marks of
// their callees (inlineMarks.ts): the top of several files made without their merge (topParts.ts) joins
// the files' edges, an edge being inline in the merge only when it is in every file that has it. Only the
// edges into nodes inlined somewhere (in any of the files) can make a mark, so only those are looked for.
// The edges are found as inlineMarks.ts finds them: per location for the inline ones, one pass over the
// samples' locations for the calls into a location's outermost line; where a filter emptied a location,
// by the frame-by-frame edge walk.
import type { FrameTable } from '../analysis/frameTable';
import { EDGES_IN, walkEdges } from '../analysis/edgeWalk';
import type { Profile } from '../profile/profile';
import { hash, inlineEdges, inlinedAbove, usedLocations } from './inlineMarks';

/** Distinct edges (caller ≠ callee) of the samples that count, with 1 in `inline` when every first pass was inlined. */
export interface EdgeFacts {
  readonly caller: Int32Array;
  readonly callee: Int32Array;
  readonly inline: Uint8Array;
}

/**
 * The edges into the nodes `into` marks (1), which must include every node inlined somewhere in this profile
 * (inlinedNodes): the others' marks need no edge, as a node is marked inline only through an inline edge.
 */
export function inlineEdgeFacts(
  p: Profile,
  table: FrameTable,
  sampleIndex: number,
  keep: Uint8Array | undefined,
  into: Uint8Array,
  /** usedLocations(p, sampleIndex, keep) when the caller has it. */
  used?: Uint8Array,
): EdgeFacts {
  const { frameStart } = table;
  for (let l = 0; l + 1 < frameStart.length; l++) {
    if (frameStart[l] === frameStart[l + 1]) {
      const edges = walkEdges(p, table, { sampleIndex, keep }, into.map((x) => (x === 1 ? EDGES_IN : 0)));
      const n = edges.edgeCount;
      return { caller: edges.caller.slice(0, n), callee: edges.callee.slice(0, n), inline: edges.inline.slice(0, n) };
    }
  }
  return edgesByLocation(p, table, sampleIndex, keep, into, used ?? usedLocations(p, sampleIndex, keep, frameStart.length - 1));
}

/** Per node, 1 when it is an inner line of some location: the callee of an inline edge. */
export function inlinedNodes({ frameStart, frames, nodes }: FrameTable): Uint8Array {
  const out = new Uint8Array(nodes.count);
  for (let l = 0; l + 1 < frameStart.length; l++) for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) if (frames[i] !== frames[i + 1]) out[frames[i]] = 1;
  return out;
}

function edgesByLocation(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined, into: Uint8Array, used: Uint8Array): EdgeFacts {
  const { frameStart, frames } = table;
  const nl = frameStart.length - 1;
  const inl = inlineEdges(table, used);
  const { parent, callee, slots } = inl;
  const mask = slots.length - 1;
  const isParent = new Uint8Array(table.nodes.count);
  for (let e = 0; e < parent.length; e++) isParent[parent[e]] = 1;
  const called = new Uint8Array(parent.length);
  const calls = new PairSet();
  // Per location: its outermost line (the callee of the call into it) and its innermost (the caller of the one below).
  const ends = new Int32Array(2 * nl);
  for (let l = 0; l < nl; l++) {
    ends[2 * l] = frames[frameStart[l + 1] - 1];
    ends[2 * l + 1] = frames[frameStart[l]];
  }
  // The caller location last seen above each location: a stack repeats its calls, and most are then known.
  const lastAbove = new Int32Array(nl).fill(-1);
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  for (let s = 0; s < p.sampleCount; s++) {
    if (sampleValues[s * nt + sampleIndex] === 0 || (keep !== undefined && keep[s] === 0)) continue;
    const end = sampleLocStart[s + 1] - 1; // the root location has no caller
    let l = sampleLocs[sampleLocStart[s]];
    for (let k = sampleLocStart[s]; k < end; k++) {
      const above = sampleLocs[k + 1];
      const below = l;
      l = above;
      const n = ends[2 * below];
      if (into[n] === 0) continue;
      const q = ends[2 * above + 1];
      if (q === n || lastAbove[below] === above) continue;
      let e = -1;
      if (isParent[q] === 1) {
        for (let h = hash(q, n) & mask; ; h = (h + 1) & mask) {
          const x = slots[h] - 1;
          if (x < 0) break;
          if (parent[x] === q && callee[x] === n) {
            e = x;
            break;
          }
        }
      }
      if (e >= 0) {
        // Both a call and inlined: the first pass (from the root) decides, in each sample.
        if (called[e] === 0 && !inlinedAbove(p, frameStart, frames, k + 1, sampleLocStart[s + 1], q, n)) called[e] = 1;
      } else {
        lastAbove[below] = above;
        calls.add(q, n);
      }
    }
  }
  const total = parent.length + calls.size;
  const out = { caller: new Int32Array(total), callee: new Int32Array(total), inline: new Uint8Array(total) };
  out.caller.set(parent);
  out.callee.set(callee);
  for (let e = 0; e < parent.length; e++) out.inline[e] = called[e] === 1 ? 0 : 1;
  out.caller.set(calls.first.subarray(0, calls.size), parent.length);
  out.callee.set(calls.second.subarray(0, calls.size), parent.length);
  return out;
}

/** Distinct pairs of node ids, open addressing over the pairs themselves (a Map keyed by pairs is slow in V8). */
export class PairSet {
  size = 0;
  first: Int32Array = new Int32Array(1024);
  second: Int32Array = new Int32Array(1024);
  /** Per slot: pair index + 1 (0: empty), first, second. */
  private slots = new Int32Array(3 * 2048);
  private mask = 2047;

  /** The pair's index, added when new. */
  add(a: number, b: number): number {
    const slots = this.slots;
    let h = hash(a, b) & this.mask;
    for (let x = slots[3 * h]; x !== 0; x = slots[3 * h]) {
      if (slots[3 * h + 1] === a && slots[3 * h + 2] === b) return x - 1;
      h = (h + 1) & this.mask;
    }
    if (this.size === this.first.length) {
      this.first = grow(this.first);
      this.second = grow(this.second);
    }
    this.first[this.size] = a;
    this.second[this.size] = b;
    slots[3 * h] = ++this.size;
    slots[3 * h + 1] = a;
    slots[3 * h + 2] = b;
    if (2 * this.size > this.mask) this.rehash();
    return this.size - 1;
  }

  private rehash(): void {
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(3 * size);
    this.mask = size - 1;
    for (let i = 0; i < this.size; i++) {
      const a = this.first[i];
      const b = this.second[i];
      let g = hash(a, b) & this.mask;
      while (slots[3 * g] !== 0) g = (g + 1) & this.mask;
      slots[3 * g] = i + 1;
      slots[3 * g + 1] = a;
      slots[3 * g + 2] = b;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
