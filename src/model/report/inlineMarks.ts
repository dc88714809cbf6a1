// pprof -top's "(inline)" / "(partial-inline)" suffix. pprof marks a call edge inline when every sample's
// first pass over it (from the root) entered an inlined frame (a frame that is not the outermost line of its
// location); a node reached only by inline edges is "(inline)", by both kinds "(partial-inline)".
//
// An edge into an inner line of a location comes from the line above it in the same location, so those
// edges are known per location; an edge into the outermost line of a location comes from the innermost line
// of the location that calls it. So one pass over the samples' locations (not their frames) finds the call
// edges into the nodes that are inner lines somewhere, and only an edge that is both (the same two nodes
// inlined at one site and called at another) needs the order of the sample's frames. When a filter has
// emptied a location (hide, show), the caller of a frame is further up the stack, and the analysis' edge
// walk counts the edges frame by frame instead.
import type { FrameTable } from '../analysis/frameTable';
import { EDGES_IN, walkEdges } from '../analysis/edgeWalk';
import type { Profile } from '../profile/profile';

const INLINE_IN = 1;
const CALL_IN = 2;

/** Per node: INLINE_IN | CALL_IN bits describing its incoming edges (only nodes with an inline edge in them get the bits right; the others get 0 or CALL_IN). */
export function inlineLabels(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined): Uint8Array {
  const { frameStart } = table;
  for (let l = 0; l + 1 < frameStart.length; l++) if (frameStart[l] === frameStart[l + 1]) return walkedLabels(p, table, sampleIndex, keep);
  return labelsByLocation(p, table, sampleIndex, keep);
}

/** The general way: the edge walk, asked only for the edges into nodes that are inlined somewhere (exported for tests). */
export function walkedLabels(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined): Uint8Array {
  const { frameStart, frames } = table;
  const marks = new Uint8Array(table.nodes.count);
  for (let l = 0; l + 1 < frameStart.length; l++) for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) marks[frames[i]] = EDGES_IN;
  const edges = walkEdges(p, table, { sampleIndex, keep }, marks);
  const out = new Uint8Array(table.nodes.count);
  for (let e = 0; e < edges.edgeCount; e++) out[edges.callee[e]] |= edges.inline[e] ? INLINE_IN : CALL_IN;
  return out;
}

/** Every location has a frame: the edges as the note above says. */
function labelsByLocation(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined): Uint8Array {
  const { frameStart, frames } = table;
  const count = table.nodes.count;
  const used = usedLocations(p, sampleIndex, keep, frameStart.length - 1);
  const inl = inlineEdges(table, used);
  const nl = frameStart.length - 1;
  // Per location: its innermost line (the callee's parent), and its outermost line when that is a node with
  // inline edges into it (the edge from its caller is looked at), else -1.
  const ends = new Int32Array(2 * nl);
  for (let l = 0; l < nl; l++) {
    const n = frames[frameStart[l + 1] - 1];
    ends[2 * l] = frames[frameStart[l]];
    ends[2 * l + 1] = used[l] === 1 && inl.start[n + 1] > inl.start[n] ? n : -1;
  }
  const callIn = new Uint8Array(count);
  // called[e] = 1 once a sample's first pass over inline edge e was a call.
  const called = new Uint8Array(inl.parent.length);
  callEdges(p, table, sampleIndex, keep, ends, inl, callIn, called);
  const out = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    let bits = callIn[n] === 1 ? CALL_IN : 0;
    for (let e = inl.start[n]; e < inl.start[n + 1]; e++) bits |= called[e] === 1 ? CALL_IN : INLINE_IN;
    out[n] = bits;
  }
  return out;
}

/** Per location, 1 when a sample that counts (kept, value not 0) has it: pprof skips the others. */
export function usedLocations(p: Profile, sampleIndex: number, keep: Uint8Array | undefined, nl: number): Uint8Array {
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  const used = new Uint8Array(nl);
  for (let s = 0; s < p.sampleCount; s++) {
    if (sampleValues[s * nt + sampleIndex] === 0 || (keep !== undefined && keep[s] === 0)) continue;
    for (let k = sampleLocStart[s], e = sampleLocStart[s + 1]; k < e; k++) used[sampleLocs[k]] = 1;
  }
  return used;
}

/** The inline edges (caller line above, callee line below, not the same node) of the used locations, by callee, each once. */
export interface InlineEdges {
  /** Edges into node n: parent[start[n] .. start[n+1]-1]. */
  readonly start: Int32Array;
  readonly parent: Int32Array;
  readonly callee: Int32Array;
  /** (parent, callee) → edge + 1, open addressing; mask = slots.length - 1. */
  readonly slots: Int32Array;
}

export function inlineEdges({ frameStart, frames, nodes }: FrameTable, used: Uint8Array): InlineEdges {
  const nl = frameStart.length - 1;
  const start = new Int32Array(nodes.count + 1);
  for (let l = 0; l < nl; l++) {
    if (used[l] === 0) continue;
    for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) if (frames[i] !== frames[i + 1]) start[frames[i] + 1]++;
  }
  for (let n = 0; n < nodes.count; n++) start[n + 1] += start[n];
  const fill = start.slice(0, nodes.count);
  const parent = new Int32Array(start[nodes.count]);
  for (let l = 0; l < nl; l++) {
    if (used[l] === 0) continue;
    for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) if (frames[i] !== frames[i + 1]) parent[fill[frames[i]]++] = frames[i + 1];
  }
  // Each callee's parents sorted and made distinct; the lists are short (the sites a function is inlined at).
  let size = 16;
  while (size < 2 * parent.length) size *= 2;
  const slots = new Int32Array(size);
  const callee = new Int32Array(parent.length);
  let w = 0;
  for (let n = 0; n < nodes.count; n++) {
    const list = parent.subarray(start[n], start[n + 1]).sort();
    start[n] = w;
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && list[i] === list[i - 1]) continue;
      parent[w] = list[i];
      callee[w] = n;
      let h = hash(list[i], n) & (size - 1);
      while (slots[h] !== 0) h = (h + 1) & (size - 1);
      slots[h] = ++w;
    }
  }
  start[nodes.count] = w;
  return { start, parent: parent.slice(0, w), callee: callee.slice(0, w), slots };
}

/** A pair's hash, its high bits mixed into the low ones that a mask keeps (without that, probes run long). */
export function hash(from: number, to: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to ^ (to >>> 16), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}

/**
 * The call edges into the outermost line of the locations that `ends` names it for, from the innermost line of the location
 * above: an edge that is no inline edge sets callIn of its callee; one that is (the callee is inlined into
 * the same caller elsewhere) is a call in this sample's first pass unless a location above has it inlined.
 */
function callEdges(
  p: Profile,
  { frameStart, frames }: FrameTable,
  sampleIndex: number,
  keep: Uint8Array | undefined,
  ends: Int32Array,
  inl: InlineEdges,
  callIn: Uint8Array,
  called: Uint8Array,
): void {
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const { parent, callee, slots } = inl;
  const mask = slots.length - 1;
  const nt = p.sampleTypes.length;
  const isParent = new Uint8Array(callIn.length);
  for (let e = 0; e < parent.length; e++) isParent[parent[e]] = 1;
  for (let s = 0; s < p.sampleCount; s++) {
    if (sampleValues[s * nt + sampleIndex] === 0 || (keep !== undefined && keep[s] === 0)) continue;
    const end = sampleLocStart[s + 1] - 1; // the root location has no caller
    for (let k = sampleLocStart[s]; k < end; k++) {
      const n = ends[2 * sampleLocs[k] + 1];
      if (n < 0) continue;
      const q = ends[2 * sampleLocs[k + 1]];
      if (q === n) continue;
      // Most callers inline nothing: then the edge is no inline edge, without a look-up.
      if (isParent[q] === 0) {
        callIn[n] = 1;
        continue;
      }
      let h = hash(q, n) & mask;
      let e = -1;
      for (;;) {
        const x = slots[h] - 1;
        if (x < 0) break;
        if (parent[x] === q && callee[x] === n) {
          e = x;
          break;
        }
        h = (h + 1) & mask;
      }
      if (e < 0) callIn[n] = 1;
      else if (called[e] === 0 && !inlinedAbove(p, frameStart, frames, k + 1, sampleLocStart[s + 1], q, n)) called[e] = 1;
    }
  }
}

/** Whether a location of sampleLocs[from .. end-1] has line q directly above line n. */
export function inlinedAbove(p: Profile, frameStart: Int32Array, frames: Int32Array, from: number, end: number, q: number, n: number): boolean {
  for (let j = from; j < end; j++) {
    const l = p.sampleLocs[j];
    for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) if (frames[i] === n && frames[i + 1] === q) return true;
  }
  return false;
}

/** pprof's marks of a node: bits of the edges into it. */
export const INLINE_EDGE_IN = INLINE_IN;
export const CALL_EDGE_IN = CALL_IN;

export function inlineSuffix(bits: number): string {
  if (!(bits & INLINE_IN)) return '';
  return bits & CALL_IN ? ' (partial-inline)' : ' (inline)';
}
