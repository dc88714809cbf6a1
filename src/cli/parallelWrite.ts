// A merged profile written and gzipped on two threads, as one gzip member that any reader takes (pigz's
// way). This thread writes the header, mappings, locations, functions and strings, then the first half of
// the samples, and deflates each of the two, ending each with a sync flush: the stream is then byte-aligned
// with no final block. The merge thread writes the other half of the samples (their columns, strings
// already numbered, are copied to it) and deflates them afresh, ending the stream; a part only loses
// back-references into the one before (a few bytes). The header and trailer (CRC-32 and size of the whole) are written here. Without
// the merge thread, or on a Node without zlib.crc32 (before 20.15), one thread writes it.
import * as zlib from 'node:zlib';
import { gzip } from '../model/decode/inflate';
import { encodeProfile, profileParts } from '../model/profile/encodeProfile';
import { encodeSamples, sampleRange } from '../model/profile/encodeSamples';
import type { DecodedProfile } from '../model/profile/profile';
import { deadlineAfter, defaultWorkerPath, send } from './mergeThread';
import type { Written } from './mergeJob';

export interface ParallelWriteOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle. */
  readonly workerPath?: string;
  /** Below this many samples' frames in all, one thread: handing the half over costs more than it saves. */
  readonly minFrames?: number;
}

/** How many writes the two threads made (the others fell back to one): what a test can see. */
export const writeCounts = { twoThreads: 0 };

export type Crc32 = (data: Uint8Array, value?: number) => number;

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
  const start = streamStart([head, encodeSamples(samples, 0, split)], level, crc32);
  const reply = sent.wait(deadlineAfter(started));
  if (!reply?.written) return gzip(encodeProfile(p), level);
  writeCounts.twoThreads++;
  return gzipMember(start, reply.written, level, crc32);
}

/** The start of a deflate stream: raw parts, each deflated on its own ending with a sync flush, and their CRC-32 and length. */
export interface StreamStart {
  readonly deflated: readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
}

/** Deflates each part by itself, so that no copy joins them: a part loses only back-references into the one before (a few bytes). */
export function streamStart(parts: readonly Uint8Array[], level: number, crc32: Crc32): StreamStart {
  let crc = 0;
  let size = 0;
  const deflated = parts.map((raw) => {
    crc = crc32(raw, crc);
    size += raw.length;
    return zlib.deflateRawSync(raw, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  });
  return { deflated, crc, size };
}

/** zlib.crc32, on a Node that has it (20.15 on). */
export const nodeCrc32 = (zlib as { crc32?: Crc32 }).crc32;

/** One gzip member: the stream's start, then the end written elsewhere (`end.raw`, deflated as `end.deflated`, ending the stream). */
export function gzipMember(start: StreamStart, end: Written, level: number, crc32: Crc32): Uint8Array {
  const parts = [...start.deflated, end.deflated];
  let length = 10 + 8;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  // ID1 ID2, deflate, no flags, no time, XFL (4: fastest, 2: best), OS 255 (unknown).
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level === 1 ? 4 : level === 9 ? 2 : 0, 255]);
  let at = 10;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  const view = new DataView(out.buffer);
  view.setUint32(out.length - 8, crc32(end.raw, start.crc) >>> 0, true);
  view.setUint32(out.length - 4, (start.size + end.raw.length) >>> 0, true);
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
