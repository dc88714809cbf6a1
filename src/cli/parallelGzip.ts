// gzip on two threads, as one gzip member that any reader takes (pigz's way): this thread deflates the first
// half of the bytes and ends it with a sync flush, which leaves the stream byte-aligned with no final
// block; the merge thread deflates the second half on its own and ends the stream. A half that starts
// afresh only loses back-references into the other (the output is a few bytes longer). The header and the
// trailer (the CRC-32 and the size of the whole) are written here. Without the merge thread, or on a Node
// without zlib.crc32 (before 20.15), one thread writes it.
import * as zlib from 'node:zlib';
import { gzip } from '../model/decode/inflate';
import { deadlineAfter, defaultWorkerPath, send } from './mergeThread';

export interface ParallelGzipOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle. */
  readonly workerPath?: string;
  /** Below this many bytes (8 MiB by default), one thread: handing the half over costs more than it saves. */
  readonly minBytes?: number;
}

export function gzipInParallel(bytes: Uint8Array, level: 1 | 6 | 9, options: ParallelGzipOptions = {}): Uint8Array {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (bytes.length < (options.minBytes ?? 8 << 20) || bytes.length < 2 || !crc32) return gzip(bytes, level);
  const half = bytes.length >>> 1;
  // A copy of the later half moves to the other thread; `bytes` may be a view of something larger.
  const later = bytes.slice(half);
  const sent = send(options.workerPath ?? defaultWorkerPath(), { kind: 'deflate', bytes: later, level }, [later.buffer]);
  if (!sent) return gzip(bytes, level);
  const started = performance.now();
  const first = zlib.deflateRawSync(bytes.subarray(0, half), { level, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const crc = crc32(bytes);
  const reply = sent.wait(deadlineAfter(started));
  if (!reply?.deflated) return gzip(bytes, level);
  const second = reply.deflated;
  const out = new Uint8Array(10 + first.length + second.length + 8);
  // ID1 ID2, deflate, no flags, no time, XFL (4: fastest, 2: best), OS 255 (unknown).
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level === 1 ? 4 : level === 9 ? 2 : 0, 255]);
  out.set(first, 10);
  out.set(second, 10 + first.length);
  const view = new DataView(out.buffer);
  view.setUint32(out.length - 8, crc >>> 0, true);
  view.setUint32(out.length - 4, bytes.length >>> 0, true);
  return out;
}
