// The series view's messages between the host and its webview: two discriminated unions, plain data.
// The host reads the manifest and asks the worker; the page only draws and asks for other queries.
import type { Granularity } from '../model/profile/queries';
import type { SeriesError, SeriesStatus, SeriesType } from '../model/profile/seriesManifest';
import type { TrendResult } from '../model/profile/trendQueries';
import type { GoroutineTrend } from '../model/report/goroutineTypes';

/** The granularities the growth table offers. */
export const SERIES_GRANULARITIES = ['functions', 'lines'] as const satisfies readonly Granularity[];
export type SeriesGranularity = (typeof SERIES_GRANULARITIES)[number];

/** The sample types Go's runtime writes for each kind of profile, the default (pprof's pick) last. */
export const SERIES_SAMPLE_TYPES: Readonly<Record<SeriesType, readonly string[]>> = {
  heap: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
  allocs: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
  goroutine: ['goroutine'],
  block: ['contentions', 'delay'],
  mutex: ['contentions', 'delay'],
};

/**
 * Frames the growth table hides for a kind, as pprof's -hide does (their weight goes to their caller). Every
 * blocked goroutine, and most blocking, ends in the runtime's parking functions, whose flat would rank first
 * for any leak; hidden, flat lands on the code that blocked.
 */
export const SERIES_HIDDEN_FRAMES: Readonly<Partial<Record<SeriesType, string>>> = {
  goroutine: '^runtime\\.',
  block: '^runtime\\.',
  mutex: '^runtime\\.',
};

/** One kind of snapshot in the series: the profiles the trend reads, and the failed attempts. */
export interface SeriesTypeInfo {
  readonly type: SeriesType;
  /** Profile snapshots (format pprof), in time order: ms since the epoch and the file relative to the folder. */
  readonly snapshots: readonly { readonly time: number; readonly file: string }[];
  /** Goroutine `debug=2` dumps, in time order (goroutine only; empty otherwise). */
  readonly dumps: readonly { readonly time: number; readonly file: string }[];
  /** Failed attempts at this type, ms since the epoch. */
  readonly errorTimes: readonly number[];
}

/** The manifest as the view shows it. */
export interface SeriesInfo {
  readonly folderName: string;
  readonly target: string;
  readonly status: SeriesStatus;
  readonly stopReason?: string;
  readonly intervalSeconds: number;
  readonly count: number;
  /** ms since the epoch. */
  readonly started: number;
  readonly types: readonly SeriesTypeInfo[];
  readonly errors: readonly SeriesError[];
}

export interface SeriesTrendQuery {
  readonly type: SeriesType;
  readonly granularity: SeriesGranularity;
  /** A sample type's name; absent = pprof's default for the kind. */
  readonly sampleType?: string;
}

export type TrendAnswer = { readonly ok: true; readonly result: TrendResult } | { readonly ok: false; readonly message: string };
export type GoroutineAnswer = { readonly ok: true; readonly result: GoroutineTrend } | { readonly ok: false; readonly message: string };

export type SeriesHostToWebview =
  /** The manifest read (again): the page redraws and asks for its trends. */
  | { readonly type: 'series'; readonly series: SeriesInfo; readonly generation: number }
  /** The manifest cannot be read: one line saying what happened and what to do. */
  | { readonly type: 'problem'; readonly message: string }
  | { readonly type: 'trend'; readonly generation: number; readonly query: SeriesTrendQuery; readonly answer: TrendAnswer }
  | { readonly type: 'goroutineTrend'; readonly generation: number; readonly answer: GoroutineAnswer }
  /** Asks the page to show a row (a growth lens was clicked). */
  | { readonly type: 'focusRow'; readonly name: string };

export type SeriesWebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'trend'; readonly generation: number; readonly query: SeriesTrendQuery }
  | { readonly type: 'goroutineTrend'; readonly generation: number }
  /** Compare the type's first and last snapshots, focused on `name`. */
  | { readonly type: 'compare'; readonly seriesType: SeriesType; readonly name: string }
  | { readonly type: 'openSource'; readonly name: string; readonly file: string; readonly line: number }
  /** Open a goroutine dump (relative to the folder) in the goroutine view. */
  | { readonly type: 'openDump'; readonly file: string }
  /** The type and granularity whose rows the growth lenses should show, once the page has chosen. */
  | { readonly type: 'shown'; readonly query: SeriesTrendQuery }
  /** The row asked for by `focusRow` is shown. */
  | { readonly type: 'focused'; readonly name: string };
