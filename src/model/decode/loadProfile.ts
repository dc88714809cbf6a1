// Bytes → the Profile every analysis runs on, in the order go tool pprof reads a file: decode, then the
// report totals (pprof merges samples, which a delta profile's total depends on, before drop_frames),
// then pprof's read rules. The totals stay with the profile, so no query sums the samples again.
import { keepShape } from '../base/keepShape';
import { applyPprofReadRules } from '../profile/pprofReadRules';
import { ProfileError, type DecodedProfile, type Profile } from '../profile/profile';
import { BASE_LABEL_KEY, BASE_LABEL_VALUE, type CompareOptions, type ComparisonSummary, type SideSummary } from '../profile/comparison';
import { cancelledMerge, compareProfiles, mayCancel, type CompareSetup } from '../profile/compareProfiles';
import { mergeProfiles, type MergeSource } from '../profile/mergeProfiles';
import { concatComparison, concatenates } from '../profile/concatComparison';
import { checkCompatible } from '../profile/mergeHeaders';
import { mergedReportTotals, reportTotals } from '../profile/reportTotal';
import { decodeProfile } from './decodeProfile';
import type { DecodeHow } from './readWireColumns';

/** Throws a ProfileError, with a one-line message, for anything that is not a profile. */
export function loadProfile(bytes: Uint8Array, how: DecodeHow = {}): Profile {
  return withBaseSamples(finishLoad(decodeProfile(bytes, how)));
}

// See keepShape.ts: the loaded shape, too, must outlive the profiles. The example is the smallest profile,
// an empty string table.
keepShape(loadProfile(new Uint8Array([0x32, 0x00])));

/**
 * The merge of several profiles' bytes, as `go tool pprof a b c` reads them (profile.Merge); `labels[i]` are
 * set on source i's samples (e.g. an `instance`), which keeps the sources apart. `names[i]` name the sources
 * in a message.
 */
export function loadMerged(
  inputs: readonly Uint8Array[],
  labels?: readonly (Readonly<Record<string, string>> | undefined)[],
  names?: readonly string[],
): Profile {
  const sources = inputs.map((b, i) => ({ profile: decodeNamed(b, names?.[i]), labels: labels?.[i], name: names?.[i] }));
  return finishMerged(mergeProfiles(sources));
}

/**
 * The comparison of two profiles as go tool pprof builds it (driver.fetchProfiles): with normalize, the
 * target is scaled by the base's sum over its own per sample type; then the base is negated and merged in.
 * The profile returned always keeps the base's samples apart (labelled `pprof::base`, as -diff_base does), so
 * that the views can show both sides; its totals are pprof's report totals in the mode asked for: the base's
 * total for diff_base, the net magnitude of the cancelled merge for base.
 */
export function loadComparison(
  baseBytes: Uint8Array,
  targetBytes: Uint8Array,
  options: CompareOptions,
  labels: { readonly base: string; readonly target: string },
): { profile: Profile; comparison: ComparisonSummary } {
  return compareDecoded(decodeSide(baseBytes, labels.base), decodeSide(targetBytes, labels.target), options, labels);
}

/** Decodes one side of a comparison; a message names it. */
export const decodeSide = (bytes: Uint8Array, label: string, how: DecodeHow = {}): DecodedProfile => decodeNamed(bytes, label, how);

/** How compareDecoded builds the profile. */
export interface CompareHow {
  /** pprof's merge whatever the sides. */
  readonly exact?: boolean;
  /** The concatenation's big columns on shared memory, for a profile that other threads will read. */
  readonly shared?: boolean;
  /** The target's sample columns are this comparison's to extend (see concatComparison). */
  readonly appendToTarget?: boolean;
}

/**
 * loadComparison on decoded sides. Where the two give the same numbers (concatComparison.ts) the samples
 * are concatenated rather than merged, which spares the merge of both sides' samples before the first view.
 */
export function compareDecoded(
  baseProfile: DecodedProfile,
  targetProfile: DecodedProfile,
  options: CompareOptions,
  labels: { readonly base: string; readonly target: string },
  { exact = false, shared = false, appendToTarget = false }: CompareHow = {},
): { profile: Profile; comparison: ComparisonSummary } {
  const base = { profile: baseProfile, name: labels.base };
  const target = { profile: targetProfile, name: labels.target };
  if (exact || !concatenates(baseProfile, targetProfile, options.normalize)) return compareMerged(base, target, options);
  checkCompatible([base, target], 'compare');
  const concat = concatComparison(targetProfile, baseProfile, shared, appendToTarget);
  // Without a negative value a side's report total is the sum of its values: the sides net 0 when their
  // totals are equal, and computeTotal of the diff_base profile is the base's total (or, for a sample type
  // the base has none of, the target's), which spares passes over both sides' samples.
  const baseTotals = reportTotals(baseProfile);
  const targetTotals = reportTotals(targetProfile);
  const netsZero = baseTotals.every((x, t) => x === targetTotals[t]);
  // As in compareMerged: the cancelled merge only where it can matter, netting 0 being needed for it to be empty.
  const cancelled = options.mode === 'base' || netsZero ? cancelledMerge(target, base) : undefined;
  const totals = baseTotals.map((x, t) => (x > 0 ? x : targetTotals[t]));
  const profile = withBaseSamples({ ...applyPprofReadRules(concat), totals });
  const comparison: ComparisonSummary = {
    options,
    base: sideSummary(baseProfile, baseTotals),
    target: sideSummary(targetProfile, targetTotals),
    differentBinaries: differentBinaries(baseProfile, targetProfile),
    identical: cancelled !== undefined && cancelled.sampleCount === 0,
  };
  return { profile: options.mode === 'base' && cancelled ? { ...profile, totals: mergedReportTotals(cancelled) } : profile, comparison };
}

function compareMerged(base: MergeSource, target: MergeSource, options: CompareOptions): { profile: Profile; comparison: ComparisonSummary } {
  const diff = compareProfiles([target], [base], { normalize: options.normalize, keepBaseApart: true });
  // The cancelled merge, which base mode's total and the test for no difference need, only when it can matter.
  const cancelled = options.mode === 'base' || mayCancel(diff.merged) ? cancelledMerge(diff.target, base) : undefined;
  const profile = finishMerged(diff.merged);
  const comparison: ComparisonSummary = {
    options,
    base: sideSummary(base.profile, reportTotals(base.profile)),
    target: sideSummary(target.profile, reportTotals(diff.target.profile)),
    differentBinaries: differentBinaries(base.profile, target.profile),
    identical: cancelled !== undefined && cancelled.sampleCount === 0,
  };
  return { profile: options.mode === 'base' && cancelled ? { ...profile, totals: mergedReportTotals(cancelled) } : profile, comparison };
}

/**
 * `go tool pprof -top targets… -base|-diff_base bases… [-normalize]` as one profile, the base's samples
 * cancelling the target's (base) or kept apart (diff_base), with pprof's report totals.
 */
export function loadCompared(targets: readonly MergeSource[], bases: readonly MergeSource[], setup: CompareSetup): Profile {
  return finishMerged(compareProfiles(targets, bases, setup).merged);
}

const sideSummary = (p: DecodedProfile, totals: Float64Array): SideSummary => ({
  sampleCount: p.sampleCount,
  totals: Array.from(totals),
  timeNanos: p.timeNanos,
  durationNanos: p.durationNanos,
});

/** Whether the main binaries differ: by build id when both have one, else by file name. */
function differentBinaries(a: DecodedProfile, b: DecodedProfile): boolean {
  const ma = a.mappings[0];
  const mb = b.mappings[0];
  if (!ma || !mb) return false;
  if (ma.buildId && mb.buildId) return ma.buildId !== mb.buildId;
  return binaryPath(ma.file) !== binaryPath(mb.file);
}

/**
 * A binary's path with `go test`'s temporary build folder left out: each `go test` run builds its test
 * binary in a new `go-buildNNN` folder, so two runs of one test would otherwise always differ.
 */
export const binaryPath = (file: string): string => file.replace(/^.*[\\/]go-build\d+[\\/]/, 'go-build/');

/** Decodes one source; a message names it when it has a name. */
function decodeNamed(bytes: Uint8Array, name: string | undefined, how: DecodeHow = {}): DecodedProfile {
  try {
    return decodeProfile(bytes, how);
  } catch (e) {
    if (e instanceof ProfileError && name) throw new ProfileError(`${name}: ${e.message}`, e.offset);
    throw e;
  }
}

/** A merge's output (mergeProfiles, SampleMerger) as the Profile the analyses take. */
export const mergedProfile = (merged: DecodedProfile): Profile => finishMerged(merged);

/** A merge's output is merged already: its totals need no second merge. */
function finishMerged(merged: DecodedProfile): Profile {
  return withBaseSamples({ ...applyPprofReadRules(merged), totals: mergedReportTotals(merged) });
}

function finishLoad(decoded: DecodedProfile): Profile {
  return { ...applyPprofReadRules(decoded), totals: reportTotals(decoded) };
}

/** Marks the base's samples of a comparison (pprof's label), so the analyses can report both sides. */
function withBaseSamples(p: Profile): Profile {
  let mask: Uint8Array | undefined;
  for (let s = 0; s < p.sampleCount; s++) {
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      if (p.labelKey[j] === BASE_LABEL_KEY && p.labelStr[j] === BASE_LABEL_VALUE) {
        (mask ??= new Uint8Array(p.sampleCount))[s] = 1;
        break;
      }
    }
  }
  return mask ? { ...p, baseSample: mask } : p;
}
