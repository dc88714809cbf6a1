// The correction that coarser keys need after the walk: a line shared by several functions is one key over
// several nodes, and summing those nodes' cum counts a sample more than once (the line index's case).
import type { Profile } from '../profile/profile';

/**
 * When nodes are merged into coarser keys, summing the nodes' cum counts a sample once per distinct node of
 * a key on its stack, where the key should have it once. This is that excess per key (row-major by sample
 * type), for every sample type: only the frames with a key (`keyOf[i] >= 0`, node `nodeOf[i]`) are read.
 * For a comparison, `base` is the base side's excess (positive), as `excess` is the net one.
 */
export function mergedExcess(
  p: Profile,
  frameStart: Int32Array,
  keyOf: Int32Array,
  nodeOf: Int32Array,
  keyCount: number,
  nodeCount: number,
): { readonly excess: Float64Array; readonly base?: Float64Array } {
  const nl = frameStart.length - 1;
  const live = new Uint8Array(nl);
  for (let l = 0; l < nl; l++) for (let i = frameStart[l]; i < frameStart[l + 1]; i++) if (keyOf[i] >= 0) live[l] = 1;
  const nt = p.sampleTypes.length;
  const excess = new Float64Array(keyCount * nt);
  const baseSample = p.baseSample;
  const base = baseSample && new Float64Array(keyCount * nt);
  // keyStamp[k] === s + 1 once sample s has had a node of key k, nodeStamp[n] likewise for node n.
  const keyStamp = new Int32Array(keyCount);
  const nodeStamp = new Int32Array(nodeCount);
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  let s = 0;
  const n4 = sampleLocs.length - 3;
  for (let k = 0; k < sampleLocs.length; k++) {
    // Four locations at a time while none is live, which is most of them.
    while (k < n4 && (live[sampleLocs[k]] | live[sampleLocs[k + 1]] | live[sampleLocs[k + 2]] | live[sampleLocs[k + 3]]) === 0) k += 4;
    if (k >= sampleLocs.length) break;
    const l = sampleLocs[k];
    if (live[l] === 0) continue;
    while (sampleLocStart[s + 1] <= k) s++;
    const stamp = s + 1;
    for (let i = frameStart[l]; i < frameStart[l + 1]; i++) {
      const key = keyOf[i];
      if (key < 0) continue;
      const n = nodeOf[i];
      if (nodeStamp[n] === stamp) continue;
      nodeStamp[n] = stamp;
      if (keyStamp[key] !== stamp) keyStamp[key] = stamp;
      else {
        for (let t = 0; t < nt; t++) excess[key * nt + t] += sampleValues[s * nt + t];
        if (base && baseSample![s] === 1) for (let t = 0; t < nt; t++) base[key * nt + t] -= sampleValues[s * nt + t];
      }
    }
  }
  return base ? { excess, base } : { excess };
}
