// The samples of profile.proto written by hand, as readSampleRun reads them: a merged fleet has millions,
// and a protobufjs fork per sample, per packed field and per label costs more than the rest of the encoding
// together. Each sample is sized first, then written into one growing buffer; the bytes are the same
// fields a Writer would write (Sample = 2: location_id = 1 packed, value = 2 packed, label = 3).
import type { DecodedProfile } from './profile';

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : v < 2 ** 35 ? 5 : v < 2 ** 42 ? 6 : v < 2 ** 49 ? 7 : v < 2 ** 56 ? 8 : 9);

/** int64 as a varint: a negative value takes 10 bytes (two's complement). */
const int64Size = (v: number): number => (v < 0 ? 10 : varintSize(v));

class Bytes {
  buf: Uint8Array;
  pos = 0;

  /** `take`: given the bytes written so far when the next do not fit, after which the buffer is written afresh. */
  constructor(
    capacity: number,
    private readonly take?: (bytes: Uint8Array) => void,
  ) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.take && this.pos > 0) {
      this.take(this.buf.subarray(0, this.pos));
      this.pos = 0;
      if (n <= this.buf.length) return;
    }
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

/** Labels as numbers only, string ids given (keys, values and units): sample s's are [labelStart[s], labelStart[s + 1]). */
export interface LabelColumns {
  readonly labelStart: Int32Array;
  readonly labelKey: Int32Array;
  /** The value's string id, or -1 for a numeric label. */
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  /** The unit's string id (0: none). */
  readonly labelUnit: Int32Array;
}

/**
 * Stacks read where a merge found them: sample s's is sample `sample[s]` of source `source[s]`, whose
 * location l is written as `numbers[l]`. A fleet's merge writes its samples so, without a copy of its stacks.
 */
export interface SourceStacks {
  readonly source: Int32Array;
  readonly sample: Int32Array;
  readonly sources: readonly { readonly sampleLocStart: Int32Array; readonly sampleLocs: Int32Array; readonly numbers: Int32Array }[];
}

interface ValueColumns {
  readonly nt: number;
  readonly sampleValues: Float64Array;
}

/** A profile's samples as numbers only, string ids given: what the writer of a range needs, and can be handed to another thread as it is. */
export type ProfileColumns = LabelColumns & ValueColumns & { readonly sampleLocStart: Int32Array; readonly sampleLocs: Int32Array; readonly stacks?: undefined };

/** Samples to write: a profile's columns, or a merge's, whose stacks are read from its sources. */
export type SampleColumns = ProfileColumns | (LabelColumns & ValueColumns & { readonly stacks: SourceStacks });

/**
 * Gives labels' strings ids in the order the string table takes them: a label's key, then its value, or its
 * unit when it is numeric. A key or value most often is the one of the label before it (a fleet's merge
 * gives each of an instance's samples its `instance`, one string), which is then not asked again.
 */
export class LabelNumbering {
  private lastKey: string | undefined;
  private lastValue: string | undefined;
  private keyId = 0;
  private valueId = 0;

  constructor(private readonly str: (s: string) => number) {}

  /** Label j of `c`. */
  set(c: LabelColumns, j: number, key: string, value: string | undefined, num: number, unit: string): void {
    if (key !== this.lastKey) this.keyId = this.str((this.lastKey = key));
    c.labelKey[j] = this.keyId;
    if (value === undefined) c.labelStr[j] = -1;
    else {
      if (value !== this.lastValue) this.valueId = this.str((this.lastValue = value));
      c.labelStr[j] = this.valueId;
    }
    c.labelNum[j] = num;
    c.labelUnit[j] = value === undefined && unit ? this.str(unit) : 0;
  }
}

/** Label columns for `n` labels, labelStart given. */
export function labelColumns(labelStart: Int32Array, n: number): LabelColumns {
  return { labelStart, labelKey: new Int32Array(n), labelStr: new Int32Array(n), labelNum: new Float64Array(n), labelUnit: new Int32Array(n) };
}

/** The sample columns of `p`, its labels' strings given ids by `str` (LabelNumbering). */
export function sampleColumns(p: ProfileSamples, str: (s: string) => number): ProfileColumns {
  const labels = labelColumns(p.labelStart, p.labelKey.length);
  const numbering = new LabelNumbering(str);
  for (let j = 0; j < p.labelKey.length; j++) numbering.set(labels, j, p.labelKey[j], p.labelStr[j], p.labelNum[j], p.labelUnit[j]);
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  return { nt: p.sampleTypes.length, sampleLocStart, sampleLocs, sampleValues, ...labels };
}

/** Samples [from, to) as columns of their own, offsets from 0: what another thread writes. */
export function sampleRange(c: ProfileColumns, from: number, to: number): ProfileColumns {
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

/** How many samples the columns hold. */
export function sampleCountOf(c: SampleColumns): number {
  return c.labelStart.length - 1;
}

/** Field 2 of Profile, once per sample of [from, to). */
export function encodeSamples(c: SampleColumns, from = 0, to = sampleCountOf(c)): Uint8Array {
  const out = new Bytes(mostBytes(c, from, to));
  writeSamples(c, from, to, out);
  return out.buf.subarray(0, out.pos);
}

/**
 * encodeSamples's bytes in pieces of at most `piece` bytes (or one sample's, if larger), each given to
 * `take` as it is full and then overwritten: a caller that deflates them as they come never holds the
 * written samples whole (a fleet's are 70 MB per thread, which fresh memory makes slow to write).
 */
export function encodeSamplesInPieces(c: SampleColumns, take: (bytes: Uint8Array) => void, from = 0, to = sampleCountOf(c), piece = 1 << 20): void {
  const out = new Bytes(piece, take);
  writeSamples(c, from, to, out);
  if (out.pos > 0) take(out.buf.subarray(0, out.pos));
}

function writeSamples(c: SampleColumns, from: number, to: number, out: Bytes): void {
  const { nt, sampleValues, labelStart, labelKey, labelStr, labelNum, labelUnit, stacks } = c;
  let locs = stacks ? new Int32Array(0) : c.sampleLocs;
  let numbers: Int32Array | undefined;
  let locFrom = 0;
  let locTo = 0;
  for (let s = from; s < to; s++) {
    if (stacks) {
      const q = stacks.sources[stacks.source[s]];
      const i = stacks.sample[s];
      locs = q.sampleLocs;
      numbers = q.numbers;
      locFrom = q.sampleLocStart[i];
      locTo = q.sampleLocStart[i + 1];
    } else {
      locFrom = c.sampleLocStart[s];
      locTo = c.sampleLocStart[s + 1];
    }
    const locBytes = numbers ? framesSize(locs, numbers, locFrom, locTo) : framesSize(locs, undefined, locFrom, locTo);
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
      out.pos = numbers ? writeFrames(out.buf, out.pos, locs, numbers, locFrom, locTo) : writeFrames(out.buf, out.pos, locs, undefined, locFrom, locTo);
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
}

/**
 * At most how many bytes samples [from, to) take: the buffer is made that large at once, and only the pages
 * written are ever touched. Grown by doubling instead, a fleet's samples (70 MB) were copied a dozen times
 * into fresh memory, 256 MB of it in all.
 */
function mostBytes(c: SampleColumns, from: number, to: number): number {
  let frames = 0;
  if (c.stacks) {
    const { sources, source, sample } = c.stacks;
    for (let s = from; s < to; s++) {
      const starts = sources[source[s]].sampleLocStart;
      frames += starts[sample[s] + 1] - starts[sample[s]];
    }
  } else frames = c.sampleLocStart[to] - c.sampleLocStart[from];
  // A sample: its tag and length, the two packed fields' tags and lengths, 10 bytes per value; a label: its
  // tag and length, and each of its three fields' tag and value.
  return (to - from) * (18 + 10 * c.nt) + frames * 5 + (c.labelStart[to] - c.labelStart[from]) * 29;
}

/** The bytes of locs[from, to)'s ids (+1) as varints, each through `numbers` when given. */
function framesSize(locs: Int32Array, numbers: Int32Array | undefined, from: number, to: number): number {
  let n = to - from;
  if (numbers) {
    for (let k = from; k < to; k++) {
      const v = numbers[locs[k]];
      if (v >= 0x7f) n += v < 0x3fff ? 1 : v < 0x1fffff ? 2 : v < 0xfffffff ? 3 : 4;
    }
  } else {
    for (let k = from; k < to; k++) {
      const v = locs[k];
      if (v >= 0x7f) n += v < 0x3fff ? 1 : v < 0x1fffff ? 2 : v < 0xfffffff ? 3 : 4;
    }
  }
  return n;
}

/** Writes framesSize's varints at `p` of `b` (ids are below 2^31: no call per frame); returns the position after them. */
function writeFrames(b: Uint8Array, p: number, locs: Int32Array, numbers: Int32Array | undefined, from: number, to: number): number {
  if (numbers) {
    for (let k = from; k < to; k++) {
      let v = numbers[locs[k]] + 1;
      while (v >= 0x80) {
        b[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      b[p++] = v;
    }
  } else {
    for (let k = from; k < to; k++) {
      let v = locs[k] + 1;
      while (v >= 0x80) {
        b[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      b[p++] = v;
    }
  }
  return p;
}

/** The bytes of a Label message: key = 1, str = 2, num = 3, num_unit = 4. */
function labelSize(key: number, str: number, num: number, unit: number): number {
  if (str >= 0) return 2 + varintSize(key) + varintSize(str);
  return 1 + varintSize(key) + (num ? 1 + int64Size(num) : 0) + (unit ? 1 + varintSize(unit) : 0);
}
