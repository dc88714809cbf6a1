// pprof -top's "(inline)" / "(partial-inline)" suffix. pprof marks a call edge inline when every sample's
// first pass over it entered an inlined frame (a frame that is not the outermost line of its location);
// a node reached only by inline edges is "(inline)", by both kinds "(partial-inline)". The edges are
// counted by the analysis' edge walk, asked only for the edges into nodes that are inlined somewhere.
import type { FrameTable } from '../analysis/frameTable';
import { EDGES_IN, walkEdges } from '../analysis/edgeWalk';
import type { Profile } from '../profile/profile';

const INLINE_IN = 1;
const CALL_IN = 2;

/** Per node: INLINE_IN | CALL_IN bits describing its incoming edges. */
export function inlineLabels(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined): Uint8Array {
  const { frameStart, frames } = table;
  // Only a node that is an inlined frame somewhere can get the mark; edges into others need no bookkeeping.
  const marks = new Uint8Array(table.nodes.count);
  for (let l = 0; l + 1 < frameStart.length; l++) for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) marks[frames[i]] = EDGES_IN;
  const edges = walkEdges(p, table, { sampleIndex, keep }, marks);
  const out = new Uint8Array(table.nodes.count);
  for (let e = 0; e < edges.edgeCount; e++) out[edges.callee[e]] |= edges.inline[e] ? INLINE_IN : CALL_IN;
  return out;
}

export function inlineSuffix(bits: number): string {
  if (!(bits & INLINE_IN)) return '';
  return bits & CALL_IN ? ' (partial-inline)' : ' (inline)';
}
