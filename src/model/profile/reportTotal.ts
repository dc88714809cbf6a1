// pprof's report total (report.computeTotal): the sum of |value| over the samples, or, when some samples
// carry the diff base's label (a -diff_base profile), over those samples only. go tool pprof first merges
// samples with the same stack and labels (profile.Merge, run on every profile it reads), so a delta
// profile's +x and -x on one stack cancel before the magnitudes are summed. Without negative values the
// merge cannot change either sum, and the fast path skips it. pprof merges before it applies drop_frames,
// so the merge looks at the stacks as decoded.
import { BASE_LABEL_KEY, BASE_LABEL_VALUE } from './comparison';
import { mergeProfiles } from './mergeProfiles';
import type { DecodedProfile } from './profile';

/** The report total of every sample type, in one pass over the samples (plus a merge when a value is negative). */
export function reportTotals(p: DecodedProfile): Float64Array {
  return totalsOf(p, false) ?? mergedReportTotals(mergeProfiles([{ profile: p }]));
}

/** computeTotal on a profile whose samples are already merged (the output of mergeProfiles). */
export function mergedReportTotals(p: DecodedProfile): Float64Array {
  return totalsOf(p, true)!;
}

/** computeTotal over the samples as they are; undefined if a value is negative and they are not merged. */
function totalsOf(p: DecodedProfile, merged: boolean): Float64Array | undefined {
  const nt = p.sampleTypes.length;
  const v = p.sampleValues;
  const totals = new Float64Array(nt);
  const baseTotals = new Float64Array(nt);
  // Labels are few beside the samples: one look at their keys spares a look at every sample's.
  const labelled = p.labelKey.includes(BASE_LABEL_KEY);
  let negative = false;
  for (let s = 0; s < p.sampleCount; s++) {
    const base = labelled && isBaseSample(p, s);
    for (let t = 0; t < nt; t++) {
      const x = v[s * nt + t];
      if (x < 0) negative = true;
      totals[t] += Math.abs(x);
      if (base) baseTotals[t] += Math.abs(x);
    }
  }
  if (negative && !merged) return undefined;
  for (let t = 0; t < nt; t++) if (baseTotals[t] > 0) totals[t] = baseTotals[t];
  return totals;
}

/** pprof's Sample.DiffBaseSample: one of the sample's `pprof::base` values is "true". */
export function isBaseSample(p: DecodedProfile, s: number): boolean {
  for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
    if (p.labelStr[j] === BASE_LABEL_VALUE && p.labelKey[j] === BASE_LABEL_KEY) return true;
  }
  return false;
}
