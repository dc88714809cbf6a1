// The host↔worker protocol, derived from one interface so both sides stay in step, and which thread answers
// each call, in what order.
import type {
  FlameQuery,
  FlameTree,
  CallersCallees,
  CallersCalleesQuery,
  LabelBreakdownQuery,
  ProfileSummary,
  TopQuery,
  TopResult,
} from '../model/profile/queries';
import type { CompareOptions } from '../model/profile/comparison';
import type { TrendQuery, TrendResult } from '../model/profile/trendQueries';
import type { GoroutineDump, GoroutineTrend } from '../model/report/goroutineTypes';
import type { LineIndexColumns, LineIndexHead } from '../protocol/lineIndexColumns';
import type { TopColumns } from '../protocol/topColumns';
import type { LabelBreakdownColumns } from '../protocol/labelBreakdownColumns';

/** What the worker can do. Each profile is opened once under a handle and stays in the worker. */
export interface EngineApi {
  /** Decodes the bytes (gzip or raw). Rejects with a ProfileError message naming `label`. */
  open(handle: string, bytes: Uint8Array, label: string): ProfileSummary;
  /** open() of a local file that the worker reads itself, so its bytes never pass through the caller. */
  openFile(handle: string, path: string, label: string): ProfileSummary;
  /**
   * Opens the comparison of two local files (base and target) under `handle`: the merge of the target and
   * the negated base that go tool pprof makes for -diff_base (or -base), with -normalize if asked. Rejects
   * with a one-line message naming the side at fault (`labels`), or saying that the sample types differ.
   */
  openComparison(
    handle: string,
    files: { readonly base: string; readonly target: string },
    options: CompareOptions,
    labels: { readonly base: string; readonly target: string },
  ): ProfileSummary;
  close(handle: string): void;
  top(handle: string, query: TopQuery): TopResult;
  flame(handle: string, query: FlameQuery): FlameTree;
  /**
   * The zoom paths of `query`'s root (it has no path) that the user is likely to make next (the widest
   * frames); the host then asks flameAhead for each, one at a time, and gives the page their trees to keep.
   */
  zoomAhead(handle: string, query: FlameQuery): string[][];
  /**
   * flame() asked ahead of the user, for a likely zoom: answered after every other request, and only while
   * the table thread is idle, so that nothing the user asked waits for more than one of them.
   */
  flameAhead(handle: string, query: FlameQuery): FlameTree;
  callersCallees(handle: string, query: CallersCalleesQuery): CallersCallees;
  /** The line index (model/lineIndex) for the source annotations: its file names, computed once per profile… */
  lineIndexHead(handle: string): LineIndexHead;
  /** …and the numbers of some of its files, by their index in the head's file names. */
  lineIndexFiles(handle: string, files: readonly number[]): LineIndexColumns;
  /** top() in columns, cheap to pass between threads (the profile editor's table). */
  topColumns(handle: string, query: TopQuery): TopColumns;
  /** The top table's rows with each one's flat and cum per value of a label key (the "by label" table). */
  labelBreakdown(handle: string, query: LabelBreakdownQuery): LabelBreakdownColumns;
  /** The trend over local profile files of one kind (a series' snapshots), ordered by their profile time. */
  trend(files: readonly string[], query: TrendQuery): TrendResult;
  /** A local goroutine dump (debug=2 or debug=1 text) or goroutine profile, grouped. */
  goroutines(file: string): GoroutineDump;
  /** Growth across a series of local goroutine dumps, taken at `times` (ms since the epoch). */
  goroutineTrend(dumps: readonly { readonly time: number; readonly file: string }[]): GoroutineTrend;
  /**
   * A fleet's local profile files merged as pprof merges them, each file's samples labelled
   * `instance` = `instances[i]` (an `instance` label a profile has already is renamed `instance_original`):
   * gzipped profile.proto bytes to save. An empty instance adds no label: a load run's consecutive CPU windows
   * of one service merge as `go tool pprof` merges files. Rejects with a message naming the file at fault.
   */
  mergeFiles(files: readonly string[], instances: readonly string[]): MergedFiles;
}

export interface MergedFiles {
  /** A gzipped pprof profile. */
  readonly bytes: Uint8Array;
  readonly sampleCount: number;
  /** The instances whose own `instance` label became `instance_original`. */
  readonly renamed: readonly string[];
}

export type Method = keyof EngineApi;

/**
 * The threads. `view` decodes and answers the flame graph, whose zooms must come back while the user
 * watches. `table` answers the top table: at first paint it is computed beside the first flame tree instead
 * of after it. `scan` answers callers/callees and the line index, passes over every sample that take up to
 * seconds on a big profile; it runs at a lower OS priority and waits while the view thread has work, so it
 * never holds back a zoom, nor slows it down on a machine with few cores. `table` and `scan` hold the view
 * thread's profiles, whose columns are in shared memory.
 */
export type Thread = 'view' | 'table' | 'scan';

export interface Route {
  readonly thread: Thread;
  /** Lower runs first; equal priorities run in arrival order. */
  readonly priority: number;
  /** Waits while the view thread has work. Once started a request runs to its end. */
  readonly yieldsToView: boolean;
  /**
   * Waits while the table thread has work too: the line index, whose walk over the samples would otherwise
   * run beside the top table's on the same two cores and slow it (bench/README.md).
   */
  readonly yieldsToTable?: boolean;
  /** Reads its own files and holds no profile: answered at once, whatever handles the thread holds. */
  readonly standalone?: boolean;
}

export const ROUTES: { readonly [M in Method]: Route } = {
  flame: { thread: 'view', priority: 0, yieldsToView: false },
  // After the other requests; answered at once (the root's tree is in the trie).
  zoomAhead: { thread: 'view', priority: 2, yieldsToView: false },
  // Its growth of the trie takes up to half a second on L: never on a core the top table is using.
  flameAhead: { thread: 'view', priority: 9, yieldsToView: false, yieldsToTable: true },
  open: { thread: 'view', priority: 1, yieldsToView: false },
  openFile: { thread: 'view', priority: 1, yieldsToView: false },
  openComparison: { thread: 'view', priority: 1, yieldsToView: false },
  // The view thread has the other threads drop the profile before it answers.
  close: { thread: 'view', priority: 1, yieldsToView: false },
  top: { thread: 'table', priority: 0, yieldsToView: false },
  topColumns: { thread: 'table', priority: 0, yieldsToView: false },
  labelBreakdown: { thread: 'table', priority: 0, yieldsToView: false },
  callersCallees: { thread: 'scan', priority: 0, yieldsToView: true },
  lineIndexHead: { thread: 'scan', priority: 1, yieldsToView: true, yieldsToTable: true },
  lineIndexFiles: { thread: 'scan', priority: 1, yieldsToView: true, yieldsToTable: true },
  // Series read their own files, so they need no profile of the view thread's; the table thread is idle
  // while no profile editor is asking.
  trend: { thread: 'table', priority: 1, yieldsToView: false, standalone: true },
  goroutines: { thread: 'table', priority: 1, yieldsToView: false, standalone: true },
  goroutineTrend: { thread: 'table', priority: 1, yieldsToView: false, standalone: true },
  mergeFiles: { thread: 'table', priority: 1, yieldsToView: false, standalone: true },
};

export type RpcRequest = {
  [M in Method]: {
    readonly id: number;
    readonly method: M;
    readonly args: Parameters<EngineApi[M]>;
    /**
     * Requests in one lane supersede each other: a newer one cancels an older one not yet started (a zoom
     * the user has already left, the callers of a function no longer selected).
     */
    readonly lane?: string;
  };
}[Method];

/** Why a call failed: a malformed profile, any other error, or a newer request in its lane. */
export type FailureKind = 'profile' | 'error' | 'cancelled';

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly kind: FailureKind };

/** The host's view of the worker: every method async. */
export type EngineClientApi = {
  [M in Method]: (...args: Parameters<EngineApi[M]>) => Promise<ReturnType<EngineApi[M]>>;
};

/** The answer to a request that a newer one in its lane replaced; callers drop it. */
export class CancelledError extends Error {
  constructor(method: string) {
    super(`${method}: superseded by a newer request`);
    this.name = 'CancelledError';
  }
}

/**
 * Between the host and the engine's process (startEngineProcess.ts, engineProcess.ts), over its IPC channel:
 * the threads started ahead, or a request for one of them; an answer, or every thread stopped.
 */
export type ToEngineProcess = { readonly type: 'prepare' } | { readonly type: 'request'; readonly req: RpcRequest; readonly thread: Thread };
export type FromEngineProcess = { readonly type: 'answer'; readonly res: RpcResponse } | { readonly type: 'failed'; readonly message: string };
