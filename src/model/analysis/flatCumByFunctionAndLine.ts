// flat and cum by function and by line in one pass over the samples, for an unfiltered profile. The two
// granularities are almost always both wanted (the top table by function, the hot lines by line), and the
// pass is bound by reading the stacks, so the second granularity costs little more than its own counters.
import type { FrameTable } from './frameTable';
import type { Profile } from '../profile/profile';

export interface FlatCum {
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

/**
 * fn and ln are the unfiltered tables of the two granularities: every location has at least one frame, and
 * the same number in both (a frame per line, or one for a location without lines).
 */
export function flatCumByFunctionAndLine(p: Profile, sampleIndex: number, fn: FrameTable, ln: FrameTable): [FlatCum, FlatCum] {
  const nl = p.locationCount;
  // Per location: its function node and line node when it is one frame. A location with several frames
  // (inlining) has -1-k and its frame count instead, and its frames' node pairs are at extra[k..].
  const pair = new Int32Array(2 * nl);
  const extra: number[] = [];
  for (let l = 0; l < nl; l++) {
    const a = fn.frameStart[l];
    const b = ln.frameStart[l];
    const count = fn.frameStart[l + 1] - a;
    if (count === 1) {
      pair[2 * l] = fn.frames[a];
      pair[2 * l + 1] = ln.frames[b];
      continue;
    }
    pair[2 * l] = -1 - extra.length;
    pair[2 * l + 1] = count;
    for (let i = 0; i < count; i++) extra.push(fn.frames[a + i], ln.frames[b + i]);
  }
  const more = Int32Array.from(extra);
  const nf = fn.nodes.count;
  const nn = ln.nodes.count;
  const cumF = new Float64Array(nf);
  const cumL = new Float64Array(nn);
  // seen[node] === s + 1 once node got sample s's cum.
  const seenF = new Int32Array(nf);
  const seenL = new Int32Array(nn);
  const flatF = new Float64Array(nf);
  const flatL = new Float64Array(nn);
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const nt = p.sampleTypes.length;
  for (let s = 0; s < p.sampleCount; s++) {
    const w = sampleValues[s * nt + sampleIndex];
    const first = sampleLocStart[s];
    const end = sampleLocStart[s + 1];
    if (w === 0 || first === end) continue;
    const stamp = s + 1;
    for (let k = first; k < end; k++) {
      const l = sampleLocs[k];
      const f = pair[2 * l];
      if (f >= 0) {
        const n = pair[2 * l + 1];
        if (seenF[f] !== stamp) {
          seenF[f] = stamp;
          cumF[f] += w;
        }
        if (seenL[n] !== stamp) {
          seenL[n] = stamp;
          cumL[n] += w;
        }
        continue;
      }
      for (let i = -1 - f, e = i + 2 * pair[2 * l + 1]; i < e; i += 2) {
        const a = more[i];
        const b = more[i + 1];
        if (seenF[a] !== stamp) {
          seenF[a] = stamp;
          cumF[a] += w;
        }
        if (seenL[b] !== stamp) {
          seenL[b] = stamp;
          cumL[b] += w;
        }
      }
    }
    // flat goes to the leaf: the innermost frame of the first location.
    const leaf = sampleLocs[first];
    const f = pair[2 * leaf];
    if (f >= 0) {
      flatF[f] += w;
      flatL[pair[2 * leaf + 1]] += w;
    } else {
      flatF[more[-1 - f]] += w;
      flatL[more[-f]] += w;
    }
  }
  return [
    { flat: flatF, cum: cumF },
    { flat: flatL, cum: cumL },
  ];
}
