// Thin shim: the worker_threads entry. All logic is in analysis.ts.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ProfileError } from '../model/profile';
import { Analysis } from './analysis';
import type { RpcRequest, RpcResponse } from './rpc';
import { transferablesOf } from './transfer';

const analysis = new Analysis(readFileSync);
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
