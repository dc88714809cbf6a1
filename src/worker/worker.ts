// Thin shim: the worker_threads entry of every thread (see threads.ts). All logic is in analysis.ts.
import { appendFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readRegularFile } from '../cli/readRegularFile';
import type { Trace } from './jobs';
import { servePeer, serveView, type ThreadData } from './threads';

/** Linux: this thread alone (a thread id given as a pid) goes to a lower priority. Elsewhere, nothing. */
function lowerThisThread(nice: number): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), nice);
  } catch {
    // No /proc, or not allowed: the scans then only wait for the view thread to be idle.
  }
}

// The benchmark's timeline of every request (bench/editor.mjs); unset, nothing is recorded.
const traceFile = process.env.PPROF_LENS_WORKER_TRACE;
const trace: Trace | undefined = traceFile ? (e) => appendFileSync(traceFile, JSON.stringify(e) + '\n') : undefined;

const data = workerData as ThreadData;
if (data.role === 'view') serveView(parentPort!, data.peers, data.viewLoad, readRegularFile, trace);
else {
  if (data.role === 'scan') lowerThisThread(10);
  servePeer(parentPort!, data.role, data.peer, data.viewLoad, trace, readRegularFile, data.sibling);
}
// When the thread began to listen, so that the timeline shows how long its start took.
const ready = performance.timeOrigin + performance.now();
trace?.({ thread: data.role, method: 'ready', handle: '', queued: ready, start: ready, end: ready, outcome: 'ok' });
