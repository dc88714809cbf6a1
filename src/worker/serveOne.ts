// One thread answering every call: the web build's worker, where SharedArrayBuffer (and so the Node build's
// three threads sharing each profile) is not there. The same Analysis and Scheduler as threads.ts; the
// files a request names arrive with it (RequestWithFiles) and are dropped once it is answered.
import { Analysis } from './analysis';
import type { RequestWithFiles } from './fileArgs';
import { jobFor } from './jobs';
import type { RpcResponse } from './rpc';
import { Scheduler } from './scheduler';
import { transferablesOf } from './transfer';

/** The two ends a worker global has: its incoming messages and postMessage. */
export interface HostPort {
  onMessage(listener: (m: RequestWithFiles) => void): void;
  post(res: RpcResponse, transfer: ArrayBuffer[]): void;
}

/**
 * `prepare` may turn each byte array a request brings into another before the request is queued (the web
 * worker inflates gzip ahead, asynchronously); requests are still queued in the order they arrived.
 */
export function serveOne(host: HostPort, nextTurn: (f: () => void) => void, prepare?: (bytes: Uint8Array) => Promise<Uint8Array>): void {
  /** Each file's bytes and how many unanswered requests name it. */
  const files = new Map<string, { bytes: Uint8Array; uses: number }>();
  const namedBy = new Map<number, readonly string[]>();
  const analysis = new Analysis((ref) => {
    const f = files.get(ref);
    if (!f) throw new Error('the file was not sent with the request');
    return f.bytes;
  });
  const scheduler = new Scheduler(nextTurn);
  const respond = (res: RpcResponse) => {
    for (const ref of namedBy.get(res.id) ?? []) {
      const f = files.get(ref);
      if (f && --f.uses === 0) files.delete(ref);
    }
    namedBy.delete(res.id);
    host.post(res, transferablesOf(res));
  };
  const take = ({ req, files: sent }: RequestWithFiles) => {
    for (const [ref, bytes] of sent) {
      const f = files.get(ref);
      if (f) (f.bytes = bytes), f.uses++;
      else files.set(ref, { bytes, uses: 1 });
    }
    namedBy.set(req.id, sent.map(([ref]) => ref));
    // The thread name only labels a benchmark trace, which the web build does not record.
    scheduler.push(jobFor('view', req, analysis, respond, undefined));
  };
  if (!prepare) return host.onMessage(take);
  let intake: Promise<void> = Promise.resolve();
  host.onMessage((m) => {
    intake = intake
      .then(async () => {
        const files = await Promise.all(m.files.map(async ([ref, bytes]) => [ref, await prepare(bytes)] as const));
        const req = m.req.method === 'open' ? { ...m.req, args: [m.req.args[0], await prepare(m.req.args[1]), m.req.args[2]] as typeof m.req.args } : m.req;
        take({ req, files });
      })
      // A preparation that failed leaves the request as it came.
      .catch(() => take(m));
  });
}
