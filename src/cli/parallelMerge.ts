// The merge of several files on two threads: the merge thread (mergeWorker.ts) decodes and merges the
// later half of the files while this one does the first half, then this one adds that merge to its own.
// The result is the one-thread merge's, number for number: samples, locations and functions keep the order
// in which the files first use them, and the header is combined from every file's. A fleet's files each
// get their `instance` label on the thread that decodes them. Anything that goes wrong on the way (a bad
// file, profiles that cannot be merged, a thread that died) is left to the one-thread merge, so that the
// message is its message.
import { mergedProfile } from '../model/decode/loadProfile';
import { mergeInstanceProfiles, type InstanceProfile } from '../model/decode/mergeInstances';
import { checkCompatible } from '../model/profile/mergeHeaders';
import { ProfileError, type DecodedProfile, type Profile } from '../model/profile/profile';
import { unpackLabels } from '../protocol/packedLabels';
import { deadlineAfter, defaultWorkerPath, send } from './mergeThread';
import { writeInParallel, type ParallelWriteOptions } from './parallelWrite';
import { writeFleetOnTwoThreads, type MergedBytes } from './fleetWrite';
import { apart, mergeFirstHalf } from './mergeHalves';
import { readRegularFileShared } from './readRegularFile';

export interface ParallelMergeOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle; without one, one thread merges. */
  readonly workerPath?: string;
  /** Below this many bytes in all, one thread merges: starting and feeding the other costs more than it saves. */
  readonly minBytes?: number;
}

/** How many merges the two threads made (the others fell back to one): what a test can see. */
export const mergeCounts = { twoThreads: 0 };

/**
 * A fleet's merge as the Node build's table thread makes it: merged and written on two threads, gzipped at
 * level 1 (a fleet's merge is large, and the fastest level keeps its write a small part of the work). The
 * other thread writes the half it merged (fleetWrite.ts) when no instance is in both halves; otherwise its
 * merge comes back and the merged profile is written in two halves (parallelWrite.ts).
 */
export function mergingOnTwoThreads(options: ParallelMergeOptions & ParallelWriteOptions = {}) {
  return {
    readFile: readRegularFileShared,
    mergeToBytes(inputs: readonly InstanceProfile[]): MergedBytes {
      if (large(inputs, options)) {
        const written = writeFleetOnTwoThreads(inputs, 1, options.workerPath ?? defaultWorkerPath());
        if (written) {
          mergeCounts.twoThreads++;
          return written;
        }
      }
      const { merged, renamed } = mergeInParallel(inputs, options);
      return { bytes: writeInParallel(merged, 1, options), sampleCount: merged.sampleCount, renamed };
    },
  };
}

/** Whether there are files enough, and bytes enough, for a second thread to pay for itself. */
function large(inputs: readonly InstanceProfile[], options: ParallelMergeOptions): boolean {
  let bytes = 0;
  for (const input of inputs) bytes += input.bytes.byteLength;
  return inputs.length >= 2 && bytes >= (options.minBytes ?? 4 << 20);
}

/** The CLI's merge of several files, as the analyses take it. */
export function loadMergedInParallel(inputs: readonly Uint8Array[], names: readonly string[], options: ParallelMergeOptions = {}): Profile {
  return mergedProfile(mergeInParallel(inputs.map((bytes, i) => ({ bytes, name: names[i], instance: '' })), options).merged);
}

/** mergeInstanceProfiles on two threads when the files are large enough. */
export function mergeInParallel(inputs: readonly InstanceProfile[], options: ParallelMergeOptions = {}): { merged: DecodedProfile; renamed: string[] } {
  if (large(inputs, options)) {
    const merged = onTwoThreads(inputs, options.workerPath ?? defaultWorkerPath());
    if (merged) return merged;
  }
  return mergeInstanceProfiles(inputs);
}

function onTwoThreads(inputs: readonly InstanceProfile[], path: string): { merged: DecodedProfile; renamed: string[] } | undefined {
  // This thread also adds the other's merge and finishes: the other takes the larger half.
  const split = Math.floor(inputs.length / 2);
  const later = inputs.slice(split);
  const sent = send(path, { kind: 'merge', inputs: later.map((i) => i.bytes), instances: later.map((i) => i.instance) });
  if (!sent) return undefined;
  const started = performance.now();
  try {
    // Sources hashed apart only when the other half is appended apart too (no instance in both halves).
    const halvesApart = apart(inputs.slice(0, split), later);
    const { sources: own, merger, renamed } = mergeFirstHalf(inputs.slice(0, split), inputs.length / split, halvesApart);
    // The other thread does as much as this one has: if it takes ten times as long, it has died (its exit
    // is an event that this blocked loop would never see), and this thread merges alone.
    const reply = sent.wait(deadlineAfter(started));
    if (!reply?.merged) return undefined;
    const theirs = reply.headers.map((profile, i) => ({ profile, name: later[i].name }));
    checkCompatible([...own, ...theirs], 'merge');
    // A fleet whose halves have no instance in common: no sample of theirs can add up with one of ours.
    merger.add({ profile: unpackLabels(reply.merged) }, halvesApart);
    mergeCounts.twoThreads++;
    return { merged: merger.finish([...own.map((s) => s.profile), ...reply.headers]), renamed: [...renamed, ...reply.renamed] };
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    return undefined;
  }
}
