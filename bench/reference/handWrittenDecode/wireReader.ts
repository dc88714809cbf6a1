// Wire-level helpers: int64 read as an exact JS number (no Long), and errors that name the byte offset.
import { ProfileError } from '../../../src/model/profile/profile';
import { keepShape } from '../../../src/model/base/keepShape';

/** A read position over protobuf bytes. The bytes are viewed as a plain Uint8Array (not a Buffer), so that
 * every hot loop sees one kind of array. */
export class Reader {
  readonly buf: Uint8Array;
  readonly len: number;
  pos = 0;
  constructor(bytes: Uint8Array) {
    this.buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    this.len = bytes.length;
  }
}

const TWO_32 = 4294967296;

export function truncated(r: Reader, what: string): ProfileError {
  return new ProfileError(`truncated or corrupt protobuf: ${what} at byte ${r.pos} runs past the end of the data`, r.pos);
}

/** Reads a varint of up to 10 bytes. Unsigned unless `signed`, where it is 64-bit two's complement. */
export function readVarint64(r: Reader, signed: boolean): number {
  const buf = r.buf;
  const len = r.len;
  let pos = r.pos;
  if (pos < len && buf[pos] < 0x80) {
    r.pos = pos + 1;
    return buf[pos];
  }
  let lo = 0;
  let hi = 0;
  let b = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= len) throw truncated(r, 'a varint');
    b = buf[pos++];
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      r.pos = pos;
      return lo >>> 0;
    }
  }
  if (pos >= len) throw truncated(r, 'a varint');
  b = buf[pos++];
  lo |= (b & 0x0f) << 28;
  hi = (b & 0x7f) >> 4;
  if (b >= 0x80) {
    let shift = 3;
    for (;;) {
      if (pos >= len) throw truncated(r, 'a varint');
      if (shift > 31) throw new ProfileError(`corrupt protobuf: varint longer than 10 bytes at byte ${r.pos}`, r.pos);
      b = buf[pos++];
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
  }
  r.pos = pos;
  if (signed && hi & 0x80000000) return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
  return (hi >>> 0) * TWO_32 + (lo >>> 0);
}

/** Reads a length prefix and returns the end offset of the delimited field, checked against the data. */
export function delimitedEnd(r: Reader, what: string): number {
  const start = r.pos;
  const n = readVarint64(r, false);
  const end = r.pos + n;
  if (end > r.len) throw lengthError(r, start, n, what);
  return end;
}

/** The error for a length prefix at `start` that claims n bytes, more than remain after it (r.pos). */
export function lengthError(r: Reader, start: number, n: number, what: string): ProfileError {
  return new ProfileError(`truncated or corrupt protobuf: ${what} at byte ${start} claims ${n} bytes but only ${r.len - r.pos} remain`, start);
}

export function skipField(r: Reader, wireType: number): void {
  const at = r.pos;
  switch (wireType) {
    case 0:
      readVarint64(r, false);
      return;
    case 1:
      if (r.pos + 8 > r.len) throw truncated(r, 'a fixed64 field');
      r.pos += 8;
      return;
    case 2:
      r.pos = delimitedEnd(r, 'a length-delimited field');
      return;
    case 5:
      if (r.pos + 4 > r.len) throw truncated(r, 'a fixed32 field');
      r.pos += 4;
      return;
    default:
      throw new ProfileError(`corrupt protobuf: unsupported wire type ${wireType} at byte ${at}`, at);
  }
}

/** Calls `each` for every element of a repeated varint field, packed or not. */
export function readRepeatedVarint(r: Reader, wireType: number, signed: boolean, each: (v: number) => void): void {
  if (wireType === 2) {
    const end = delimitedEnd(r, 'a packed field');
    while (r.pos < end) each(readVarint64(r, signed));
    if (r.pos !== end) throw new ProfileError(`corrupt protobuf: packed field overruns its length at byte ${r.pos}`, r.pos);
  } else if (wireType === 0) {
    each(readVarint64(r, signed));
  } else {
    throw wrongWireType(r, wireType);
  }
}

export function wrongWireType(r: Reader, wireType: number): ProfileError {
  return new ProfileError(`corrupt protobuf: unexpected wire type ${wireType} at byte ${r.pos}`, r.pos);
}

export function expectEnd(r: Reader, end: number, what: string): void {
  if (r.pos !== end) throw new ProfileError(`corrupt protobuf: ${what} overruns its length at byte ${r.pos}`, r.pos);
}

/** A varint field's value; the field must have wire type 0. */
export function varintField(r: Reader, wireType: number, signed = false): number {
  if (wireType !== 0) throw wrongWireType(r, wireType);
  return readVarint64(r, signed);
}
keepShape(new Reader(new Uint8Array(0)));
