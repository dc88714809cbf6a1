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

/** What a profile's samples are: their values, stacks and labels. */
export type ProfileSamples = Pick<
  DecodedProfile,
  'sampleTypes' | 'sampleCount' | 'sampleValues' | 'sampleLocStart' | 'sampleLocs' | 'labelStart' | 'labelKey' | 'labelStr' | 'labelNum' | 'labelUnit'
>;

/**
 * A profile's samples as numbers only, string ids given (labels' keys, values and units): what the writer
 * of a range needs, and can be handed to another thread as it is.
 */
export interface SampleColumns {
  readonly nt: number;
  readonly sampleLocStart: Int32Array;
  readonly sampleLocs: Int32Array;
  readonly sampleValues: Float64Array;
  readonly labelStart: Int32Array;
  readonly labelKey: Int32Array;
  /** The value's string id, or -1 for a numeric label. */
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  /** The unit's string id (0: none). */
  readonly labelUnit: Int32Array;
}

/**
 * The sample columns of `p`, its labels' strings given ids by `str`. A key or value most often is the one
 * of the label before it (a fleet's merge gives each of an instance's samples its `instance`, one string),
 * which is then not asked again.
 */
export function sampleColumns(p: ProfileSamples, str: (s: string) => number): SampleColumns {
  const n = p.labelKey.length;
  const labelKey = new Int32Array(n);
  const labelStr = new Int32Array(n);
  const labelUnit = new Int32Array(n);
  let lastKey: string | undefined;
  let lastValue: string | undefined;
  let keyId = 0;
  let valueId = 0;
  for (let j = 0; j < n; j++) {
    const k = p.labelKey[j];
    if (k !== lastKey) keyId = str((lastKey = k));
    labelKey[j] = keyId;
    const v = p.labelStr[j];
    if (v === undefined) labelStr[j] = -1;
    else {
      if (v !== lastValue) valueId = str((lastValue = v));
      labelStr[j] = valueId;
    }
    labelUnit[j] = v === undefined && p.labelUnit[j] ? str(p.labelUnit[j]) : 0;
  }
  const { sampleLocStart, sampleLocs, sampleValues, labelStart, labelNum } = p;
  return { nt: p.sampleTypes.length, sampleLocStart, sampleLocs, sampleValues, labelStart, labelKey, labelStr, labelNum, labelUnit };
}

/** The distinct strings of `p`'s labels in the order sampleColumns first asks for them. */
export function labelStringsInOrder(p: ProfileSamples): string[] {
  const seen = new Set<string>();
  sampleColumns(p, (x) => {
    seen.add(x);
    return 0;
  });
  return [...seen];
}

/** Samples [from, to) as columns of their own, offsets from 0: what another thread writes. */
export function sampleRange(c: SampleColumns, from: number, to: number): SampleColumns {
  const locFrom = c.sampleLocStart[from];
  const labelFrom = c.labelStart[from];
  const labelTo = c.labelStart[to];
  return {
    nt: c.nt,
    sampleLocStart: c.sampleLocStart.slice(from, to + 1).map((x) => x - locFrom),
    sampleLocs: c.sampleLocs.slice(locFrom, c.sampleLocStart[to]),
    sampleValues: c.sampleValues.slice(from * c.nt, to * c.nt),
    labelStart: c.labelStart.slice(from, to + 1).map((x) => x - labelFrom),
    labelKey: c.labelKey.slice(labelFrom, labelTo),
    labelStr: c.labelStr.slice(labelFrom, labelTo),
    labelNum: c.labelNum.slice(labelFrom, labelTo),
    labelUnit: c.labelUnit.slice(labelFrom, labelTo),
  };
}

/** Field 2 of Profile, once per sample of [from, to). */
export function encodeSamples(c: SampleColumns, from = 0, to = c.sampleLocStart.length - 1): Uint8Array {
  const { nt, sampleLocStart, sampleLocs, sampleValues, labelStart, labelKey, labelStr, labelNum, labelUnit } = c;
  const out = new Bytes();
  for (let s = from; s < to; s++) {
    const locFrom = sampleLocStart[s];
    const locTo = sampleLocStart[s + 1];
    let locBytes = 0;
    for (let k = locFrom; k < locTo; k++) {
      const v = sampleLocs[k] + 1;
      locBytes += v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
    }
    let valueBytes = 0;
    for (let t = 0; t < nt; t++) valueBytes += int64Size(sampleValues[s * nt + t]);
    let size = 0;
    if (locTo > locFrom) size += 1 + varintSize(locBytes) + locBytes;
    if (nt) size += 1 + varintSize(valueBytes) + valueBytes;
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const n = labelSize(labelKey[j], labelStr[j], labelNum[j], labelUnit[j]);
      size += 1 + varintSize(n) + n;
    }
    out.reserve(1 + 10 + size);
    out.buf[out.pos++] = 0x12;
    out.varint(size);
    if (locTo > locFrom) {
      out.buf[out.pos++] = 0x0a;
      out.varint(locBytes);
      // Ids are below 2^31: their varints are written here, without a call per frame.
      const b = out.buf;
      let p = out.pos;
      for (let k = locFrom; k < locTo; k++) {
        let v = sampleLocs[k] + 1;
        while (v >= 0x80) {
          b[p++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        b[p++] = v;
      }
      out.pos = p;
    }
    if (nt) {
      out.buf[out.pos++] = 0x12;
      out.varint(valueBytes);
      for (let t = 0; t < nt; t++) out.int64(sampleValues[s * nt + t]);
    }
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const str = labelStr[j];
      const num = labelNum[j];
      const unit = labelUnit[j];
      out.buf[out.pos++] = 0x1a;
      out.varint(labelSize(labelKey[j], str, num, unit));
      out.buf[out.pos++] = 0x08;
      out.varint(labelKey[j]);
      if (str >= 0) {
        out.buf[out.pos++] = 0x10;
        out.varint(str);
      } else {
        if (num) {
          out.buf[out.pos++] = 0x18;
          out.int64(num);
        }
        if (unit) {
          out.buf[out.pos++] = 0x20;
          out.varint(unit);
        }
      }
    }
  }
  return out.buf.subarray(0, out.pos);
}

/** The bytes of a Label message: key = 1, str = 2, num = 3, num_unit = 4. */
function labelSize(key: number, str: number, num: number, unit: number): number {
  if (str >= 0) return 2 + varintSize(key) + varintSize(str);
  return 1 + varintSize(key) + (num ? 1 + int64Size(num) : 0) + (unit ? 1 + varintSize(unit) : 0);
}
