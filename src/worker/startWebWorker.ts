// The host side of the web build's worker: one Web Worker answers every call (serveOne.ts). It has no file
// system, so the files a request names are read here, by the reader the web entry gives (workspace.fs),
// and sent with it. Requests leave in the order they were made, file reads included, so that a query
// never overtakes the open it follows.
import { EngineCalls } from './engineCalls';
import { filesOf, type RequestWithFiles } from './fileArgs';
import type { RpcRequest, RpcResponse } from './rpc';
import { transferablesOf } from './transfer';

export interface WebWorkerHost {
  /** The worker bundle's source (dist/web/worker.js), started from a blob: URL: the extension's own URL may be of another origin. */
  script(): PromiseLike<Uint8Array>;
  /** A file named in a request, by the string the host gave the engine for it. */
  readFile(ref: string): PromiseLike<Uint8Array>;
}

export class WebEngineClient extends EngineCalls {
  private worker: Promise<Worker> | undefined;
  private scriptUrl: string | undefined;
  /** The last send; each send waits for the one before it. */
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly host: WebWorkerHost) {
    super();
  }

  prepare(): void {
    void this.ensureWorker().catch(() => undefined);
  }

  protected send(req: RpcRequest): void {
    const previous = this.sending;
    this.sending = (async () => {
      await previous;
      try {
        const worker = await this.ensureWorker();
        const refs = [...new Set(filesOf(req))];
        const files = await Promise.all(refs.map(async (ref) => [ref, await this.readNamed(ref)] as const));
        const message: RequestWithFiles = { req, files };
        worker.postMessage(message, [...transferablesOf(req.args), ...transferablesOf(files)]);
      } catch (e) {
        this.refuse(req.id, e instanceof Error ? e : new Error(String(e)));
      }
    })();
  }

  private async readNamed(ref: string): Promise<Uint8Array> {
    try {
      return await this.host.readFile(ref);
    } catch (e) {
      throw new Error(`cannot read ${ref}: ${e instanceof Error ? e.message : e}`);
    }
  }

  private ensureWorker(): Promise<Worker> {
    this.worker ??= Promise.resolve(this.host.script()).then((source) => {
      const url = URL.createObjectURL(new Blob([source as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
      // The URL stays valid while the worker lives: it loads its script after the constructor returns.
      const w = new Worker(url);
      this.scriptUrl = url;
      w.onmessage = (e: MessageEvent<RpcResponse>) => this.answer(e.data);
      w.onerror = (e) => this.fail(w, new Error(`the analysis worker failed (${e.message || 'no message'}); reopen the profile`));
      return w;
    });
    this.worker.catch(() => (this.worker = undefined));
    return this.worker;
  }

  private fail(w: Worker, err: Error): void {
    this.worker = undefined;
    if (this.scriptUrl) URL.revokeObjectURL(this.scriptUrl);
    this.scriptUrl = undefined;
    this.failAll(err);
    w.terminate();
  }

  dispose(): void {
    void this.worker?.then((w) => this.fail(w, new Error('the analysis worker was stopped')), () => undefined);
  }
}
