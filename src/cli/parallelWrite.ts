// A merged profile written and gzipped on two threads, as one gzip member that any reader takes (pigz's
// way). This thread writes the header, mappings, locations, functions and strings, then the first half of
// the samples, deflating them a piece at a time, each piece ending with a sync flush: the stream is then
// byte-aligned with no final block. The merge thread writes the other half of the samples (their columns,
// strings already numbered, are copied to it) and deflates them the same way, ending the stream, with the
// CRC-32 of what it wrote. The gzip header and trailer (the CRCs combined, and the size of the whole) are
// written here. Without the merge thread, or on a Node without zlib.crc32 (before 20.15), one thread writes it.
import { gzip } from '../model/decode/inflate';
import { encodeProfile, profileParts } from '../model/profile/encodeProfile';
import { encodeSamplesInPieces, sampleRange } from '../model/profile/encodeSamples';
import type { DecodedProfile } from '../model/profile/profile';
import { deadlineAfter, defaultWorkerPath, send } from './mergeThread';
import { Deflating, gzipMember, nodeCrc32 } from './gzipParts';

export interface ParallelWriteOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle. */
  readonly workerPath?: string;
  /** Below this many samples' frames in all, one thread: handing the half over costs more than it saves. */
  readonly minFrames?: number;
}

/** How many writes the two threads made (the others fell back to one): what a test can see. */
export const writeCounts = { twoThreads: 0 };

/** profile.proto bytes of `p`, gzipped at `level`. */
export function writeInParallel(p: DecodedProfile, level: 1 | 6 | 9, options: ParallelWriteOptions = {}): Uint8Array {
  const crc32 = nodeCrc32;
  const frames = p.sampleLocs.length;
  if (frames < (options.minFrames ?? 1 << 20) || p.sampleCount < 2 || !crc32) return gzip(encodeProfile(p), level);
  const { head, samples } = profileParts(p);
  // The halves are cut by frames, which is what writing them costs.
  const split = Math.min(p.sampleCount - 1, Math.max(1, lowerBound(samples.sampleLocStart, frames / 2)));
  const later = sampleRange(samples, split, p.sampleCount);
  const moved = [later.sampleLocStart, later.sampleLocs, later.sampleValues, later.labelStart, later.labelKey, later.labelStr, later.labelNum, later.labelUnit].map((a) => a.buffer as ArrayBuffer);
  const sent = send(options.workerPath ?? defaultWorkerPath(), { kind: 'write', samples: later, level }, moved);
  if (!sent) return gzip(encodeProfile(p), level);
  const started = performance.now();
  const start = new Deflating(level, crc32);
  start.take(head);
  encodeSamplesInPieces(samples, start.take, 0, split);
  const reply = sent.wait(deadlineAfter(started));
  if (!reply?.written) return gzip(encodeProfile(p), level);
  writeCounts.twoThreads++;
  return gzipMember([start.written, reply.written], level);
}

/** The first index i with a[i] ≥ x (a ascending). */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
