// A request as a scheduled job: run against the Analysis and answered, or answered as superseded. Shared by
// the Node threads (threads.ts) and the web build's one worker (serveOne.ts).
import { ProfileError } from '../model/profile/profile';
import type { Analysis } from './analysis';
import { ROUTES, type RpcRequest, type RpcResponse, type Thread } from './rpc';
import type { Job } from './scheduler';

/** One answered request, for the benchmark's timeline (epoch milliseconds). */
export interface TraceEntry {
  readonly thread: Thread;
  readonly method: string;
  readonly handle: string;
  readonly queued: number;
  readonly start: number;
  readonly end: number;
  readonly outcome: 'ok' | 'error' | 'cancelled';
}
export type Trace = (e: TraceEntry) => void;

/** Epoch milliseconds, as the trace records them. */
export const now = () => performance.timeOrigin + performance.now();

export function jobFor(thread: Thread, req: RpcRequest, analysis: Analysis, respond: (res: RpcResponse) => void, trace: Trace | undefined): Job {
  const route = ROUTES[req.method];
  const queued = now();
  const log = (start: number, outcome: TraceEntry['outcome']) =>
    trace?.({ thread, method: req.method, handle: String(req.args[0]), queued, start, end: now(), outcome });
  return {
    priority: route.priority,
    lane: req.lane,
    yields: route.yieldsToView,
    yieldsToTable: route.yieldsToTable ?? false,
    run: () => {
      const start = now();
      const res = execute(analysis, req);
      respond(res);
      log(start, res.ok ? 'ok' : 'error');
    },
    cancel: () => {
      respond({ id: req.id, ok: false, error: `${req.method}: superseded by a newer request`, kind: 'cancelled' });
      log(now(), 'cancelled');
    },
  };
}

function execute(analysis: Analysis, req: RpcRequest): RpcResponse {
  try {
    const fn = analysis[req.method] as (...a: unknown[]) => unknown;
    return { id: req.id, ok: true, result: fn.apply(analysis, req.args) };
  } catch (e) {
    return { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e), kind: e instanceof ProfileError ? 'profile' : 'error' };
  }
}
