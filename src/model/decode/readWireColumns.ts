// First pass: protobuf wire format → raw columns that still hold wire ids and string-table indices.
// resolveWireIds.ts turns them into a Profile. Field numbers follow profile.proto as documented by pprof.
// A quick count of the top-level fields first sizes every column, so no big column is ever regrown.
// The wire is read with protobufjs's Reader (see wireReader.ts); what it throws becomes a ProfileError here.
import { readSamples } from './readSamples';
import { readFunction, readLocation } from './readLocationsAndFunctions';
import { GrowableF64, GrowableI32, GrowableU64 } from '../base/growableColumns';
import { finish, writerProgress, type AheadColumn } from '../base/touchAhead';
import type { RawProfile } from './rawProfile';
export type { RawProfile };
import { decodeStrings } from './stringTable';
import { expectEnd, fieldEnd, Reader, readRepeatedVarint, skipField, uint64Field, varintField, wireError, wireReader, wrongWireType } from './wireReader';

/** How the decoder makes the columns of the samples. */
export interface DecodeHow {
  /**
   * The sample columns (location ids, the largest by far, their starts, values, label starts) read into
   * shared memory, for a profile that other threads hold too: worker/sharedProfile.ts then has none of them
   * to copy.
   */
  readonly shared?: boolean;
  /**
   * The sample columns (location ids, their starts, values, label starts) made with as much room again
   * after the samples, on shared memory if `shared`, so that a comparison appends the base's samples to
   * the target's in place (concatComparison.ts) instead of copying both sides. Pages never written to cost
   * no memory.
   */
  readonly roomToAppend?: boolean;
  /**
   * With `shared`: given the sample columns and the progress the decoder publishes, has another thread
   * fault their pages in ahead of the decoder's writes (model/base/touchAhead.ts); `room` when the columns
   * have room for another side's samples after them (roomToAppend).
   */
  readonly touchAhead?: (columns: readonly AheadColumn[], progress: Int32Array, room: boolean) => void;
  /**
   * Where the decoder publishes its progress (model/base/touchAhead.ts's writerProgress), whatever the
   * profile's size: a comparison's base, whose samples another thread's target takes after its own. That
   * thread maps the room for them while this one decodes (worker/analysis.ts).
   */
  readonly progress?: Int32Array;
}

/** The most address space the room to append may reserve for the location ids (a profile's size bounds the rest). */
const MAX_ROOM_BYTES = 2 ** 31;

/** Samples smaller than this are faulted in within milliseconds: no other thread is asked to touch them ahead. */
const TOUCH_AHEAD_FROM_BYTES = 4 << 20;

export function readWireColumns(bytes: Uint8Array, { shared = false, roomToAppend = false, touchAhead, progress }: DecodeHow = {}): RawProfile {
  const c = countFields(bytes);
  const room = roomToAppend && c.sampleBytes * 8 <= MAX_ROOM_BYTES ? 2 : 1;
  const ahead = touchAhead !== undefined && shared && c.sampleBytes >= TOUCH_AHEAD_FROM_BYTES;
  const p: RawProfile = {
    strings: [],
    sampleTypes: [],
    sampleLocStart: new GrowableI32((c.samples + 1) * room, shared),
    // Every id takes at least a byte, so the samples' size bounds their ids. Pages never written to
    // cost no memory, and the column is returned as a view, not copied.
    sampleLocIds: new GrowableI32(c.sampleBytes * room, shared),
    bigLocIds: [],
    maxLocId: 0,
    oddLocIds: false,
    sampleValueStart: new GrowableI32(c.samples + 1),
    // readSampleRun reserves a sample's byte length before reading it, so room for the largest sample on
    // top of one value per sample type keeps the column from being regrown (a copy) at the last samples.
    sampleValues: new GrowableF64((c.samples * Math.max(1, c.sampleTypes) + c.maxSampleBytes + 16) * room, shared),
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
    sampleColumns: { shared, room },
    progress: progress ?? (ahead ? writerProgress() : undefined),
  };
  const strStart = new GrowableI32(c.strings);
  const strEnd = new GrowableI32(c.strings);
  const r = wireReader(bytes);
  if (ahead && p.progress) {
    const nt = Math.max(1, c.sampleTypes);
    touchAhead(
      [
        { buffer: p.sampleLocIds.data.buffer as SharedArrayBuffer, wordsPer: 1, byIds: true },
        { buffer: p.sampleValues.data.buffer as SharedArrayBuffer, wordsPer: 2 * nt, byIds: false },
        { buffer: p.sampleLocStart.data.buffer as SharedArrayBuffer, wordsPer: 1, byIds: false },
      ],
      p.progress,
      room > 1,
    );
  }
  try {
    readFields(r, p, strStart, strEnd);
  } catch (e) {
    throw wireError(e, r);
  } finally {
    if (p.progress) finish(p.progress, p.sampleLocStart.length, p.sampleLocIds.length);
  }
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
  p.locLineStart.push(p.lineFuncIds.length);
  p.strings = decodeStrings(r.buf, strStart.data, strEnd.data, strStart.length);
  return p;
}

function readFields(r: Reader, p: RawProfile, strStart: GrowableI32, strEnd: GrowableI32): void {
  while (r.pos < r.len) {
    const tag = r.tag();
    const field = tag >>> 3;
    const wt = tag & 7;
    // Field number 0 is not valid protobuf, but pprof skips it as an unknown field, and so do we.
    switch (field) {
      case 1:
        need(r, wt, 2);
        p.sampleTypes.push(...readValueType(r));
        break;
      case 2:
        need(r, wt, 2);
        readSamples(r, p);
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
        const end = fieldEnd(r, `string table entry ${strStart.length}`);
        strStart.push(r.pos);
        strEnd.push(end);
        r.pos = end;
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
}

interface FieldCounts {
  samples: number;
  sampleBytes: number;
  maxSampleBytes: number;
  sampleTypes: number;
  locations: number;
  functions: number;
  strings: number;
}

/**
 * Counts the top-level fields by walking their tags and lengths. It never throws: at anything odd it stops
 * and returns what it has, and the decoder proper reports the problem.
 */
function countFields(bytes: Uint8Array): FieldCounts {
  const c: FieldCounts = { samples: 0, sampleBytes: 0, maxSampleBytes: 0, sampleTypes: 0, locations: 0, functions: 0, strings: 0 };
  const r = wireReader(bytes);
  try {
    while (r.pos < r.len) {
      const tag = r.tag();
      const wt = tag & 7;
      const field = tag >>> 3;
      if (wt === 2) {
        const n = r.uint32();
        if (r.pos + n > r.len) return c;
        r.pos += n;
        if (field === 2) {
          c.samples++;
          c.sampleBytes += n;
          if (n > c.maxSampleBytes) c.maxSampleBytes = n;
        } else if (field === 4) c.locations++;
        else if (field === 5) c.functions++;
        else if (field === 6) c.strings++;
        else if (field === 1) c.sampleTypes++;
      } else if (wt === 0 || wt === 1 || wt === 5) r.skipType(wt);
      else return c;
    }
  } catch {
    // What protobufjs throws is reported by the decoder proper.
  }
  return c;
}

function need(r: Reader, wt: number, expected: number): void {
  if (wt !== expected) throw wrongWireType(r, wt);
}

function readValueType(r: Reader): [number, number] {
  const end = fieldEnd(r, 'a value type');
  let type = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
    if (f === 1) type = varintField(r, wt);
    else if (f === 2) unit = varintField(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a value type');
  return [type, unit];
}

function readMapping(r: Reader, p: RawProfile): void {
  const end = fieldEnd(r, 'a mapping');
  let id = 0;
  const nums = [0n, 0n, 0n];
  const strs = [0, 0];
  let flags = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
    if (f === 1) id = varintField(r, wt);
    else if (f >= 2 && f <= 4) nums[f - 2] = uint64Field(r, wt);
    else if (f === 5 || f === 6) strs[f - 5] = varintField(r, wt);
    else if (f >= 7 && f <= 10) {
      if (varintField(r, wt)) flags |= 1 << (f - 7);
    } else skipField(r, wt);
  }
  expectEnd(r, end, 'a mapping');
  p.mappingIds.push(id);
  p.mappingNums.push(...nums);
  p.mappingStrs.push(...strs);
  p.mappingFlags.push(flags);
}
