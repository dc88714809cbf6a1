// The host side of the worker: typed async calls, one worker for all profiles.
import { Worker } from 'node:worker_threads';
import { ProfileError } from '../model/profile/profile';
import type { EngineApi, EngineClientApi, Method, RpcRequest, RpcResponse } from './rpc';
import { transferablesOf } from './transfer';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class EngineClient implements EngineClientApi {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly workerPath: string) {}

  open = (...a: Parameters<EngineApi['open']>) => this.call('open', a);
  openFile = (...a: Parameters<EngineApi['openFile']>) => this.call('openFile', a);
  close = (...a: Parameters<EngineApi['close']>) => this.call('close', a);
  top = (...a: Parameters<EngineApi['top']>) => this.call('top', a);
  flame = (...a: Parameters<EngineApi['flame']>) => this.call('flame', a);
  callersCallees = (...a: Parameters<EngineApi['callersCallees']>) => this.call('callersCallees', a);
  lineIndexHead = (...a: Parameters<EngineApi['lineIndexHead']>) => this.call('lineIndexHead', a);
  lineIndexFiles = (...a: Parameters<EngineApi['lineIndexFiles']>) => this.call('lineIndexFiles', a);
  topColumns = (...a: Parameters<EngineApi['topColumns']>) => this.call('topColumns', a);

  private call<M extends Method>(method: M, args: Parameters<EngineApi[M]>): Promise<ReturnType<EngineApi[M]>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Keep the process alive while an answer is owed; idle, the worker must not hold it open.
      worker.ref();
      const req = { id, method, args } as RpcRequest;
      // The profile bytes are transferred, so the caller must not reuse them.
      worker.postMessage(req, transferablesOf(args));
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath);
    w.on('message', (res: RpcResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (this.pending.size === 0) w.unref();
      if (res.ok) p.resolve(res.result);
      else p.reject(res.profileError ? new ProfileError(res.error) : new Error(res.error));
    });
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the analysis worker stopped (exit code ${code}); reopen the profile`)));
    w.unref();
    this.worker = w;
    return w;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
