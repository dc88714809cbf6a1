// The profile: columnar typed arrays with every wire id already resolved to an index. Nothing after the
// decoder sees a string-table number or a wire id (pprof's postDecode).

export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

/** Addresses are uint64 and exact: a kernel's are above 2^53, where a JS number would round them. */
export interface Mapping {
  readonly start: bigint;
  readonly limit: bigint;
  readonly offset: bigint;
  readonly file: string;
  readonly buildId: string;
  readonly hasFunctions: boolean;
  readonly hasFilenames: boolean;
  readonly hasLineNumbers: boolean;
  readonly hasInlineFrames: boolean;
}

/** The decoder's output. Only loading (decode/loadProfile.ts) sees it: every analysis takes a Profile. */
export interface DecodedProfile {
  readonly sampleTypes: readonly ValueType[];
  /** pprof's pick: default_sample_type if set and known, else the last sample type. */
  readonly defaultSampleIndex: number;
  /** default_sample_type as written ('' when unset), which a merge takes from the first profile that sets it. */
  readonly defaultSampleType?: string;

  readonly mappings: readonly Mapping[];

  // Functions, indexed 0..functionCount-1.
  readonly functionCount: number;
  readonly funcName: readonly string[];
  readonly funcSystemName: readonly string[];
  readonly funcFile: readonly string[];
  readonly funcStartLine: Float64Array;

  // Locations, indexed 0..locationCount-1. Lines of location i are lineStart[i]..lineStart[i+1]-1,
  // innermost (inlined callee) first.
  readonly locationCount: number;
  readonly locAddress: BigUint64Array;
  /** Index into mappings, or -1. */
  readonly locMapping: Int32Array;
  readonly locIsFolded: Uint8Array;
  readonly locLineStart: Int32Array;
  readonly lineFunction: Int32Array;
  readonly lineNumber: Float64Array;

  // Samples. Values are row-major: sampleValues[s * sampleTypes.length + t].
  // Locations of sample s are sampleLocs[sampleLocStart[s] .. sampleLocStart[s+1]-1], leaf first.
  readonly sampleCount: number;
  readonly sampleValues: Float64Array;
  readonly sampleLocStart: Int32Array;
  readonly sampleLocs: Int32Array;

  // Labels of sample s are labelStart[s]..labelStart[s+1]-1. A string label has labelStr set;
  // a numeric one has labelStr === undefined and labelNum/labelUnit set.
  readonly labelStart: Int32Array;
  readonly labelKey: readonly string[];
  readonly labelStr: readonly (string | undefined)[];
  readonly labelNum: Float64Array;
  readonly labelUnit: readonly string[];

  readonly dropFrames: string;
  readonly keepFrames: string;
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly periodType: ValueType | undefined;
  readonly period: number;
  readonly comments: readonly string[];
}

/** A profile as go tool pprof reads one: its read rules applied, and its report totals taken before them. */
export interface Profile extends DecodedProfile {
  /**
   * pprof's total of each sample type (report.computeTotal), before any filter: percentages are of it.
   * Taken on the decoded profile, since pprof merges samples (which a delta profile's total needs) before
   * it applies drop_frames.
   */
  readonly totals: Float64Array;
  /**
   * Set when some sample carries pprof's base label (comparison.ts): per sample, 1 for the base's side.
   * Such a profile is a comparison, and the analyses report the base side beside the net values.
   */
  readonly baseSample?: Uint8Array;
}

/** Thrown for any input that is not a usable profile. The message is one line, ready to show a user. */
export class ProfileError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}
