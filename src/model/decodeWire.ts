// First pass: protobuf wire format → raw columns that still hold wire ids and string-table indices.
// resolve.ts turns them into a Profile. Field numbers follow profile.proto as documented by pprof.
import { GrowableF64, GrowableI32 } from './growable';
import { ProfileError } from './profile';
import {
  delimitedEnd,
  expectEnd,
  Reader,
  readRepeatedVarint,
  readVarint64,
  skipField,
  wrongWireType,
} from './wire';

export interface RawProfile {
  strings: string[];
  sampleTypes: number[]; // pairs: type, unit (string indices)
  // samples
  sampleLocStart: GrowableI32;
  /** Location ids; an id above 2^31-1 is stored as -(k+1), with the id in bigLocIds[k]. */
  sampleLocIds: GrowableI32;
  bigLocIds: number[];
  sampleValueStart: GrowableI32;
  sampleValues: GrowableF64;
  labelStart: GrowableI32;
  labelKey: GrowableI32;
  labelStr: GrowableI32;
  labelNum: GrowableF64;
  labelUnit: GrowableI32;
  // mappings
  mappingIds: number[];
  mappingNums: number[]; // start, limit, offset per mapping
  mappingStrs: number[]; // file, buildId per mapping
  mappingFlags: number[]; // bit 0..3: functions, filenames, line numbers, inline frames
  // locations
  locIds: GrowableF64;
  locMappingIds: GrowableF64;
  locAddress: GrowableF64;
  locIsFolded: GrowableI32;
  locLineStart: GrowableI32;
  lineFuncIds: GrowableF64;
  lineNumbers: GrowableF64;
  // functions
  funcIds: GrowableF64;
  funcStrs: GrowableI32; // name, systemName, file per function
  funcStartLine: GrowableF64;
  dropFrames: number;
  keepFrames: number;
  timeNanos: number;
  durationNanos: number;
  periodType: [number, number] | undefined;
  period: number;
  comments: number[];
  defaultSampleType: number;
}

export function decodeWire(bytes: Uint8Array): RawProfile {
  // A rough guess of the sizes keeps the number of array doublings small on big profiles.
  const guess = Math.max(1024, bytes.length >> 6);
  const p: RawProfile = {
    strings: [],
    sampleTypes: [],
    sampleLocStart: new GrowableI32(guess),
    // Frames dominate big profiles and take 1-3 bytes each: this usually avoids any regrowth.
    sampleLocIds: new GrowableI32(Math.floor(bytes.length / 2.5)),
    bigLocIds: [],
    sampleValueStart: new GrowableI32(guess),
    sampleValues: new GrowableF64(guess * 2),
    labelStart: new GrowableI32(guess),
    labelKey: new GrowableI32(),
    labelStr: new GrowableI32(),
    labelNum: new GrowableF64(),
    labelUnit: new GrowableI32(),
    mappingIds: [],
    mappingNums: [],
    mappingStrs: [],
    mappingFlags: [],
    locIds: new GrowableF64(),
    locMappingIds: new GrowableF64(),
    locAddress: new GrowableF64(),
    locIsFolded: new GrowableI32(),
    locLineStart: new GrowableI32(),
    lineFuncIds: new GrowableF64(),
    lineNumbers: new GrowableF64(),
    funcIds: new GrowableF64(),
    funcStrs: new GrowableI32(),
    funcStartLine: new GrowableF64(),
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    comments: [],
    defaultSampleType: 0,
  };
  const r = Reader.create(bytes);
  while (r.pos < r.len) {
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
      case 6:
        need(r, wt, 2);
        p.strings.push(readString(r, p.strings.length));
        break;
      case 7:
        p.dropFrames = varint(r, wt);
        break;
      case 8:
        p.keepFrames = varint(r, wt);
        break;
      case 9:
        p.timeNanos = varint(r, wt, true);
        break;
      case 10:
        p.durationNanos = varint(r, wt, true);
        break;
      case 11: {
        need(r, wt, 2);
        const [t, u] = readValueType(r);
        p.periodType = [t, u];
        break;
      }
      case 12:
        p.period = varint(r, wt, true);
        break;
      case 13:
        readRepeatedVarint(r, wt, false, (v) => p.comments.push(v));
        break;
      case 14:
        p.defaultSampleType = varint(r, wt);
        break;
      default:
        skipField(r, wt);
    }
  }
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
  p.locLineStart.push(p.lineFuncIds.length);
  return p;
}

function need(r: Reader, wt: number, expected: number): void {
  if (wt !== expected) throw wrongWireType(r, wt);
}

function varint(r: Reader, wt: number, signed = false): number {
  need(r, wt, 0);
  return readVarint64(r, signed);
}

function readString(r: Reader, index: number): string {
  const end = delimitedEnd(r, `string table entry ${index}`);
  const start = r.pos;
  r.pos = end;
  try {
    return decodeUtf8(r.buf, start, end);
  } catch {
    throw new ProfileError(`string table entry ${index} at byte ${start} is not valid UTF-8`, start);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  // Most names are ASCII; a short loop beats the TextDecoder call for them.
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c >= 0x80) return utf8.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(buf.subarray(start, end));
}

function readValueType(r: Reader): [number, number] {
  const end = delimitedEnd(r, 'a value type');
  let type = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) type = varint(r, wt);
    else if (f === 2) unit = varint(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a value type');
  return [type, unit];
}

function readSample(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a sample');
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1 && wt === 2) {
      readPackedIds(r, subEnd(r, end), p);
    } else if (f === 1 && wt === 0) {
      pushId(p, readVarint64(r, false));
    } else if (f === 2 && wt === 2) {
      const pend = subEnd(r, end);
      const vals = p.sampleValues;
      while (r.pos < pend) vals.push(readVarint64(r, true));
      expectEnd(r, pend, 'a packed field');
    } else if (f === 2 && wt === 0) {
      p.sampleValues.push(readVarint64(r, true));
    } else if (f === 1 || f === 2) {
      throw wrongWireType(r, wt);
    } else if (f === 3) {
      need(r, wt, 2);
      readLabel(r, p);
    } else {
      skipField(r, wt);
    }
  }
  expectEnd(r, end, 'a sample');
}

function subEnd(r: Reader, end: number): number {
  const pend = delimitedEnd(r, 'a packed field');
  if (pend > end) throw new ProfileError(`corrupt protobuf: packed field overruns its sample at byte ${r.pos}`, r.pos);
  return pend;
}

function pushId(p: RawProfile, id: number): void {
  if (id <= 0x7fffffff) p.sampleLocIds.push(id);
  else {
    p.bigLocIds.push(id);
    p.sampleLocIds.push(-p.bigLocIds.length);
  }
}

// The hot loop of the whole decoder (one varint per frame): ids of up to 4 bytes are read inline.
function readPackedIds(r: Reader, pend: number, p: RawProfile): void {
  const out = p.sampleLocIds;
  out.reserve(pend - r.pos);
  const buf = r.buf;
  let data = out.data;
  let n = out.length;
  let pos = r.pos;
  while (pos < pend) {
    const start = pos;
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
            r.pos = start;
            out.length = n;
            pushId(p, readVarint64(r, false));
            data = out.data;
            n = out.length;
            pos = r.pos;
            continue;
          }
        }
      }
    }
    data[n++] = v;
  }
  out.length = n;
  r.pos = pos;
  // A varint that runs past the packed field's end (or the buffer) leaves pos beyond pend.
  expectEnd(r, pend, 'a packed field');
}

function readLabel(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a label');
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) key = varint(r, wt);
    else if (f === 2) str = varint(r, wt);
    else if (f === 3) num = varint(r, wt, true);
    else if (f === 4) unit = varint(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a label');
  p.labelKey.push(key);
  p.labelStr.push(str);
  p.labelNum.push(num);
  p.labelUnit.push(unit);
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
    if (f === 1) id = varint(r, wt);
    else if (f >= 2 && f <= 4) nums[f - 2] = varint(r, wt);
    else if (f === 5 || f === 6) strs[f - 5] = varint(r, wt);
    else if (f >= 7 && f <= 10) {
      if (varint(r, wt)) flags |= 1 << (f - 7);
    } else skipField(r, wt);
  }
  expectEnd(r, end, 'a mapping');
  p.mappingIds.push(id);
  p.mappingNums.push(...nums);
  p.mappingStrs.push(...strs);
  p.mappingFlags.push(flags);
}

function readLocation(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a location');
  let id = 0;
  let mapping = 0;
  let address = 0;
  let folded = 0;
  p.locLineStart.push(p.lineFuncIds.length);
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) id = varint(r, wt);
    else if (f === 2) mapping = varint(r, wt);
    else if (f === 3) address = varint(r, wt);
    else if (f === 4) {
      need(r, wt, 2);
      readLine(r, p);
    } else if (f === 5) folded = varint(r, wt) ? 1 : 0;
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a location');
  p.locIds.push(id);
  p.locMappingIds.push(mapping);
  p.locAddress.push(address);
  p.locIsFolded.push(folded);
}

function readLine(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a line');
  let func = 0;
  let line = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) func = varint(r, wt);
    else if (f === 2) line = varint(r, wt, true);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a line');
  p.lineFuncIds.push(func);
  p.lineNumbers.push(line);
}

function readFunction(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a function');
  let id = 0;
  const strs = [0, 0, 0];
  let start = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) id = varint(r, wt);
    else if (f >= 2 && f <= 4) strs[f - 2] = varint(r, wt);
    else if (f === 5) start = varint(r, wt, true);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a function');
  p.funcIds.push(id);
  p.funcStrs.push(strs[0]);
  p.funcStrs.push(strs[1]);
  p.funcStrs.push(strs[2]);
  p.funcStartLine.push(start);
}
