// The manifest of a snapshot series: what `pprofLens.captureSeries` writes beside its snapshots, rewritten
// atomically after each one, and what the series view and `trend` read. Plain data, no vscode.

/** The profile types a series may take (a CPU profile is a duration, not a moment, so it is not one). */
export const SERIES_TYPES = ['heap', 'goroutine', 'allocs', 'block', 'mutex'] as const;
export type SeriesType = (typeof SERIES_TYPES)[number];

/**
 * `running` while a host owns it; `complete` once the last snapshot is saved; `cancelled` by the user;
 * `interrupted` when its host went away mid-series (a reload, a crash) and it was not resumed; `failed`
 * when it stopped on a fault that more snapshots cannot fix (a disk error).
 */
export type SeriesStatus = 'running' | 'complete' | 'cancelled' | 'interrupted' | 'failed';

export interface SeriesSnapshot {
  /** When it was taken: ISO 8601. */
  readonly time: string;
  readonly type: SeriesType;
  /** `pprof`: a profile (.pb.gz); `goroutine-text`: a goroutine `?debug=2` dump. */
  readonly format: 'pprof' | 'goroutine-text';
  /** Relative to the series folder. */
  readonly file: string;
  /** The round it belongs to, from 1; each round takes every type once. */
  readonly round?: number;
}

export interface SeriesError {
  readonly time: string;
  readonly type: SeriesType;
  /** One line: what happened and what to do. */
  readonly error: string;
  /** The round that failed, from 1 (the first of them when several rounds were missed at once). */
  readonly round?: number;
}

export interface SeriesManifest {
  /** The endpoint as the user gave it (a URL or a target name). */
  readonly target: string;
  readonly types: readonly SeriesType[];
  readonly intervalSeconds: number;
  /** Rounds planned: each round takes one snapshot of every type. */
  readonly count: number;
  readonly snapshots: readonly SeriesSnapshot[];
  readonly errors: readonly SeriesError[];
  readonly status: SeriesStatus;
  /** ISO 8601. */
  readonly started: string;
  /** Why a series that is not `complete` stopped, in one line. */
  readonly stopReason?: string;
  /** Rounds done so far, taken or missed; the next round is `rounds + 1`. */
  readonly rounds?: number;
  /** Heap snapshots were fetched with `gc=1`, so each one is the live heap at its time. */
  readonly gc?: boolean;
  /** The extension host running it while `running`: `<hostname>/<pid>`. */
  readonly owner?: string;
  /** ISO 8601: the owner's last sign of life; it rewrites the manifest at least this often (see series/resume.ts). */
  readonly heartbeat?: string;
  /** ISO 8601: when it stopped (complete, cancelled, interrupted or failed). */
  readonly ended?: string;
}
