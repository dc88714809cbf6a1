// The files a request names, for a host that reads them itself and sends their bytes along (the web
// build: its worker has no file system). Kept beside the protocol so a new file-reading method is listed here.
import type { RpcRequest } from './rpc';

export function filesOf(req: RpcRequest): string[] {
  switch (req.method) {
    case 'openFile':
      return [req.args[1]];
    case 'openComparison':
      return [req.args[1].base, req.args[1].target];
    case 'trend':
    case 'mergeFiles':
      return [...req.args[0]];
    case 'goroutines':
      return [req.args[0]];
    case 'goroutineTrend':
      return req.args[0].map((d) => d.file);
    case 'open':
    case 'close':
    case 'top':
    case 'flame':
    case 'zoomAhead':
    case 'flameAhead':
    case 'callersCallees':
    case 'lineIndexHead':
    case 'lineIndexFiles':
    case 'topColumns':
    case 'labelBreakdown':
      return [];
  }
  return assertNever(req);
}

function assertNever(x: never): never {
  throw new Error(`filesOf: unknown request ${JSON.stringify(x)}`);
}

/** A request with the bytes of the files it names, read by the host (see filesOf). */
export interface RequestWithFiles {
  readonly req: RpcRequest;
  readonly files: readonly (readonly [string, Uint8Array])[];
}
