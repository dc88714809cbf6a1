// Thin shim: the worker_threads entry. All logic is in analysis.ts.
import { readFileSync, statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ProfileError } from '../model/profile/profile';
import { Analysis } from './analysis';
import type { RpcRequest, RpcResponse } from './rpc';
import { transferablesOf } from './transfer';

// A FIFO or a device named like a profile would block this thread, and every profile's queries, forever.
function readRegularFile(path: string): Uint8Array {
  if (!statSync(path).isFile()) throw new Error('not a regular file');
  return readFileSync(path);
}

const analysis = new Analysis(readRegularFile);
const port = parentPort!;

port.on('message', (req: RpcRequest) => {
  let res: RpcResponse;
  try {
    const fn = analysis[req.method] as (...a: unknown[]) => unknown;
    res = { id: req.id, ok: true, result: fn.apply(analysis, req.args) };
  } catch (e) {
    res = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e), profileError: e instanceof ProfileError };
  }
  port.postMessage(res, transferablesOf(res));
});
