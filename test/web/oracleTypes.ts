// What the Node side of the web tests computes with `go tool pprof` and puts in the workspace as oracle.json,
// for the suite inside the web worker extension host to check against (it cannot run Go itself).
export interface OracleTop {
  /** Relative to the workspace folder. */
  readonly file: string;
  readonly sampleType: string;
  readonly total: number;
}

export interface Oracle {
  /** Each profile opened with its default sample type. */
  readonly opened: readonly OracleTop[];
  /** One profile through each of its sample types. */
  readonly sampleTypes: { readonly file: string; readonly totals: Readonly<Record<string, number>> };
  /** `go tool pprof -top -diff_base=base target`. */
  readonly comparison: { readonly base: string; readonly target: string; readonly sampleType: string; readonly total: number };
  /** The function lenses pprof's numbers give main.go for a profile: the function and the lens title. */
  readonly lenses: { readonly profile: string; readonly goFile: string; readonly functions: readonly { readonly name: string; readonly title: string }[] };
  /** The callers of a function in a profile, as pprof -peek lists them (names only). */
  readonly callers: { readonly profile: string; readonly goFile: string; readonly line: number; readonly function: string; readonly names: readonly string[] };
  /** A heap profile URL on another origin that sends no CORS header… */
  readonly noCorsUrl: string;
  /** …and one whose service allows any origin (Access-Control-Allow-Origin: *). */
  readonly corsUrl: string;
}

export const SUITE_MARK = '[pprof-web-suite]';

/** What the suite writes into the workspace as captured.json after capturing from corsUrl, for the Node side to check with pprof. */
export interface Captured {
  /** Relative to the workspace folder. */
  readonly file: string;
  readonly sampleType: string;
  readonly total: number;
}

/** One line the suite logs to the console: a test's outcome, or the end with the counts. */
export type SuiteEvent =
  | { readonly event: 'pass'; readonly name: string }
  | { readonly event: 'fail'; readonly name: string; readonly error: string }
  | { readonly event: 'done'; readonly passed: number; readonly failed: number };
