// The merge thread (bundled as dist/mergeWorker.js), started by the CLI and by the worker's table thread:
// decodes and merges the files it is sent while the calling thread does the same with the others, or
// writes and deflates the later half of a merged profile's samples while the caller does the rest, or
// makes the top of the files it is sent (topParts.ts), or merges a fleet's files and holds the merge until
// it writes its samples with the numbers the caller gives (fleetWrite.ts). It answers on the port
// it was given and raises the shared flag to the job's id, so that the caller can wait without an event loop.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { decodeProfile } from '../model/decode/decodeProfile';
import { instanceSource } from '../model/decode/mergeInstances';
import { encodeSamplesInPieces } from '../model/profile/encodeSamples';
import { headerOf } from '../model/profile/mergeHeaders';
import { mergeProfiles, mergerFor, type SampleMerger } from '../model/profile/mergeProfiles';
import { packLabels } from '../protocol/packedLabels';
import { TopPartBuilder } from '../model/report/topParts';
import { profileBuffers, type IndexedHeader, type MergeJob, type MergeReply } from './mergeJob';
import { Deflating, movable, nodeCrc32 } from './gzipParts';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

/** The first step of a top (job 'top'), which the next job (topFinish) finishes. */
let topAfter: { builder: TopPartBuilder } | undefined;
/** A fleet's merge (job 'mergeHeld'), which the next job (writeHeld) writes. */
let heldAfter: SampleMerger | undefined;

parentPort?.on('message', (job: MergeJob) => {
  let reply: MergeReply;
  let moved: ArrayBuffer[] = [];
  const after = topAfter;
  const held = heldAfter;
  topAfter = undefined;
  heldAfter = undefined;
  try {
    if (job.kind === 'write' || job.kind === 'writeHeld') {
      if (job.kind === 'writeHeld' && !held) throw new Error('no merge held');
      if (!nodeCrc32) throw new Error('no zlib.crc32');
      // The last part of the stream: its final block ends the deflate stream the caller began.
      const deflating = new Deflating(job.level, nodeCrc32);
      encodeSamplesInPieces(job.kind === 'write' ? job.samples : held!.heldColumns(job.held.locations, job.held.strings), deflating.take);
      const { written, moved: buffers } = movable(deflating.end());
      reply = { id: job.id, written };
      moved = buffers;
    } else if (job.kind === 'top') {
      // The files not yet taken, one at a time, as the caller takes them too.
      const builder = new TopPartBuilder(job.query);
      const headers: IndexedHeader[] = [];
      for (let i = Atomics.add(job.next, 0, 1); i < job.inputs.length; i = Atomics.add(job.next, 0, 1)) {
        const profile = decodeProfile(job.inputs[i]);
        headers.push({ index: i, header: headerOf(profile) });
        builder.addProfile(profile, i);
      }
      // Kept for the job that follows (topFinish); any other job drops it.
      topAfter = { builder };
      reply = { id: job.id, inlined: builder.inlinedKeys(), headers };
    } else if (job.kind === 'topFinish') {
      if (!after) throw new Error('no top to finish');
      after.builder.finishFiles(job.inlined);
      const part = after.builder.finish();
      reply = { id: job.id, part };
      moved = [part.flat, part.cum, part.fileIndex, part.edgeCaller, part.edgeCallee, part.edgeInline].map((a) => a.buffer as ArrayBuffer);
    } else {
      const profiles = job.inputs.map((b) => decodeProfile(b));
      const renamed: string[] = [];
      const sources = profiles.map((profile, i) => instanceSource(profile, job.instances?.[i] ?? '', '', renamed));
      if (job.kind === 'mergeHeld') {
        const merger = mergerFor(sources);
        // The caller unifies these with its own while the samples are merged here.
        port.postMessage({ id: job.id, unified: merger.unifyAhead(sources) } satisfies MergeReply);
        Atomics.notify(flag, 0);
        for (const s of sources) merger.add(s);
        heldAfter = merger;
        reply = { id: job.id, held: merger.holdSamples(), headers: profiles.map(headerOf), renamed };
      } else {
        const merged = mergeProfiles(sources);
        const packed = packLabels(merged);
        reply = { id: job.id, merged: packed, headers: profiles.map(headerOf), renamed };
        moved = profileBuffers(packed);
      }
    }
  } catch {
    reply = { id: job.id };
    moved = [];
  }
  port.postMessage(reply, moved);
  Atomics.store(flag, 0, job.id);
  Atomics.notify(flag, 0);
});
