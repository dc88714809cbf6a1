// Comparing two profiles, as go tool pprof does with -base, -diff_base and -normalize. A comparison is an
// ordinary Profile (the merge of the target and the negated base), so every analysis runs on it; the base's
// samples carry pprof's `pprof::base` label, which is how the analyses tell the two sides apart.

/**
 * `diff_base`: the base's samples are negated and kept apart (labelled), percentages are of the base's total.
 * `base`: the base's samples are negated and merged, so identical samples cancel; percentages are of the net total.
 */
export type CompareMode = 'diff_base' | 'base';

export const COMPARE_MODES: readonly CompareMode[] = ['diff_base', 'base'];

export interface CompareOptions {
  readonly mode: CompareMode;
  /** Scale the target to the base's total per sample type first (pprof's -normalize). */
  readonly normalize: boolean;
}

/** The label pprof puts on the base's samples in a -diff_base profile (driver.fetchProfiles). */
export const BASE_LABEL_KEY = 'pprof::base';
export const BASE_LABEL_VALUE = 'true';

/** One side of a comparison, as it was read (before the merge). */
export interface SideSummary {
  readonly sampleCount: number;
  /** pprof's report total of each sample type of this side alone (after normalize for the target). */
  readonly totals: readonly number[];
  readonly timeNanos: number;
  readonly durationNanos: number;
}

export interface ComparisonSummary {
  readonly options: CompareOptions;
  readonly base: SideSummary;
  readonly target: SideSummary;
  /** The two sides' main binaries differ (by build id, else file name): frames are matched by function name. */
  readonly differentBinaries: boolean;
  /** Every sample of one side cancels one of the other: there is no difference to show. */
  readonly identical: boolean;
}
