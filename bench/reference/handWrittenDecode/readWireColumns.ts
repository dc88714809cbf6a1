// First pass: protobuf wire format → raw columns that still hold wire ids and string-table indices.
// resolveWireIds.ts turns them into a Profile. Field numbers follow profile.proto as documented by pprof.
// A quick count of the top-level fields first sizes every column, so no big column is ever regrown.
import { readSample, readSampleRun } from './readSamples';
import { readFunction, readFunctionRun, readLocation, readLocationRun } from './readLocationsAndFunctions';
import { GrowableF64, GrowableI32, GrowableU64 } from '../../../src/model/base/growableColumns';
import type { RawProfile } from '../../../src/model/decode/rawProfile';
export type { RawProfile };
import { ProfileError } from '../../../src/model/profile/profile';
import { decodeStrings } from './stringTable';
import {
  delimitedEnd,
  expectEnd,
  lengthError,
  Reader,
  readRepeatedVarint,
  readVarint64,
  skipField,
  varintField,
  wrongWireType,
} from './wireReader';


export function readWireColumns(bytes: Uint8Array): RawProfile {
  const c = countFields(bytes);
  const p: RawProfile = {
    strings: [],
    sampleTypes: [],
    sampleLocStart: new GrowableI32(c.samples + 1),
    // Every id takes at least a byte, so the samples' size bounds their ids. Pages never written to
    // cost no memory, and the column is returned as a view, not copied.
    sampleLocIds: new GrowableI32(c.sampleBytes),
    bigLocIds: [],
    maxLocId: 0,
    oddLocIds: false,
    sampleValueStart: new GrowableI32(c.samples + 1),
    sampleValues: new GrowableF64(c.samples * Math.max(1, c.sampleTypes) + 16),
    labelStart: new GrowableI32(c.samples + 1),
    labelKey: new GrowableI32(),
    labelStr: new GrowableI32(),
    labelNum: new GrowableF64(),
    labelUnit: new GrowableI32(),
    mappingIds: [],
    mappingNums: [],
    mappingStrs: [],
    mappingFlags: [],
    locIds: new GrowableF64(c.locations),
    locMappingIds: new GrowableF64(c.locations),
    locAddress: new GrowableU64(c.locations),
    locIsFolded: new GrowableI32(c.locations),
    locLineStart: new GrowableI32(c.locations + 1),
    lineFuncIds: new GrowableF64(c.locations + (c.locations >> 2)),
    lineNumbers: new GrowableF64(c.locations + (c.locations >> 2)),
    funcIds: new GrowableF64(c.functions),
    funcStrs: new GrowableI32(3 * c.functions),
    funcStartLine: new GrowableF64(c.functions),
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    comments: [],
    defaultSampleType: 0,
    sampleColumns: { shared: false, room: 1 },
    progress: undefined,
  };
  const strStart = new GrowableI32(c.strings);
  const strEnd = new GrowableI32(c.strings);
  const r = new Reader(bytes);
  const buf = r.buf;
  while (r.pos < r.len) {
    // Samples, locations and functions in the common encoding: the fast readers take as many as they can.
    const first = buf[r.pos];
    if (first === 0x12 || first === 0x22 || first === 0x2a) {
      if (first === 0x12) readSampleRun(r, p);
      else if (first === 0x22) readLocationRun(r, p);
      else readFunctionRun(r, p);
      if (r.pos >= r.len || buf[r.pos] !== first) continue;
    }
    const tag = readVarint64(r, false);
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === 0) throw new ProfileError(`corrupt protobuf: field number 0 at byte ${r.pos}`, r.pos);
    switch (field) {
      case 1:
        need(r, wt, 2);
        p.sampleTypes.push(...readValueType(r));
        break;
      case 2:
        need(r, wt, 2);
        readSample(r, p);
        break;
      case 3:
        need(r, wt, 2);
        readMapping(r, p);
        break;
      case 4:
        need(r, wt, 2);
        readLocation(r, p);
        break;
      case 5:
        need(r, wt, 2);
        readFunction(r, p);
        break;
      case 6: {
        need(r, wt, 2);
        // Recorded now, decoded at the end (see stringTable.ts).
        const at = r.pos;
        const n = readVarint64(r, false);
        if (r.pos + n > r.len) throw lengthError(r, at, n, `string table entry ${strStart.length}`);
        strStart.push(r.pos);
        strEnd.push(r.pos + n);
        r.pos += n;
        break;
      }
      case 7:
        p.dropFrames = varintField(r, wt);
        break;
      case 8:
        p.keepFrames = varintField(r, wt);
        break;
      case 9:
        p.timeNanos = varintField(r, wt, true);
        break;
      case 10:
        p.durationNanos = varintField(r, wt, true);
        break;
      case 11: {
        need(r, wt, 2);
        const [t, u] = readValueType(r);
        p.periodType = [t, u];
        break;
      }
      case 12:
        p.period = varintField(r, wt, true);
        break;
      case 13:
        readRepeatedVarint(r, wt, false, (v) => p.comments.push(v));
        break;
      case 14:
        p.defaultSampleType = varintField(r, wt);
        break;
      default:
        skipField(r, wt);
    }
  }
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
  p.locLineStart.push(p.lineFuncIds.length);
  p.strings = decodeStrings(buf, strStart.data, strEnd.data, strStart.length);
  return p;
}

interface FieldCounts {
  samples: number;
  sampleBytes: number;
  sampleTypes: number;
  locations: number;
  functions: number;
  strings: number;
}

/**
 * Counts the top-level fields by walking their tags and lengths. It never throws: at anything odd it stops
 * and returns what it has, and the decoder proper reports the problem.
 */
function countFields(buf: Uint8Array): FieldCounts {
  const c: FieldCounts = { samples: 0, sampleBytes: 0, sampleTypes: 0, locations: 0, functions: 0, strings: 0 };
  const len = buf.length;
  let pos = 0;
  while (pos < len) {
    // Tags and lengths of up to 4 bytes, which is all a profile below 256 MB needs.
    let tag = 0;
    for (let shift = 0; ; shift += 7) {
      const b = buf[pos++];
      tag |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      if (shift === 21 || pos >= len) return c;
    }
    const wt = tag & 7;
    const field = tag >>> 3;
    if (wt === 2) {
      let n = 0;
      for (let shift = 0; ; shift += 7) {
        if (pos >= len) return c;
        const b = buf[pos++];
        n |= (b & 0x7f) << shift;
        if (b < 0x80) break;
        if (shift === 21) return c;
      }
      if (pos + n > len) return c;
      pos += n;
      if (field === 2) {
        c.samples++;
        c.sampleBytes += n;
      } else if (field === 4) c.locations++;
      else if (field === 5) c.functions++;
      else if (field === 6) c.strings++;
      else if (field === 1) c.sampleTypes++;
    } else if (wt === 0) {
      while (pos < len && buf[pos] >= 0x80) pos++;
      pos++;
    } else if (wt === 1) pos += 8;
    else if (wt === 5) pos += 4;
    else return c;
  }
  return c;
}

function need(r: Reader, wt: number, expected: number): void {
  if (wt !== expected) throw wrongWireType(r, wt);
}

function readValueType(r: Reader): [number, number] {
  const end = delimitedEnd(r, 'a value type');
  let type = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) type = varintField(r, wt);
    else if (f === 2) unit = varintField(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a value type');
  return [type, unit];
}

function readMapping(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a mapping');
  let id = 0;
  const nums = [0, 0, 0];
  const strs = [0, 0];
  let flags = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) id = varintField(r, wt);
    else if (f >= 2 && f <= 4) nums[f - 2] = varintField(r, wt);
    else if (f === 5 || f === 6) strs[f - 5] = varintField(r, wt);
    else if (f >= 7 && f <= 10) {
      if (varintField(r, wt)) flags |= 1 << (f - 7);
    } else skipField(r, wt);
  }
  expectEnd(r, end, 'a mapping');
  p.mappingIds.push(id);
  p.mappingNums.push(...nums.map(BigInt));
  p.mappingStrs.push(...strs);
  p.mappingFlags.push(flags);
}
