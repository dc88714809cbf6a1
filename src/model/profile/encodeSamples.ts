// The samples of profile.proto written by hand, as readSampleRun reads them: a merged fleet has millions,
// and a protobufjs fork per sample, per packed field and per label costs more than the rest of the encoding
// together. Each sample is sized first, then written into one growing buffer; the bytes are the same
// fields a Writer would write (Sample = 2: location_id = 1 packed, value = 2 packed, label = 3).
import type { DecodedProfile } from './profile';

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : v < 2 ** 35 ? 5 : v < 2 ** 42 ? 6 : v < 2 ** 49 ? 7 : v < 2 ** 56 ? 8 : 9);

/** int64 as a varint: a negative value takes 10 bytes (two's complement). */
const int64Size = (v: number): number => (v < 0 ? 10 : varintSize(v));

class Bytes {
  buf = new Uint8Array(1 << 16);
  pos = 0;

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** A non-negative integer below 2^53. */
  varint(v: number): void {
    const b = this.buf;
    let p = this.pos;
    while (v >= 0x80000000) {
      b[p++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    while (v >= 0x80) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  int64(v: number): void {
    if (v >= 0) return this.varint(v);
    // Two's complement over 64 bits, in two 32-bit halves.
    const lo = Number(BigInt.asUintN(64, BigInt(Math.trunc(v))) & 0xffffffffn);
    const hi = Number(BigInt.asUintN(64, BigInt(Math.trunc(v))) >> 32n);
    const b = this.buf;
    let p = this.pos;
    let l = lo;
    for (let i = 0; i < 4; i++) {
      b[p++] = (l & 0x7f) | 0x80;
      l >>>= 7;
    }
    // Byte 5 holds 4 bits of lo and 3 of hi; then hi's remaining 29 bits over 5 bytes (the last with 1 bit).
    b[p++] = (l & 0x0f) | ((hi & 0x07) << 4) | 0x80;
    let h = hi >>> 3;
    for (let i = 0; i < 4; i++) {
      b[p++] = (h & 0x7f) | 0x80;
      h >>>= 7;
    }
    b[p++] = h & 0x01;
    this.pos = p;
  }
}

/** Field 2 of Profile, once per sample; `str` gives a string's index in the table. */
export function encodeSamples(p: DecodedProfile, str: (s: string) => number): Uint8Array {
  const nt = p.sampleTypes.length;
  const out = new Bytes();
  const { sampleLocStart, sampleLocs, sampleValues, labelStart, labelKey, labelStr, labelNum, labelUnit } = p;
  const labelIds: number[] = [];
  for (let s = 0; s < p.sampleCount; s++) {
    const from = sampleLocStart[s];
    const to = sampleLocStart[s + 1];
    let locBytes = 0;
    for (let k = from; k < to; k++) locBytes += varintSize(sampleLocs[k] + 1);
    let valueBytes = 0;
    for (let t = 0; t < nt; t++) valueBytes += int64Size(sampleValues[s * nt + t]);
    let size = 0;
    if (to > from) size += 1 + varintSize(locBytes) + locBytes;
    if (nt) size += 1 + varintSize(valueBytes) + valueBytes;
    labelIds.length = 0;
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const key = str(labelKey[j]);
      const v = labelStr[j];
      let a: number;
      let b: number;
      let n: number;
      if (v !== undefined) {
        a = str(v);
        b = 0;
        n = 2 + varintSize(key) + varintSize(a);
      } else {
        a = labelNum[j];
        b = labelUnit[j] ? str(labelUnit[j]) : 0;
        n = 1 + varintSize(key) + (a ? 1 + int64Size(a) : 0) + (b ? 1 + varintSize(b) : 0);
      }
      labelIds.push(key, a, b, n);
      size += 1 + varintSize(n) + n;
    }
    out.reserve(1 + 10 + size);
    out.buf[out.pos++] = 0x12;
    out.varint(size);
    if (to > from) {
      out.buf[out.pos++] = 0x0a;
      out.varint(locBytes);
      for (let k = from; k < to; k++) out.varint(sampleLocs[k] + 1);
    }
    if (nt) {
      out.buf[out.pos++] = 0x12;
      out.varint(valueBytes);
      for (let t = 0; t < nt; t++) out.int64(sampleValues[s * nt + t]);
    }
    for (let i = 0, j = labelStart[s]; i < labelIds.length; i += 4, j++) {
      const key = labelIds[i];
      const a = labelIds[i + 1];
      const b = labelIds[i + 2];
      const n = labelIds[i + 3];
      out.buf[out.pos++] = 0x1a;
      out.varint(n);
      out.buf[out.pos++] = 0x08;
      out.varint(key);
      if (labelStr[j] !== undefined) {
        out.buf[out.pos++] = 0x10;
        out.varint(a);
      } else {
        if (a) {
          out.buf[out.pos++] = 0x18;
          out.int64(a);
        }
        if (b) {
          out.buf[out.pos++] = 0x20;
          out.varint(b);
        }
      }
    }
  }
  return out.buf.subarray(0, out.pos);
}
