// A fleet's profiles as one: pprof's merge with an `instance` label set on each source's samples (the
// caller writes it back as profile.proto bytes). A profile whose samples carry an `instance` label of their
// own keeps it, as `instance_original`, instead of losing it to the new label (pprof's SetLabel would
// replace it).
import { mergeProfiles, type MergeSource } from '../profile/mergeProfiles';
import type { DecodedProfile } from '../profile/profile';
import { decodeSide } from './loadProfile';

export const INSTANCE_LABEL = 'instance';
export const ORIGINAL_INSTANCE_LABEL = 'instance_original';

export interface InstanceProfile {
  readonly bytes: Uint8Array;
  /** host:port, the value of the `instance` label; empty: no label (consecutive windows of one service). */
  readonly instance: string;
  /** What a message calls it (its file). */
  readonly name: string;
}

/** The merge before it is written: every input decoded (a message names the bad one), labelled and merged. */
export function mergeInstanceProfiles(inputs: readonly InstanceProfile[]): { merged: DecodedProfile; renamed: string[] } {
  const renamed: string[] = [];
  const sources = inputs.map(({ bytes, instance, name }) => instanceSource(decodeSide(bytes, name), instance, name, renamed));
  return { merged: mergeProfiles(sources), renamed };
}

/** A source of the merge whose samples get `instance` (none when empty); its own label renamed is noted in `renamed`. */
export function instanceSource(profile: DecodedProfile, instance: string, name: string, renamed: string[]): MergeSource {
  if (!instance) return { profile, name };
  const own = withLabelRenamed(profile, INSTANCE_LABEL, ORIGINAL_INSTANCE_LABEL);
  if (own !== profile) renamed.push(instance);
  return { profile: own, labels: { [INSTANCE_LABEL]: instance }, name };
}

/** The profile with label key `from` called `to`; the same object when no sample has a `from` label. */
export function withLabelRenamed(p: DecodedProfile, from: string, to: string): DecodedProfile {
  if (!p.labelKey.includes(from)) return p;
  return { ...p, labelKey: p.labelKey.map((k) => (k === from ? to : k)) };
}
