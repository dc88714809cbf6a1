// The one merge thread of a process (mergeWorker.ts, bundled as dist/mergeWorker.js), kept for the next
// merge (a script, the benchmark or the extension's table thread merges again); it does not keep the
// process alive. The caller stays synchronous: it waits for the thread on a shared flag and takes the
// answer from a port. A thread that dies or does not answer is dropped, and the next job starts another.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { MergeJob, MergeReply } from './mergeJob';

interface Helper {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
  readonly path: string;
}

let helper: Helper | undefined;
let lastJob = 0;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The thread's script: by default mergeWorker.js beside this bundle. */
export const defaultWorkerPath = (): string => join(__dirname, 'mergeWorker.js');

/**
 * A job sent to the merge thread; `wait` blocks until its answer, undefined once `deadline` (ms,
 * performance.now()) has passed. A part sent ahead of the answer (a fleet's unified tables) goes to
 * `ahead` as soon as it arrives, while the answer is awaited.
 */
export interface Sent {
  wait(deadline: number, ahead?: (part: Ahead) => void): MergeReply | undefined;
  /** The answer if it has come, without waiting; a part sent ahead that has come goes to `ahead`. */
  poll(ahead?: (part: Ahead) => void): MergeReply | undefined;
}

type Ahead = Extract<MergeReply, { unified: object }>;

/** Sends the job (its id is given here); undefined when there is no thread script at `path`. */
export function send(path: string, job: DistributiveOmit<MergeJob, 'id'>, transfer: ArrayBuffer[] = []): Sent | undefined {
  if (!existsSync(path)) return undefined;
  const h = helperAt(path);
  const id = ++lastJob;
  h.worker.postMessage({ ...job, id }, transfer);
  const awaited = { ahead: true };
  return { wait: (deadline, ahead) => replyTo(h, id, deadline, awaited, ahead), poll: (ahead) => received(h, id, awaited, ahead) };
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

function helperAt(path: string): Helper {
  if (helper && helper.path === path && helper.worker.threadId >= 0) return helper;
  if (helper) forget(helper);
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(path, { workerData: { port: port2, flag }, transferList: [port2] });
  worker.unref();
  port1.unref();
  // A thread that fails is replaced by the next job (the caller has done this one alone).
  worker.on('error', () => undefined);
  helper = { worker, port: port1, flag, path };
  return helper;
}

/** Drops a thread that did not answer; the next job starts another. */
function forget(h: Helper): void {
  if (helper === h) helper = undefined;
  void h.worker.terminate();
}

/** The answer to job `id` if it is on the port (older answers are dropped); a part sent ahead goes to `ahead`, once. */
function received(h: Helper, id: number, awaited: { ahead: boolean }, ahead?: (part: Ahead) => void): MergeReply | undefined {
  for (let got = receiveMessageOnPort(h.port); got; got = receiveMessageOnPort(h.port)) {
    const reply = got.message as MergeReply;
    if (reply.id !== id) continue;
    if (!reply.unified) return reply;
    if (awaited.ahead) ahead?.(reply);
    awaited.ahead = false;
  }
  return undefined;
}

/** Blocks until the thread answers job `id`; undefined after `deadline`. */
function replyTo(h: Helper, id: number, deadline: number, awaited: { ahead: boolean }, ahead?: (part: Ahead) => void): MergeReply | undefined {
  for (;;) {
    const reply = received(h, id, awaited, ahead);
    if (reply) return reply;
    const left = deadline - performance.now();
    if (left <= 0 || h.worker.threadId < 0) {
      forget(h);
      return undefined;
    }
    const done = Atomics.load(h.flag, 0);
    // The answer is posted before the flag is raised; should it still be on its way, look again shortly.
    // A part sent ahead raises no flag (it only wakes a waiter): while one is awaited, look again shortly.
    if (done >= id) Atomics.wait(pause, 0, 0, 1);
    else Atomics.wait(h.flag, 0, done, Math.min(left, ahead && awaited.ahead ? 2 : 1000));
  }
}

/** The deadline for a thread doing as much as the caller did since `started`: ten times as long, at least 10 s. */
export const deadlineAfter = (started: number): number => performance.now() + Math.max(10_000, 10 * (performance.now() - started));
