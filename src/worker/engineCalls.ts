// The host side's calls, whatever runs them: typed async methods, request ids, lanes, answers and failures.
// startWorker.ts sends them to the Node build's threads, startWebWorker.ts to the web build's one worker.
import { ProfileError } from '../model/profile/profile';
import { CancelledError, ROUTES, type EngineApi, type EngineClientApi, type Method, type RpcRequest, type RpcResponse, type Thread } from './rpc';

interface Pending {
  readonly method: Method;
  readonly thread: Thread;
  readonly lane: string | undefined;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export abstract class EngineCalls implements EngineClientApi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The latest request of each lane. */
  private readonly lanes = new Map<string, number>();

  open = (...a: Parameters<EngineApi['open']>) => this.call('open', a);
  openFile = (...a: Parameters<EngineApi['openFile']>) => this.call('openFile', a);
  openComparison = (...a: Parameters<EngineApi['openComparison']>) => this.call('openComparison', a);
  close = (...a: Parameters<EngineApi['close']>) => this.call('close', a);
  top = (...a: Parameters<EngineApi['top']>) => this.call('top', a);
  flame = (...a: Parameters<EngineApi['flame']>) => this.call('flame', a);
  zoomAhead = (...a: Parameters<EngineApi['zoomAhead']>) => this.call('zoomAhead', a);
  flameAhead = (...a: Parameters<EngineApi['flameAhead']>) => this.call('flameAhead', a);
  callersCallees = (...a: Parameters<EngineApi['callersCallees']>) => this.call('callersCallees', a);
  lineIndexHead = (...a: Parameters<EngineApi['lineIndexHead']>) => this.call('lineIndexHead', a);
  lineIndexFiles = (...a: Parameters<EngineApi['lineIndexFiles']>) => this.call('lineIndexFiles', a);
  topColumns = (...a: Parameters<EngineApi['topColumns']>) => this.call('topColumns', a);
  labelBreakdown = (...a: Parameters<EngineApi['labelBreakdown']>) => this.call('labelBreakdown', a);
  trend = (...a: Parameters<EngineApi['trend']>) => this.call('trend', a);
  goroutines = (...a: Parameters<EngineApi['goroutines']>) => this.call('goroutines', a);
  goroutineTrend = (...a: Parameters<EngineApi['goroutineTrend']>) => this.call('goroutineTrend', a);
  mergeFiles = (...a: Parameters<EngineApi['mergeFiles']>) => this.call('mergeFiles', a);

  /**
   * The same calls in a lane: each supersedes the lane's previous call, which rejects at once with a
   * CancelledError (and is not run at all if it had not started).
   */
  lane(name: string): EngineClientApi {
    const api: Partial<Record<Method, unknown>> = {};
    for (const m of Object.keys(ROUTES) as Method[]) api[m] = (...args: never) => this.call(m, args, name);
    return api as EngineClientApi;
  }

  /** Starts the worker (every thread) ahead of the first call, e.g. while the user picks a profile to open. */
  abstract prepare(): void;
  abstract dispose(): void;
  /** Sends a request to the thread that answers it; the answer comes back through `answer`. */
  protected abstract send(req: RpcRequest, thread: Thread): void;
  /** The thread owes no more answers. */
  protected idle(_thread: Thread): void {}

  private call<M extends Method>(method: M, args: Parameters<EngineApi[M]>, lane?: string): Promise<ReturnType<EngineApi[M]>> {
    const { thread } = ROUTES[method];
    const id = this.nextId++;
    if (lane !== undefined) {
      const olderId = this.lanes.get(lane);
      const older = olderId === undefined ? undefined : this.settle(olderId);
      older?.reject(new CancelledError(older.method));
      this.lanes.set(lane, id);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, thread, lane, resolve: resolve as (v: unknown) => void, reject });
      try {
        this.send({ id, method, args, lane } as RpcRequest, thread);
      } catch (e) {
        this.settle(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  protected answer(res: RpcResponse): void {
    const p = this.settle(res.id);
    if (!p) return;
    if (res.ok) p.resolve(res.result);
    else if (res.kind === 'cancelled') p.reject(new CancelledError(p.method));
    else p.reject(res.kind === 'profile' ? new ProfileError(res.error) : new Error(res.error));
  }

  /** Rejects one request that could not be sent, e.g. a file it names that could not be read. */
  protected refuse(id: number, err: Error): void {
    this.settle(id)?.reject(err);
  }

  /** Every request owed an answer fails with `err`. */
  protected failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.lanes.clear();
  }

  /** Forgets a request; its thread is idle once it owes nothing. */
  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    if (p.lane !== undefined && this.lanes.get(p.lane) === id) this.lanes.delete(p.lane);
    if (![...this.pending.values()].some((q) => q.thread === p.thread)) this.idle(p.thread);
    return p;
  }
}
