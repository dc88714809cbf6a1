// Bytes → the Profile every analysis runs on, in the order go tool pprof reads a file: decode, then the
// report totals (pprof merges samples, which a delta profile's total depends on, before drop_frames),
// then pprof's read rules. The totals stay with the profile, so no query sums the samples again.
import { keepShape } from '../base/keepShape';
import { applyPprofReadRules } from '../profile/pprofReadRules';
import type { Profile } from '../profile/profile';
import { reportTotals } from '../profile/reportTotal';
import { decodeProfile } from './decodeProfile';

/** Throws a ProfileError, with a one-line message, for anything that is not a profile. */
export function loadProfile(bytes: Uint8Array): Profile {
  const decoded = decodeProfile(bytes);
  return { ...applyPprofReadRules(decoded), totals: reportTotals(decoded) };
}

// See keepShape.ts: the loaded shape, too, must outlive the profiles. The example is the smallest profile,
// an empty string table.
keepShape(loadProfile(new Uint8Array([0x32, 0x00])));
