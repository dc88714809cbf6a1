// A gzip member made of parts deflated apart, on two threads (parallelWrite.ts, fleetWrite.ts): raw bytes
// deflated a piece at a time as they are written, each piece ending with a sync flush, so that the stream
// stays byte-aligned with no final block until the last part ends it; the member's CRC-32 is combined
// from each part's (crc32Combine.ts), so that no thread needs another's raw bytes.
import * as zlib from 'node:zlib';
import { crc32Combine } from './crc32Combine';
import type { Written } from './mergeJob';

export type Crc32 = (data: Uint8Array, value?: number) => number;

/**
 * Raw bytes deflated as they come, each piece on its own ending with a sync flush (a piece loses only
 * back-references into the one before: a few bytes), with the CRC-32 and length of what it was given.
 */
export class Deflating {
  readonly deflated: Uint8Array[] = [];
  crc = 0;
  size = 0;

  constructor(
    private readonly level: number,
    private readonly crc32: Crc32,
  ) {}

  readonly take = (raw: Uint8Array): void => {
    this.crc = this.crc32(raw, this.crc);
    this.size += raw.length;
    this.deflated.push(zlib.deflateRawSync(raw, { level: this.level, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  };

  /** What was given so far, deflated. */
  get written(): Written {
    return { deflated: this.deflated, crc: this.crc, size: this.size };
  }

  /** The deflate stream's end (a last, empty block): what the last part ends with. */
  end(): Written {
    this.deflated.push(zlib.deflateRawSync(new Uint8Array(0), { level: this.level }));
    return this.written;
  }
}

/** zlib.crc32, on a Node that has it (20.15 on). */
export const nodeCrc32 = (zlib as { crc32?: Crc32 }).crc32;

/** One gzip member of parts deflated apart, in their order; the last ends the deflate stream (Deflating.end). */
export function gzipMember(written: readonly Written[], level: number): Uint8Array {
  const parts = written.flatMap((w) => w.deflated);
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
  let crc = 0;
  let size = 0;
  for (const w of written) {
    crc = crc32Combine(crc, w.crc, w.size);
    size += w.size;
  }
  view.setUint32(out.length - 8, crc, true);
  view.setUint32(out.length - 4, size >>> 0, true);
  return out;
}

/** The deflated parts' buffers to move to the caller: a part in a buffer of its own moves, one in Node's pool is copied first. */
export function movable(written: Written): { written: Written; moved: ArrayBuffer[] } {
  const deflated = written.deflated.map((d) => (d.byteOffset === 0 && d.byteLength === d.buffer.byteLength ? d : new Uint8Array(d)));
  return { written: { ...written, deflated }, moved: deflated.map((d) => d.buffer as ArrayBuffer) };
}

