// The wire layer is protobufjs's Reader: tags, length prefixes, skipping unknown fields, and the read
// position that nested messages share (each reads up to its end offset). Added here:
// - int64 and uint64 read as exact JS numbers, in two 32-bit halves. protobufjs returns a Long for them,
//   which made decoding 2.5x slower and 3x bigger (PERF.md); addresses above 2^32 and negative values must
//   come out exact, and JS numbers hold every value below 2^53.
// - length prefixes checked against the data, so that a lie is reported with the length it claims;
// - protobufjs's errors ("index out of range", "invalid tag encoding") as one-line ProfileErrors that name
//   the byte offset.
// Only readSampleRun (readSamples.ts) reads the reader's bytes itself, for the packed ids and values of
// samples, where a call per varint costs too much.
import { Reader } from 'protobufjs/minimal';
import { ProfileError } from '../profile/profile';
import { keepShape } from '../base/keepShape';

export { Reader };

/** A Reader over a plain Uint8Array view of the bytes (never a Buffer), so every loop sees one kind of array. */
export function wireReader(bytes: Uint8Array): Reader {
  return new Reader(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
}

const TWO_32 = 4294967296;

export function truncated(r: Reader, what: string): ProfileError {
  const pos = Math.min(r.pos, r.len);
  return new ProfileError(`truncated or corrupt protobuf: ${what} at byte ${pos} runs past the end of the data`, pos);
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

/**
 * Reads a length prefix and returns the end offset of the delimited field, checked against the data.
 * protobufjs reads the prefix as 32 bits; one of 5 bytes or more is read again exactly, so that a prefix of
 * 2^32 or more is reported as the lie it is rather than wrapped into a plausible length.
 */
export function fieldEnd(r: Reader, what: string): number {
  const start = r.pos;
  const n = r.uint32();
  const end = r.pos + n;
  if (end > r.len || r.pos - start > 4) {
    r.pos = start;
    const exact = readVarint64(r, false);
    if (r.pos + exact > r.len) throw lengthError(r, start, exact, what);
  }
  return end;
}

/** The error for a length prefix at `start` that claims n bytes, more than remain after it (r.pos). */
export function lengthError(r: Reader, start: number, n: number, what: string): ProfileError {
  return new ProfileError(`truncated or corrupt protobuf: ${what} at byte ${start} claims ${n} bytes but only ${r.len - r.pos} remain`, start);
}

/**
 * Skips an unknown field. Fixed-size fields are skipped by protobufjs's skipType. A varint is read, since
 * skipType accepts one longer than 10 bytes, and a length prefix is checked (see fieldEnd). Groups (wire
 * types 3 and 4), which skipType would walk, are refused, as pprof refuses them.
 */
export function skipField(r: Reader, wireType: number): void {
  switch (wireType) {
    case 0:
      readVarint64(r, false);
      return;
    case 2:
      r.pos = fieldEnd(r, 'a length-delimited field');
      return;
    case 1:
    case 5:
      r.skipType(wireType);
      return;
    default:
      throw new ProfileError(`corrupt protobuf: unsupported wire type ${wireType} at byte ${r.pos}`, r.pos);
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

/**
 * A uint64 field's value, exact: an address of a kernel is above 2^53, where readVarint64's number rounds it.
 * The varint is read again byte by byte only when it is that big.
 */
export function uint64Field(r: Reader, wireType: number): bigint {
  if (wireType !== 0) throw wrongWireType(r, wireType);
  const start = r.pos;
  const v = readVarint64(r, false);
  if (v <= Number.MAX_SAFE_INTEGER) return BigInt(v);
  let x = 0n;
  for (let pos = start, shift = 0n; pos < r.pos; pos++, shift += 7n) x |= BigInt(r.buf[pos] & 0x7f) << shift;
  return BigInt.asUintN(64, x);
}

/** Calls `each` for every element of a repeated varint field, packed or not. */
export function readRepeatedVarint(r: Reader, wireType: number, signed: boolean, each: (v: number) => void): void {
  if (wireType === 2) {
    const end = fieldEnd(r, 'a packed field');
    while (r.pos < end) each(readVarint64(r, signed));
    expectEnd(r, end, 'a packed field');
  } else if (wireType === 0) {
    each(readVarint64(r, signed));
  } else {
    throw wrongWireType(r, wireType);
  }
}

/**
 * What protobufjs throws, as a ProfileError at the reader's position: a RangeError "index out of range"
 * when a read runs past the end, an Error ("invalid tag encoding", "invalid varint encoding") for bytes
 * that cannot be a tag or a varint.
 */
export function wireError(e: unknown, r: Reader): ProfileError {
  if (e instanceof ProfileError) return e;
  if (e instanceof RangeError && e.message.startsWith('index out of range')) return truncated(r, 'a field');
  const at = Math.min(r.pos, r.len);
  const what = e instanceof Error ? e.message.replace(/ at offset \d+$/, '') : String(e);
  return new ProfileError(`corrupt protobuf: ${what} at byte ${at}`, at);
}

keepShape(wireReader(new Uint8Array(0)));
