// The Node build's three worker threads (see threads.ts), started in the process that creates them: each
// request posted to the thread that ROUTES names, each answer handed to `answer`.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { RpcRequest, RpcResponse, Thread } from './rpc';
import type { ThreadData } from './threads';
import { transferablesOf } from './transfer';

interface Threads {
  readonly view: Worker;
  readonly table: Worker;
  /**
   * Started with the others by prepare(), ahead of a choice the user is making. Threads started by a request
   * (a compare command given its files) leave it to its first request or the first close (the view thread
   * answers a close once every thread has dropped the profile; until then what the view thread hands it
   * waits on its port): it has nothing to do for that request, and a thread's start took 230–410 ms in
   * code-server's extension host, on the cores that decode.
   */
  scan: Worker | undefined;
  readonly startScan: () => Worker;
  /** [0]: the view thread's requests not yet answered; the scan thread's long scans wait on it. */
  readonly viewLoad: Int32Array;
}

export class WorkerThreads {
  private threads: Threads | undefined;

  constructor(
    private readonly workerPath: string,
    private readonly answer: (res: RpcResponse) => void,
    /** A thread failed or stopped: every thread is stopped, and the next request starts them again. */
    private readonly failed: (err: Error) => void,
  ) {}

  /** Every thread started, ahead of the first request. */
  prepare(): void {
    this.ensureThreads().startScan();
  }

  get scanStarted(): boolean {
    return this.threads?.scan !== undefined;
  }

  send(req: RpcRequest, thread: Thread): void {
    const threads = this.ensureThreads();
    if (req.method === 'close') threads.startScan();
    const worker = thread === 'scan' ? threads.startScan() : threads[thread];
    // Keep the process alive while an answer is owed; idle, the workers must not hold it open.
    worker.ref();
    if (thread === 'view') Atomics.add(threads.viewLoad, 0, 1);
    if (thread === 'table') Atomics.add(threads.viewLoad, 1, 1);
    // The profile bytes are transferred, so the caller must not reuse them.
    worker.postMessage(req, transferablesOf(req.args));
  }

  /** The thread owes no more answers. */
  idle(thread: Thread): void {
    const threads = this.threads;
    (thread === 'scan' ? threads?.scan : threads?.[thread])?.unref();
  }

  dispose(): void {
    if (this.threads) this.fail(this.threads, new Error('the analysis worker was stopped'));
  }

  private ensureThreads(): Threads {
    if (this.threads) return this.threads;
    const toTable = new MessageChannel();
    const toScan = new MessageChannel();
    // Between the table and the scan thread: the top table's sums, for the line index (siblingSums.ts).
    const siblings = new MessageChannel();
    // The view thread's unanswered requests, then the table thread's.
    const viewLoad = new Int32Array(new SharedArrayBuffer(8));
    const start = (data: ThreadData, ports: readonly MessagePort[]) => {
      const w = new Worker(this.workerPath, { workerData: data, transferList: [...ports] });
      w.on('message', (res: RpcResponse) => this.answer(res));
      w.on('error', (e) => this.fail(threads, e));
      w.on('exit', (code) => this.fail(threads, new Error(`the analysis worker stopped (exit code ${code}); reopen the profile`)));
      w.unref();
      return w;
    };
    const threads: Threads = {
      view: start({ role: 'view', peers: [toTable.port1, toScan.port1], viewLoad }, [toTable.port1, toScan.port1]),
      table: start({ role: 'table', peer: toTable.port2, viewLoad, sibling: siblings.port1 }, [toTable.port2, siblings.port1]),
      scan: undefined,
      startScan: () => (threads.scan ??= start({ role: 'scan', peer: toScan.port2, viewLoad, sibling: siblings.port2 }, [toScan.port2, siblings.port2])),
      viewLoad,
    };
    this.threads = threads;
    return threads;
  }

  /** One thread gone leaves the other without its partner: both stop, and every open profile with them. */
  private fail(threads: Threads, err: Error): void {
    if (this.threads !== threads) return;
    this.threads = undefined;
    this.failed(err);
    for (const w of [threads.view, threads.table, threads.scan]) void w?.terminate();
  }
}
