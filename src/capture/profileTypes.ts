// The seven profiles net/http/pprof serves, with the path segment and what each one measures.

export const PROFILE_TYPES = ['cpu', 'heap', 'allocs', 'goroutine', 'block', 'mutex', 'threadcreate'] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

export interface ProfileTypeInfo {
  readonly type: ProfileType;
  /** The last path segment under /debug/pprof/. */
  readonly path: string;
  readonly label: string;
  readonly description: string;
  /** What the service must call for this profile to have samples, if anything. */
  readonly requires?: string;
}

export const PROFILE_TYPE_INFO: Readonly<Record<ProfileType, ProfileTypeInfo>> = {
  cpu: { type: 'cpu', path: 'profile', label: 'CPU', description: 'where CPU time goes, sampled over a number of seconds' },
  heap: { type: 'heap', path: 'heap', label: 'Heap', description: 'memory in use now, and all allocations since start' },
  allocs: { type: 'allocs', path: 'allocs', label: 'Allocs', description: 'all allocations since start (bytes and objects)' },
  goroutine: { type: 'goroutine', path: 'goroutine', label: 'Goroutine', description: 'stacks of all current goroutines' },
  block: {
    type: 'block',
    path: 'block',
    label: 'Block',
    description: 'time spent waiting on channels, select and locks',
    requires: 'runtime.SetBlockProfileRate',
  },
  mutex: {
    type: 'mutex',
    path: 'mutex',
    label: 'Mutex',
    description: 'time waiting for contended mutexes, charged to the holder',
    requires: 'runtime.SetMutexProfileFraction',
  },
  threadcreate: { type: 'threadcreate', path: 'threadcreate', label: 'Threadcreate', description: 'stacks that created OS threads' },
};

export function isProfileType(v: unknown): v is ProfileType {
  return typeof v === 'string' && (PROFILE_TYPES as readonly string[]).includes(v);
}

/** The type served at a path segment (`profile` → cpu), if it is one of ours. */
export function typeOfPathSegment(segment: string): ProfileType | undefined {
  return PROFILE_TYPES.find((t) => PROFILE_TYPE_INFO[t].path === segment);
}

/** Why a profile came back without samples, when its type needs the service to turn recording on. */
export function emptyProfileWarning(type: ProfileType, sampleCount: number): string | undefined {
  const requires = PROFILE_TYPE_INFO[type].requires;
  if (sampleCount > 0 || !requires) return undefined;
  return `The ${type} profile has no samples: the service must call ${requires}(1) (or another rate) at start-up for ${type} events to be recorded`;
}
