// The host side of the worker: typed async calls, three threads for all profiles (see threads.ts), each
// call sent to the thread that ROUTES names.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { ProfileError } from '../model/profile/profile';
import { CancelledError, ROUTES, type EngineApi, type EngineClientApi, type Method, type RpcRequest, type RpcResponse, type Thread } from './rpc';
import type { ThreadData } from './threads';
import { transferablesOf } from './transfer';

interface Pending {
  readonly method: Method;
  readonly thread: Thread;
  readonly lane: string | undefined;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

interface Threads {
  readonly view: Worker;
  readonly table: Worker;
  readonly scan: Worker;
  /** [0]: the view thread's requests not yet answered; the scan thread's long scans wait on it. */
  readonly viewLoad: Int32Array;
}

export class EngineClient implements EngineClientApi {
  private threads: Threads | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The latest request of each lane. */
  private readonly lanes = new Map<string, number>();

  constructor(private readonly workerPath: string) {}

  open = (...a: Parameters<EngineApi['open']>) => this.call('open', a);
  openFile = (...a: Parameters<EngineApi['openFile']>) => this.call('openFile', a);
  openComparison = (...a: Parameters<EngineApi['openComparison']>) => this.call('openComparison', a);
  close = (...a: Parameters<EngineApi['close']>) => this.call('close', a);
  top = (...a: Parameters<EngineApi['top']>) => this.call('top', a);
  flame = (...a: Parameters<EngineApi['flame']>) => this.call('flame', a);
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

  /** Starts the threads ahead of the first call, e.g. while the user picks a profile to open. */
  prepare(): void {
    this.ensureThreads();
  }

  private call<M extends Method>(method: M, args: Parameters<EngineApi[M]>, lane?: string): Promise<ReturnType<EngineApi[M]>> {
    const threads = this.ensureThreads();
    const { thread } = ROUTES[method];
    const worker = threads[thread];
    const id = this.nextId++;
    if (lane !== undefined) {
      const olderId = this.lanes.get(lane);
      const older = olderId === undefined ? undefined : this.settle(olderId);
      older?.reject(new CancelledError(older.method));
      this.lanes.set(lane, id);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, thread, lane, resolve: resolve as (v: unknown) => void, reject });
      // Keep the process alive while an answer is owed; idle, the workers must not hold it open.
      worker.ref();
      if (thread === 'view') Atomics.add(threads.viewLoad, 0, 1);
      const req = { id, method, args, lane } as RpcRequest;
      // The profile bytes are transferred, so the caller must not reuse them.
      worker.postMessage(req, transferablesOf(args));
    });
  }

  /** Forgets a request; its thread is let go once it owes nothing. */
  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    if (p.lane !== undefined && this.lanes.get(p.lane) === id) this.lanes.delete(p.lane);
    if (![...this.pending.values()].some((q) => q.thread === p.thread)) this.threads?.[p.thread].unref();
    return p;
  }

  private ensureThreads(): Threads {
    if (this.threads) return this.threads;
    const toTable = new MessageChannel();
    const toScan = new MessageChannel();
    const viewLoad = new Int32Array(new SharedArrayBuffer(4));
    const start = (data: ThreadData, ports: readonly MessagePort[]) => {
      const w = new Worker(this.workerPath, { workerData: data, transferList: [...ports] });
      w.on('message', (res: RpcResponse) => {
        const p = this.settle(res.id);
        if (!p) return;
        if (res.ok) p.resolve(res.result);
        else if (res.kind === 'cancelled') p.reject(new CancelledError(p.method));
        else p.reject(res.kind === 'profile' ? new ProfileError(res.error) : new Error(res.error));
      });
      w.on('error', (e) => this.fail(threads, e));
      w.on('exit', (code) => this.fail(threads, new Error(`the analysis worker stopped (exit code ${code}); reopen the profile`)));
      w.unref();
      return w;
    };
    const threads: Threads = {
      view: start({ role: 'view', peers: [toTable.port1, toScan.port1], viewLoad }, [toTable.port1, toScan.port1]),
      table: start({ role: 'table', peer: toTable.port2, viewLoad }, [toTable.port2]),
      scan: start({ role: 'scan', peer: toScan.port2, viewLoad }, [toScan.port2]),
      viewLoad,
    };
    this.threads = threads;
    return threads;
  }

  /** One thread gone leaves the other without its partner: both stop, and every open profile with them. */
  private fail(threads: Threads, err: Error): void {
    if (this.threads !== threads) return;
    this.threads = undefined;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.lanes.clear();
    for (const w of [threads.view, threads.table, threads.scan]) void w.terminate();
  }

  dispose(): void {
    if (this.threads) this.fail(this.threads, new Error('the analysis worker was stopped'));
  }
}
