// Thin shim: the web build's worker (a Web Worker the web extension starts from a blob: URL). All logic is
// in analysis.ts; serveOne.ts is its loop.
import { inflateAhead } from '../model/decode/inflateAhead';
import type { RequestWithFiles } from './fileArgs';
import { serveOne } from './serveOne';

interface WorkerScope {
  addEventListener(type: 'message', listener: (e: { data: RequestWithFiles }) => void): void;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

// A macrotask, so that messages that arrived during a long answer are queued before the next job is picked.
const nextTurn = (f: () => void) => void setTimeout(f, 0);

serveOne(
  {
    onMessage: (listener) => scope.addEventListener('message', (e) => listener(e.data)),
    post: (res, transfer) => scope.postMessage(res, transfer),
  },
  nextTurn,
  // DecompressionStream where the browser has it (faster than pako in Chromium's workers); pako after it.
  inflateAhead,
);
