// pprof's combineHeaders and compatible (profile/merge.go): profiles merge only when their sample types and
// period types are the same, and the merged header takes the earliest time, the summed duration, the
// largest period, the comments once each, and the first profile's drop/keep frames.
import { ProfileError, type DecodedProfile, type ValueType } from './profile';

/** What merging reads of a profile's header: compatibility and combineHeaders. */
export type ProfileHeader = Pick<
  DecodedProfile,
  'sampleTypes' | 'defaultSampleType' | 'dropFrames' | 'keepFrames' | 'timeNanos' | 'durationNanos' | 'periodType' | 'period' | 'comments'
>;

/** The header fields of a profile, alone (for one that crosses threads without its samples). */
export function headerOf(p: ProfileHeader): ProfileHeader {
  const { sampleTypes, defaultSampleType, dropFrames, keepFrames, timeNanos, durationNanos, periodType, period, comments } = p;
  return { sampleTypes, defaultSampleType, dropFrames, keepFrames, timeNanos, durationNanos, periodType, period, comments };
}

/** A profile with the name a message gives it (a file name, "base", …); the name may be empty. */
export interface NamedProfile {
  readonly profile: ProfileHeader;
  readonly name?: string;
}

const sameType = (a: ValueType | undefined, b: ValueType | undefined) => (a?.type ?? '') === (b?.type ?? '') && (a?.unit ?? '') === (b?.unit ?? '');

/** Throws a ProfileError naming both profiles and their types when any cannot be merged with the first. */
export function checkCompatible(profiles: readonly NamedProfile[], verb: 'merge' | 'compare'): void {
  const first = profiles[0];
  for (const other of profiles.slice(1)) {
    const a = first.profile;
    const b = other.profile;
    const types = a.sampleTypes.length === b.sampleTypes.length && a.sampleTypes.every((t, i) => sameType(t, b.sampleTypes[i]));
    if (!types) {
      throw new ProfileError(`cannot ${verb} ${describe(first)} with ${describe(other)}: their sample types differ`);
    }
    if (!sameType(a.periodType, b.periodType)) {
      throw new ProfileError(
        `cannot ${verb} ${describe(first)} with ${describe(other)}: their period types differ (${typeName(a.periodType)} and ${typeName(b.periodType)})`,
      );
    }
  }
}

const typeName = (t: ValueType | undefined) => (t ? `${t.type || '""'}/${t.unit || '""'}` : 'none');

/** "heap.pb.gz (a heap profile: alloc_objects/count, …)", or without a name "a heap profile (…)". */
function describe({ profile, name }: NamedProfile): string {
  const types = profile.sampleTypes.length === 0 ? 'no sample types' : profile.sampleTypes.map(typeName).join(', ');
  const kind = kindOf(profile.sampleTypes);
  return name ? `${name} (${kind}: ${types})` : `${kind} (${types})`;
}

/** The kind of profile its sample types say, in the words of Go's /debug/pprof endpoints. */
function kindOf(types: readonly ValueType[]): string {
  const has = (type: string) => types.some((t) => t.type === type);
  if (has('inuse_space') || has('alloc_space')) return 'a heap profile';
  if (has('cpu')) return 'a CPU profile';
  if (has('contentions') || has('delay')) return 'a block or mutex profile';
  if (has('goroutine') || has('goroutines')) return 'a goroutine profile';
  if (has('threadcreate')) return 'a threadcreate profile';
  if (has('samples')) return 'a sampled profile';
  return 'a profile';
}

/** The merged header (combineHeaders); the sample types are the first profile's. */
export function combineHeaders(profiles: readonly ProfileHeader[]) {
  let timeNanos = 0;
  let durationNanos = 0;
  let period = 0;
  const comments: string[] = [];
  const seen = new Set<string>();
  for (const p of profiles) {
    if (timeNanos === 0 || p.timeNanos < timeNanos) timeNanos = p.timeNanos;
    durationNanos += p.durationNanos;
    if (period === 0 || period < p.period) period = p.period;
    for (const c of p.comments) {
      if (!seen.has(c)) {
        seen.add(c);
        comments.push(c);
      }
    }
  }
  const first = profiles[0];
  const defaultSampleType = profiles.find((p) => p.defaultSampleType)?.defaultSampleType ?? '';
  const found = defaultSampleType ? first.sampleTypes.findIndex((t) => t.type === defaultSampleType) : -1;
  return {
    sampleTypes: first.sampleTypes,
    defaultSampleIndex: found >= 0 ? found : Math.max(0, first.sampleTypes.length - 1),
    defaultSampleType,
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
    timeNanos,
    durationNanos,
    periodType: first.periodType,
    period,
    comments,
  };
}
