// Samples: the bulk of a big profile, one varint per frame. Runs of samples in the encoding Go and pprof
// write (packed location ids, then packed values) are read by one loop over the reader's bytes
// (readSampleRun); the fields after those (labels), and any sample that loop declines, go field by field
// through protobufjs's Reader (readSampleFields), which also gives the precise error for a broken one.
import type { RawProfile } from './rawProfile';
import { ProfileError } from '../profile/profile';
import { publish } from '../base/touchAhead';
import { expectEnd, fieldEnd, Reader, readVarint64, skipField, varintField, wrongWireType } from './wireReader';

const SAMPLE = 0x12; // profile field 2, length-delimited
const LOCATION_IDS = 0x0a; // sample field 1, packed
const VALUES = 0x12; // sample field 2, packed

/** Samples from r.pos, just after a sample's tag: a run of them, or the one the run declines. */
export function readSamples(r: Reader, p: RawProfile): void {
  if (!readSampleRun(r, p)) return;
  const end = fieldEnd(r, 'a sample');
  startSample(p);
  readSampleFields(r, end, p);
}

function startSample(p: RawProfile): void {
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
}

/**
 * Consecutive samples that open with packed location ids and values, the ids in 1..2^28-1; the fields after
 * those (labels) go to readSampleFields. This is the decoder's one loop that reads the reader's bytes
 * itself. A sample holds ~30 varints: read through the Reader, a call per field and per varint, every
 * sample made decoding L 1.3x slower (1.25-1.5x the hand-written decoder's time, against 1.0-1.1x with this
 * loop, measured in one process on 2 cores, Node 20). It stops at the first other sample, r.pos just after
 * that sample's tag, and returns true; or at the first field that is not a sample, and returns false.
 */
function readSampleRun(r: Reader, p: RawProfile): boolean {
  const buf = r.buf;
  const len = r.len;
  const ids = p.sampleLocIds;
  const values = p.sampleValues;
  let pos = r.pos;
  for (;;) {
    const start = pos;
    if (start >= len) return declined(r, start);
    let n = buf[pos++];
    if (n >= 0x80) {
      const b = buf[pos++];
      if (b >= 0x80) return declined(r, start);
      n = (n & 0x7f) | (b << 7);
    }
    const end = pos + n;
    if (end > len) return declined(r, start);
    // A sample of n bytes has fewer than n ids and n values.
    ids.reserve(n);
    values.reserve(n);
    const idData = ids.data;
    const valueData = values.data;
    let nIds = ids.length;
    let nValues = values.length;
    let max = p.maxLocId;
    let low = 0; // negative once an id is 0
    while (pos < end) {
      const tag = buf[pos];
      if (tag !== LOCATION_IDS && tag !== VALUES) break;
      if (pos + 2 > end) return declined(r, start);
      let m = buf[pos + 1];
      pos += 2;
      if (m >= 0x80) {
        const b = buf[pos++];
        if (b >= 0x80) return declined(r, start);
        m = (m & 0x7f) | (b << 7);
      }
      const packedEnd = pos + m;
      if (packedEnd > end) return declined(r, start);
      if (tag === LOCATION_IDS) {
        while (pos < packedEnd) {
          let b = buf[pos++];
          let v = b & 0x7f;
          if (b >= 0x80) {
            b = buf[pos++];
            v |= (b & 0x7f) << 7;
            if (b >= 0x80) {
              b = buf[pos++];
              v |= (b & 0x7f) << 14;
              if (b >= 0x80) {
                b = buf[pos++];
                v |= (b & 0x7f) << 21;
                if (b >= 0x80) return declined(r, start);
              }
            }
          }
          low |= v - 1;
          idData[nIds++] = v - 1;
          if (v > max) max = v;
        }
      } else {
        while (pos < packedEnd) {
          const from = pos;
          let b = buf[pos++];
          let v = b & 0x7f;
          if (b >= 0x80) {
            b = buf[pos++];
            v |= (b & 0x7f) << 7;
            if (b >= 0x80) {
              b = buf[pos++];
              v |= (b & 0x7f) << 14;
              if (b >= 0x80) {
                b = buf[pos++];
                v |= (b & 0x7f) << 21;
                if (b >= 0x80) {
                  // A value of 2^28 or more, or a negative one (10 bytes).
                  r.pos = from;
                  v = readVarint64(r, true);
                  pos = r.pos;
                }
              }
            }
          }
          valueData[nValues++] = v;
        }
      }
      if (pos !== packedEnd || low < 0) return declined(r, start);
    }
    startSample(p);
    ids.length = nIds;
    values.length = nValues;
    p.maxLocId = max;
    // For a thread touching the columns' pages ahead (DecodeHow.touchAhead).
    if (p.progress !== undefined && (p.sampleLocStart.length & 1023) === 0) publish(p.progress, p.sampleLocStart.length, nIds);
    if (pos < end) {
      r.pos = pos;
      readSampleFields(r, end, p);
      pos = r.pos;
    }
    if (pos >= len || buf[pos] !== SAMPLE) {
      r.pos = pos;
      return false;
    }
    pos++;
  }
}

/** Leaves a sample to readSampleFields: r.pos just after its tag. */
function declined(r: Reader, start: number): true {
  r.pos = start;
  return true;
}

/** The fields of a sample from r.pos to end, any encoding, through protobufjs's Reader. */
function readSampleFields(r: Reader, end: number, p: RawProfile): void {
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag) {
      case 0x0a: {
        const pend = packedEnd(r, end);
        while (r.pos < pend) pushLocationId(p, readVarint64(r, false));
        expectEnd(r, pend, 'a packed field');
        break;
      }
      case 0x08:
        pushLocationId(p, readVarint64(r, false));
        break;
      case 0x12: {
        const pend = packedEnd(r, end);
        const values = p.sampleValues;
        while (r.pos < pend) values.push(readVarint64(r, true));
        expectEnd(r, pend, 'a packed field');
        break;
      }
      case 0x10:
        p.sampleValues.push(readVarint64(r, true));
        break;
      case 0x1a:
        readLabel(r, p);
        break;
      default: {
        const f = tag >>> 3;
        if (f >= 1 && f <= 3) throw wrongWireType(r, tag & 7);
        skipField(r, tag & 7);
      }
    }
  }
  expectEnd(r, end, 'a sample');
}

/**
 * Location ids are stored as id - 1, so that with the usual ids 1..N they already are location indices.
 * Id 0 is stored as -1 and an id above 2^31-1 as -(k+2), with the id in bigLocIds[k].
 */
export function pushLocationId(p: RawProfile, id: number): void {
  if (id >= 1 && id <= 0x7fffffff) {
    p.sampleLocIds.push(id - 1);
    if (id > p.maxLocId) p.maxLocId = id;
  } else if (id === 0) {
    p.sampleLocIds.push(-1);
    p.oddLocIds = true;
  } else {
    p.oddLocIds = true;
    p.bigLocIds.push(id);
    p.sampleLocIds.push(-p.bigLocIds.length - 1);
  }
}

/** The end of a packed field, which must lie inside its sample. */
function packedEnd(r: Reader, end: number): number {
  const pend = fieldEnd(r, 'a packed field');
  if (pend > end) throw new ProfileError(`corrupt protobuf: packed field overruns its sample at byte ${r.pos}`, r.pos);
  return pend;
}

function readLabel(r: Reader, p: RawProfile): void {
  const end = fieldEnd(r, 'a label');
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
    if (f === 1) key = varintField(r, wt);
    else if (f === 2) str = varintField(r, wt);
    else if (f === 3) num = varintField(r, wt, true);
    else if (f === 4) unit = varintField(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a label');
  p.labelKey.push(key);
  p.labelStr.push(str);
  p.labelNum.push(num);
  p.labelUnit.push(unit);
}
