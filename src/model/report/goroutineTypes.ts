// Goroutine dumps grouped by identical stack and state, and their growth across a series. Plain data.

export interface GoroutineFrame {
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

export interface GoroutineGroup {
  readonly count: number;
  /** `chan receive`, `select`, `IO wait`, `semacquire`…; null where the source has no states (debug=1, a profile). */
  readonly state: string | null;
  /** Set when the goroutine is locked to its OS thread (`, locked to thread`); part of the group's key. */
  readonly lockedToThread?: boolean;
  /** The least and most minutes waited in the group (`, 12 minutes`); null when none says. */
  readonly waitMinutes: readonly [number, number] | null;
  /** The `created by` frame; null for the main goroutine and where the source does not say. */
  readonly createdBy: GoroutineFrame | null;
  /** Innermost first. */
  readonly frames: readonly GoroutineFrame[];
}

export interface GoroutineDump {
  readonly format: 'debug2' | 'debug1' | 'profile';
  readonly total: number;
  /** Largest first. */
  readonly groups: readonly GoroutineGroup[];
}

/** One line of growth across a series of dumps: a creation site, or a group (stack + state). */
export interface GoroutineTrendRow {
  readonly key: string;
  readonly createdBy: GoroutineFrame | null;
  /** Set for a group; absent for a creation site. */
  readonly state?: string | null;
  readonly frames?: readonly GoroutineFrame[];
  /** Per dump, in time order. */
  readonly counts: readonly number[];
  readonly growth: number;
  readonly steadiness: number;
  /** Most minutes waited in the last dump; null when unknown. */
  readonly maxWaitMinutes: number | null;
  readonly score: number;
}

export interface GoroutineTrend {
  readonly times: readonly number[];
  readonly totals: readonly number[];
  readonly bySite: readonly GoroutineTrendRow[];
  readonly byGroup: readonly GoroutineTrendRow[];
  /** Groups whose count grows steadily and whose goroutines have waited for minutes, most suspect first. */
  readonly suspects: readonly GoroutineTrendRow[];
}
