// A merged profile written and gzipped on two threads, as one gzip member that any reader takes (pigz's
// way). This thread writes the header, mappings, locations, functions and strings, then the first half of
// the samples, and deflates that, ending with a sync flush: the stream is then byte-aligned with no final
// block. The merge thread writes the other half of the samples (their columns, strings already numbered,
// are copied to it) and deflates them afresh, ending the stream; a half only loses back-references into
// the other (a few bytes). The header and trailer (CRC-32 and size of the whole) are written here. Without
// the merge thread, or on a Node without zlib.crc32 (before 20.15), one thread writes it.
import * as zlib from 'node:zlib';
import { gzip } from '../model/decode/inflate';
import { encodeProfile, profileParts } from '../model/profile/encodeProfile';
import { encodeSamples, sampleRange } from '../model/profile/encodeSamples';
import type { DecodedProfile } from '../model/profile/profile';
import { deadlineAfter, defaultWorkerPath, send } from './mergeThread';

export interface ParallelWriteOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle. */
  readonly workerPath?: string;
  /** Below this many samples' frames in all, one thread: handing the half over costs more than it saves. */
  readonly minFrames?: number;
}

/** How many writes the two threads made (the others fell back to one): what a test can see. */
export const writeCounts = { twoThreads: 0 };

type Crc32 = (data: Uint8Array, value?: number) => number;

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
  const own = encodeSamples(samples, 0, split);
  const first = new Uint8Array(head.length + own.length);
  first.set(head, 0);
  first.set(own, head.length);
  const deflated = zlib.deflateRawSync(first, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const crc = crc32(first);
  const reply = sent.wait(deadlineAfter(started));
  if (!reply?.written) return gzip(encodeProfile(p), level);
  const { raw, deflated: rest } = reply.written;
  writeCounts.twoThreads++;
  return gzipMember(deflated, rest, crc32(raw, crc), first.length + raw.length, level);
}

/** zlib.crc32, on a Node that has it (20.15 on). */
export const nodeCrc32 = (zlib as { crc32?: Crc32 }).crc32;

/** One gzip member of two deflated parts (the first ending with a sync flush) of `size` bytes whose CRC-32 is `crc`. */
export function gzipMember(first: Uint8Array, rest: Uint8Array, crc: number, size: number, level: number): Uint8Array {
  const out = new Uint8Array(10 + first.length + rest.length + 8);
  // ID1 ID2, deflate, no flags, no time, XFL (4: fastest, 2: best), OS 255 (unknown).
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level === 1 ? 4 : level === 9 ? 2 : 0, 255]);
  out.set(first, 10);
  out.set(rest, 10 + first.length);
  const view = new DataView(out.buffer);
  view.setUint32(out.length - 8, crc >>> 0, true);
  view.setUint32(out.length - 4, size >>> 0, true);
  return out;
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
