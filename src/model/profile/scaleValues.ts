// pprof's arithmetic on sample values: Scale/ScaleN round every product as Go's math.Round does (half away
// from zero), and Normalize scales a profile by the ratio of another's sums. The merge applies the ratios
// to each source's samples as it reads them (mergeProfiles.ts), so no scaled copy of a profile is made.
import type { DecodedProfile } from './profile';

/** Go's math.Round: halves go away from zero (JavaScript's Math.round sends -2.5 to -2). Never -0. */
export function goRound(x: number): number {
  return (x < 0 ? -Math.round(-x) : Math.round(x)) + 0;
}

/** The signed sum of each sample type over the samples (pprof Normalize's baseVals/srcVals). */
export function sampleSums(p: DecodedProfile): Float64Array {
  const nt = p.sampleTypes.length;
  const sums = new Float64Array(nt);
  const v = p.sampleValues;
  for (let s = 0; s < p.sampleCount; s++) for (let t = 0; t < nt; t++) sums[t] += v[s * nt + t];
  return sums;
}

/** Profile.Normalize's ratios: base sum / target sum per sample type, 0 where the target's sum is 0. */
export function normalizeRatios(base: DecodedProfile, target: DecodedProfile): number[] {
  const b = sampleSums(base);
  const t = sampleSums(target);
  return Array.from(t, (sum, i) => (sum === 0 ? 0 : b[i] / sum));
}

/**
 * ScaleN on one sample's values, in place; returns whether pprof keeps the sample. As ScaleN does, only the
 * scaled types count: a sample whose scaled values all round to 0 goes even when an unscaled one is not 0.
 */
export function scaleSample(values: Float64Array, at: number, ratios: readonly number[]): boolean {
  let keep = false;
  for (let t = 0; t < ratios.length; t++) {
    const r = ratios[t];
    if (r === 1) continue;
    const v = goRound(values[at + t] * r);
    values[at + t] = v;
    if (v !== 0) keep = true;
  }
  return keep;
}

/** Whether ScaleN would do anything with these ratios (it returns early when all are 1). */
export function scales(ratios: readonly number[] | undefined): ratios is readonly number[] {
  return ratios !== undefined && ratios.some((r) => r !== 1);
}
