// The host↔worker protocol, derived from one interface so both sides stay in step.
import type {
  FlameQuery,
  FlameTree,
  CallersCallees,
  CallersCalleesQuery,
  ProfileSummary,
  TopQuery,
  TopResult,
} from '../model/profile/queries';
import type { LineIndexColumns, LineIndexHead } from '../protocol/lineIndexColumns';
import type { TopColumns } from '../protocol/topColumns';

/** What the worker can do. Each profile is opened once under a handle and stays in the worker. */
export interface EngineApi {
  /** Decodes the bytes (gzip or raw). Rejects with a ProfileError message naming `label`. */
  open(handle: string, bytes: Uint8Array, label: string): ProfileSummary;
  /** open() of a local file that the worker reads itself, so its bytes never pass through the caller. */
  openFile(handle: string, path: string, label: string): ProfileSummary;
  close(handle: string): void;
  top(handle: string, query: TopQuery): TopResult;
  flame(handle: string, query: FlameQuery): FlameTree;
  callersCallees(handle: string, query: CallersCalleesQuery): CallersCallees;
  /** The line index (model/lineIndex) for the source annotations: its file names, computed once per profile… */
  lineIndexHead(handle: string): LineIndexHead;
  /** …and the numbers of some of its files, by their index in the head's file names. */
  lineIndexFiles(handle: string, files: readonly number[]): LineIndexColumns;
  /** top() in columns, cheap to pass between threads (the profile editor's table). */
  topColumns(handle: string, query: TopQuery): TopColumns;
}

export type Method = keyof EngineApi;

export type RpcRequest = {
  [M in Method]: { readonly id: number; readonly method: M; readonly args: Parameters<EngineApi[M]> };
}[Method];

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string; readonly profileError: boolean };

/** The host's view of the worker: every method async. */
export type EngineClientApi = {
  [M in Method]: (...args: Parameters<EngineApi[M]>) => Promise<ReturnType<EngineApi[M]>>;
};
