// The host side of the Node build's worker, with its three threads in the calling process (see
// workerThreads.ts): what the tests and the benchmarks use. The extension runs them in a process of their
// own (startEngineProcess.ts).
import { EngineCalls } from './engineCalls';
import type { RpcRequest, Thread } from './rpc';
import { WorkerThreads } from './workerThreads';

export class EngineClient extends EngineCalls {
  private readonly threads: WorkerThreads;

  constructor(workerPath: string) {
    super();
    this.threads = new WorkerThreads(workerPath, (res) => this.answer(res), (err) => this.failAll(err));
  }

  prepare(): void {
    this.threads.prepare();
  }

  /** The scan thread has been started (by prepare(), its first request or the first close). */
  get scanStarted(): boolean {
    return this.threads.scanStarted;
  }

  protected send(req: RpcRequest, thread: Thread): void {
    this.threads.send(req, thread);
  }

  protected override idle(thread: Thread): void {
    this.threads.idle(thread);
  }

  dispose(): void {
    this.threads.dispose();
  }
}
