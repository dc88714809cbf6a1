// Thin shim: the worker_threads entry of both threads (see threads.ts). All logic is in analysis.ts.
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { serveScan, serveView, type ThreadData, type Trace } from './threads';

// A FIFO or a device named like a profile would block this thread, and every profile's queries, forever.
function readRegularFile(path: string): Uint8Array {
  if (!statSync(path).isFile()) throw new Error('not a regular file');
  return readFileSync(path);
}

// The benchmark's timeline of every request (bench/editor.mjs); unset, nothing is recorded.
const traceFile = process.env.PPROF_LENS_WORKER_TRACE;
const trace: Trace | undefined = traceFile ? (e) => appendFileSync(traceFile, JSON.stringify(e) + '\n') : undefined;

const data = workerData as ThreadData;
if (data.role === 'view') serveView(parentPort!, data, readRegularFile, trace);
else serveScan(parentPort!, data, trace);
