// The merge of several files on two threads: a second thread (mergeWorker.ts) decodes and merges the later
// half of the files while this one does the first half, then this one adds that merge to its own. The
// result is the one-thread merge's (loadMerged), number for number: samples, locations and functions keep
// the order in which the files first use them, and the header is combined from every file's. The calling
// code stays synchronous: it waits for the other thread on a shared flag and takes its answer from a port.
// Anything that goes wrong on the way (a bad file, profiles that cannot be merged, a thread that died) is
// left to the one-thread merge, so that the message is its message.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { decodeSide, loadMerged, mergedProfile } from '../model/decode/loadProfile';
import { checkCompatible } from '../model/profile/mergeHeaders';
import { SampleMerger } from '../model/profile/mergeProfiles';
import { ProfileError, type Profile } from '../model/profile/profile';
import type { MergeJob, MergeReply } from './mergeJob';

export interface ParallelMergeOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle; without one, one thread merges. */
  readonly workerPath?: string;
  /** Below this many bytes in all, one thread merges: starting and feeding the other costs more than it saves. */
  readonly minBytes?: number;
}

interface Helper {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
  readonly path: string;
}

// One merge thread per process, kept for the next merge (a script or the benchmark merges again); it does
// not keep the process alive.
let helper: Helper | undefined;
let lastJob = 0;
/** How many merges the two threads made (the others fell back to one): what a test can see. */
export const mergeCounts = { twoThreads: 0 };
const pause = new Int32Array(new SharedArrayBuffer(4));

export function loadMergedInParallel(inputs: readonly Uint8Array[], names: readonly string[], options: ParallelMergeOptions = {}): Profile {
  const path = options.workerPath ?? join(__dirname, 'mergeWorker.js');
  let bytes = 0;
  for (const b of inputs) bytes += b.byteLength;
  if (inputs.length < 2 || !existsSync(path) || bytes < (options.minBytes ?? 4 << 20)) return loadMerged(inputs, undefined, names);
  const h = helperAt(path);
  const id = ++lastJob;
  // This thread also adds the other's merge and finishes: the other takes the larger half.
  const split = Math.floor(inputs.length / 2);
  const job: MergeJob = { id, inputs: inputs.slice(split) };
  h.worker.postMessage(job);
  const started = performance.now();
  try {
    const own = inputs.slice(0, split).map((b, i) => ({ profile: decodeSide(b, names[i]), name: names[i] }));
    checkCompatible(own, 'merge');
    let samples = 0;
    for (const s of own) samples += s.profile.sampleCount;
    const merger = new SampleMerger(own[0].profile.sampleTypes.length, (samples * inputs.length) / split);
    for (const s of own) merger.add(s);
    // The other thread does as much as this one has: if it takes ten times as long (at least 10 s), it has
    // died (its exit is an event that this blocked loop would never see), and this thread merges alone.
    const reply = replyTo(h, id, performance.now() + Math.max(10_000, 10 * (performance.now() - started)));
    if (reply?.merged) {
      const theirs = reply.headers.map((profile, i) => ({ profile, name: names[split + i] }));
      checkCompatible([...own, ...theirs], 'merge');
      merger.add({ profile: reply.merged });
      mergeCounts.twoThreads++;
      return mergedProfile(merger.finish([...own.map((s) => s.profile), ...reply.headers]));
    }
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
  }
  return loadMerged(inputs, undefined, names);
}

function helperAt(path: string): Helper {
  if (helper && helper.path === path && helper.worker.threadId >= 0) return helper;
  if (helper) forget(helper);
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(path, { workerData: { port: port2, flag }, transferList: [port2] });
  worker.unref();
  port1.unref();
  // A thread that fails is replaced by the next merge (this one has merged alone).
  worker.on('error', () => undefined);
  helper = { worker, port: port1, flag, path };
  return helper;
}

/** Drops a thread that did not answer; the next merge starts another. */
function forget(h: Helper): void {
  if (helper === h) helper = undefined;
  void h.worker.terminate();
}

/** Blocks until the merge thread answers job `id`; undefined after `deadline`. Older answers are dropped. */
function replyTo(h: Helper, id: number, deadline: number): MergeReply | undefined {
  for (;;) {
    const got = receiveMessageOnPort(h.port);
    if (got) {
      const reply = got.message as MergeReply;
      if (reply.id === id) return reply;
      continue;
    }
    const left = deadline - performance.now();
    if (left <= 0 || h.worker.threadId < 0) {
      forget(h);
      return undefined;
    }
    const done = Atomics.load(h.flag, 0);
    // The answer is posted before the flag is raised; should it still be on its way, look again shortly.
    if (done >= id) Atomics.wait(pause, 0, 0, 1);
    else Atomics.wait(h.flag, 0, done, Math.min(left, 1000));
  }
}
