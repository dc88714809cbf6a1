// The CLI's merge thread (bundled as dist/mergeWorker.js): decodes and merges the files it is sent while
// the main thread does the same with the others. It answers on the port it was given and raises the
// shared flag to the job's id, so that the main thread can wait for it without an event loop.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { decodeProfile } from '../model/decode/decodeProfile';
import { headerOf } from '../model/profile/mergeHeaders';
import { mergeProfiles } from '../model/profile/mergeProfiles';
import { profileBuffers, type MergeJob, type MergeReply } from './mergeJob';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

parentPort?.on('message', (job: MergeJob) => {
  let reply: MergeReply;
  try {
    const profiles = job.inputs.map((b) => decodeProfile(b));
    const merged = mergeProfiles(profiles.map((profile) => ({ profile })));
    reply = { id: job.id, merged, headers: profiles.map(headerOf) };
  } catch {
    reply = { id: job.id };
  }
  port.postMessage(reply, reply.merged ? profileBuffers(reply.merged) : []);
  Atomics.store(flag, 0, job.id);
  Atomics.notify(flag, 0);
});
