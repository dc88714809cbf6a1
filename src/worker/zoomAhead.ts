// The idle work of the thread that answers flame graphs: once the page has drawn a root and asked for it
// (`zoomAhead`, whose answer is the zoom paths), the thread grows the trie for those zooms, one per turn
// after every request, and only while the table thread is idle, so that no request waits for more than
// one of them and the top table never shares a core with them. Their answers are dropped: what stays is the
// grown trie, which the real zoom then reads instead of growing it (model/analysis/flame/flameTree.ts).
import type { FlameQuery } from '../model/profile/queries';
import type { Analysis } from './analysis';
import { now, type Trace } from './jobs';
import type { RpcRequest, RpcResponse } from './rpc';
import type { Scheduler } from './scheduler';

/** Below every request's priority (rpc.ts ROUTES). */
const PRIORITY = 9;

/** After each answer: a `zoomAhead` answered starts growing its paths, in place of its profile's earlier ones. */
export function growAheadAfter(req: RpcRequest, res: RpcResponse, scheduler: Scheduler, analysis: Analysis, trace?: Trace): void {
  if (req.method !== 'zoomAhead' || !res.ok) return;
  const [handle, query] = req.args;
  growAhead(scheduler, analysis, handle, query, res.result as string[][], trace);
}

export function growAhead(scheduler: Scheduler, analysis: Analysis, handle: string, query: FlameQuery, paths: readonly string[][], trace?: Trace): void {
  const lane = `zoomAhead:${handle}`;
  const step = (k: number) => {
    if (k >= paths.length) return;
    const queued = now();
    scheduler.push({
      priority: PRIORITY,
      lane,
      yields: false,
      yieldsToTable: true,
      run: () => {
        if (!analysis.has(handle)) return;
        const start = now();
        let outcome: 'ok' | 'error' = 'ok';
        try {
          analysis.flame(handle, { ...query, path: paths[k] });
        } catch {
          // The zoom asked for later fails the same way and says why.
          outcome = 'error';
        }
        trace?.({ thread: 'view', method: 'zoomAhead', handle, queued, start, end: now(), outcome });
        step(k + 1);
      },
      cancel: () => {},
    });
  };
  step(0);
}
