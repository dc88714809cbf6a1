// pprof -top's "(inline)" / "(partial-inline)" suffix. pprof marks a call edge inline when every sample's
// first pass over it entered an inlined frame (a frame that is not the outermost line of its location);
// a node reached only by inline edges is "(inline)", by both kinds "(partial-inline)".
// Only the text report needs this, so it is a separate, slower pass (a Map lookup per call edge).
import type { FrameTable } from '../analysis/frameTable';
import type { Profile } from '../profile/profile';

const INLINE_IN = 1;
const CALL_IN = 2;

/** Per node: INLINE_IN | CALL_IN bits describing its incoming edges. */
export function inlineLabels(p: Profile, table: FrameTable, sampleIndex: number, keep: Uint8Array | undefined): Uint8Array {
  const count = table.nodes.count;
  const { frameStart, frames } = table;
  const nt = p.sampleTypes.length;
  const edgeIds = new Map<number, number>();
  let edgeChild = new Int32Array(1024);
  let edgeCall = new Uint8Array(1024);
  let edgeStamp = new Int32Array(1024);
  // Only a node that is an inlined frame somewhere can get the mark; edges into others need no bookkeeping.
  const inlinedSomewhere = new Uint8Array(count);
  for (let l = 0; l + 1 < frameStart.length; l++) for (let i = frameStart[l]; i < frameStart[l + 1] - 1; i++) inlinedSomewhere[frames[i]] = 1;
  for (let s = 0; s < p.sampleCount; s++) {
    if ((keep && keep[s] === 0) || p.sampleValues[s * nt + sampleIndex] === 0) continue;
    let parent = -1;
    for (let k = p.sampleLocStart[s + 1] - 1; k >= p.sampleLocStart[s]; k--) {
      const l = p.sampleLocs[k];
      const outer = frameStart[l + 1] - 1;
      for (let i = outer; i >= frameStart[l]; i--) {
        const n = frames[i];
        if (parent >= 0 && n !== parent && inlinedSomewhere[n] === 1) {
          const key = parent * count + n;
          let e = edgeIds.get(key);
          if (e === undefined) {
            e = edgeIds.size;
            edgeIds.set(key, e);
            if (e >= edgeChild.length) {
              edgeChild = grow(edgeChild);
              edgeCall = grow(edgeCall);
              edgeStamp = grow(edgeStamp);
            }
            edgeChild[e] = n;
          }
          if (edgeStamp[e] !== s + 1) {
            edgeStamp[e] = s + 1;
            if (i === outer) edgeCall[e] = 1;
          }
        }
        parent = n;
      }
    }
  }
  const out = new Uint8Array(count);
  for (let e = 0; e < edgeIds.size; e++) out[edgeChild[e]] |= edgeCall[e] ? CALL_IN : INLINE_IN;
  return out;
}

function grow<T extends Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

export function inlineSuffix(bits: number): string {
  if (!(bits & INLINE_IN)) return '';
  return bits & CALL_IN ? ' (partial-inline)' : ' (inline)';
}
