// Bytes → the Profile every analysis runs on, in the order go tool pprof reads a file: decode, then the
// report totals (pprof merges samples, which a delta profile's total depends on, before drop_frames),
// then pprof's read rules. The totals stay with the profile, so no query sums the samples again.
import { keepShape } from '../base/keepShape';
import { applyPprofReadRules } from '../profile/pprofReadRules';
import { ProfileError, type DecodedProfile, type Profile } from '../profile/profile';
import { BASE_LABEL_KEY, BASE_LABEL_VALUE, type CompareOptions, type ComparisonSummary } from '../profile/comparison';
import { mergeProfiles } from '../profile/mergeProfiles';
import { reportTotals } from '../profile/reportTotal';
import { decodeProfile } from './decodeProfile';

/** Throws a ProfileError, with a one-line message, for anything that is not a profile. */
export function loadProfile(bytes: Uint8Array): Profile {
  return withBaseSamples(finishLoad(decodeProfile(bytes)));
}

// See keepShape.ts: the loaded shape, too, must outlive the profiles. The example is the smallest profile,
// an empty string table.
keepShape(loadProfile(new Uint8Array([0x32, 0x00])));

/** The merge of several profiles' bytes, as `go tool pprof a b c` reads them; `labels[i]` go on source i's samples. */
export function loadMerged(inputs: readonly Uint8Array[], labels?: readonly (Readonly<Record<string, string>> | undefined)[]): Profile {
  return withBaseSamples(finishLoad(mergeProfiles(inputs.map((b, i) => ({ profile: decodeProfile(b), labels: labels?.[i] })))));
}

/**
 * The comparison of two profiles as go tool pprof builds it for -diff_base (or -base): the target merged
 * with the negated base. PROVISIONAL: always keeps the base's samples apart (labelled), and the total is the
 * diff_base one; normalize is not applied yet.
 */
export function loadComparison(
  baseBytes: Uint8Array,
  targetBytes: Uint8Array,
  options: CompareOptions,
  labels: { readonly base: string; readonly target: string },
): { profile: Profile; comparison: ComparisonSummary } {
  const decodeSide = (bytes: Uint8Array, label: string) => {
    try {
      return decodeProfile(bytes);
    } catch (e) {
      if (e instanceof ProfileError) throw new ProfileError(`${label}: ${e.message}`, e.offset);
      throw e;
    }
  };
  const base = decodeSide(baseBytes, labels.base);
  const target = decodeSide(targetBytes, labels.target);
  const merged = mergeProfiles([{ profile: target }, { profile: base, scale: -1, labels: { [BASE_LABEL_KEY]: BASE_LABEL_VALUE } }]);
  const profile = withBaseSamples(finishLoad(merged));
  const side = (p: DecodedProfile) => ({ sampleCount: p.sampleCount, totals: Array.from(reportTotals(p)), timeNanos: p.timeNanos, durationNanos: p.durationNanos });
  const baseTotals = reportTotals(base);
  const comparison: ComparisonSummary = {
    options,
    base: side(base),
    target: side(target),
    differentBinaries: (base.mappings[0]?.buildId || base.mappings[0]?.file || '') !== (target.mappings[0]?.buildId || target.mappings[0]?.file || ''),
    identical: false,
  };
  return { profile: { ...profile, totals: baseTotals }, comparison };
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
