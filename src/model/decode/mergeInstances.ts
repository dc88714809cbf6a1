// A fleet's profiles as one: pprof's merge with an `instance` label set on each source's samples, written
// back as profile.proto bytes. A profile whose samples carry an `instance` label of their own keeps it, as
// `instance_original`, instead of losing it to the new label (pprof's SetLabel would replace it).
import { encodeProfile } from '../profile/encodeProfile';
import { mergeProfiles } from '../profile/mergeProfiles';
import { ProfileError, type DecodedProfile } from '../profile/profile';
import { decodeProfile } from './decodeProfile';

export const INSTANCE_LABEL = 'instance';
export const ORIGINAL_INSTANCE_LABEL = 'instance_original';

export interface InstanceProfile {
  readonly bytes: Uint8Array;
  /** host:port, the value of the `instance` label; empty: no label (consecutive windows of one service). */
  readonly instance: string;
  /** What a message calls it (its file). */
  readonly name: string;
}

export interface MergedInstances {
  /** profile.proto, not gzipped. */
  readonly bytes: Uint8Array;
  readonly sampleCount: number;
  /** The instances whose own `instance` label became `instance_original`. */
  readonly renamed: readonly string[];
}

export function mergeInstances(inputs: readonly InstanceProfile[]): MergedInstances {
  const renamed: string[] = [];
  const sources = inputs.map(({ bytes, instance, name }) => {
    let profile: DecodedProfile;
    try {
      profile = decodeProfile(bytes);
    } catch (e) {
      if (e instanceof ProfileError) throw new ProfileError(`${name}: ${e.message}`, e.offset);
      throw e;
    }
    if (!instance) return { profile, name };
    const own = withLabelRenamed(profile, INSTANCE_LABEL, ORIGINAL_INSTANCE_LABEL);
    if (own !== profile) renamed.push(instance);
    return { profile: own, labels: { [INSTANCE_LABEL]: instance }, name };
  });
  const merged = mergeProfiles(sources);
  return { bytes: encodeProfile(merged), sampleCount: merged.sampleCount, renamed };
}

/** The profile with label key `from` called `to`; the same object when no sample has a `from` label. */
export function withLabelRenamed(p: DecodedProfile, from: string, to: string): DecodedProfile {
  if (!p.labelKey.includes(from)) return p;
  return { ...p, labelKey: p.labelKey.map((k) => (k === from ? to : k)) };
}
