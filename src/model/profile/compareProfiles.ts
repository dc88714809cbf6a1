// go tool pprof's `targets… -base|-diff_base bases… [-normalize]` (driver.fetchProfiles) on decoded
// profiles: the targets are merged, and so are the bases; with normalize the merged target is scaled by the
// bases' sum over its own, per sample type; then the bases are negated and merged in. With diff_base the
// bases' samples carry `pprof::base` and stay apart; with base they cancel the target's.
import { BASE_LABEL_KEY, BASE_LABEL_VALUE } from './comparison';
import { checkCompatible } from './mergeHeaders';
import { mergeProfiles, type MergeSource } from './mergeProfiles';
import { isBaseSample } from './reportTotal';
import type { DecodedProfile } from './profile';
import { normalizeRatios } from './scaleValues';

export interface CompareSetup {
  readonly normalize: boolean;
  /** Label the bases' samples (diff_base), so that they stay apart; else they cancel (base). */
  readonly keepBaseApart: boolean;
}

/** The comparison profile, and the target as it went into it (normalized), for its own totals. */
export function compareProfiles(
  targets: readonly MergeSource[],
  bases: readonly MergeSource[],
  setup: CompareSetup,
): { merged: DecodedProfile; target: MergeSource } {
  checkCompatible(targets, 'merge');
  checkCompatible(bases, 'merge');
  checkCompatible([bases[0], targets[0]], 'compare');
  let target: MergeSource = targets.length === 1 ? targets[0] : { profile: mergeProfiles(targets), name: targets[0].name };
  if (setup.normalize) {
    // pprof scales the merged target, so each merged sample is rounded once.
    const merged = targets.length === 1 ? mergeProfiles(targets) : target.profile;
    const ratios = normalizeRatios(bases.length === 1 ? bases[0].profile : mergeProfiles(bases), merged);
    target = { profile: mergeProfiles([{ profile: merged, scale: ratios }]), name: target.name };
  }
  const label = setup.keepBaseApart ? { [BASE_LABEL_KEY]: BASE_LABEL_VALUE } : undefined;
  const negated = bases.map((b) => ({ ...b, scale: -1, labels: label ? { ...b.labels, ...label } : b.labels }));
  return { merged: mergeProfiles([target, ...negated], 'compare'), target };
}

/** The merge in which the bases cancel the (already normalized) target: pprof's -base profile. */
export function cancelledMerge(target: MergeSource, ...bases: MergeSource[]): DecodedProfile {
  return mergeProfiles([target, ...bases.map((b) => ({ ...b, scale: -1 }))], 'compare');
}

/**
 * Whether the bases of a diff_base merge might cancel its target entirely: only when both sides have as
 * many merged samples and every sample type's net sum is 0. A cheap test that spares the cancelled merge.
 */
export function mayCancel(diff: DecodedProfile): boolean {
  const nt = diff.sampleTypes.length;
  const sums = new Float64Array(nt);
  let baseSamples = 0;
  for (let s = 0; s < diff.sampleCount; s++) {
    if (isBaseSample(diff, s)) baseSamples++;
    for (let t = 0; t < nt; t++) sums[t] += diff.sampleValues[s * nt + t];
  }
  return baseSamples * 2 === diff.sampleCount && sums.every((x) => x === 0);
}
