// A profile back to profile.proto bytes (not gzipped), as pprof's encode.go writes one: the string table
// built while writing (index 0 the empty string), ids numbered from 1 in column order, sample ids and
// values packed. The wire layer is protobufjs's Writer, the decoder's Reader's other half, except for the
// samples (encodeSamples.ts). Fields may come in any order and repeated ones add up, so the samples are
// simply written after the rest. A merge's output written here reads back, in go tool pprof and in our decoder, as the same
// profile.
import { Writer } from 'protobufjs/minimal';
import type { Long } from 'protobufjs/minimal';
import { encodeSamples, sampleColumns, type ProfileColumns, type ProfileSamples } from './encodeSamples';
import type { DecodedProfile, ValueType } from './profile';

const LEN = 2;
const tag = (field: number, wire: number) => (field << 3) | wire;

/** A uint64 as the Writer takes it exactly: its two 32-bit halves (a number above 2^53 would be rounded). */
const halves = (v: bigint): Long => ({ low: Number(v & 0xffffffffn) | 0, high: Number(v >> 32n) | 0, unsigned: true }) as Long;

/** Gives each string its index in the table, in the order first written. */
export class Strings {
  private readonly index = new Map<string, number>([['', 0]]);
  readonly table: string[] = [''];

  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.table.length;
      this.index.set(s, i);
      this.table.push(s);
    }
    return i;
  }

  /** The numbers of `strings`, those not yet in the table added in their order. */
  numbers(strings: readonly string[]): Int32Array {
    return Int32Array.from(strings, (x) => this.of(x));
  }
}

export function encodeProfile(p: DecodedProfile): Uint8Array {
  const { head, samples } = profileParts(p);
  const written = encodeSamples(samples);
  const out = new Uint8Array(head.length + written.length);
  out.set(head, 0);
  out.set(written, head.length);
  return out;
}

/**
 * The profile as everything but its samples' bytes (its header, mappings, locations, functions and string
 * table, written) and its samples' columns with their strings numbered: encodeSamples writes those, in any
 * ranges, after the head, since repeated fields may come in any order.
 */
export function profileParts(p: DecodedProfile): { head: Uint8Array; samples: ProfileColumns } {
  const strings = stringTable(p.sampleTypes);
  const samples = sampleColumns(p, (x) => strings.of(x));
  return { head: headOf(p, strings), samples };
}

/** The string table as a profile's begins: after the empty string, its sample types' type and unit. */
export function stringTable(sampleTypes: readonly ValueType[]): Strings {
  const strings = new Strings();
  for (const t of sampleTypes) {
    strings.of(t.type);
    strings.of(t.unit);
  }
  return strings;
}

/** All of a profile but its samples' columns: what headOf writes. */
export type ProfileHead = Omit<DecodedProfile, Exclude<keyof ProfileSamples, 'sampleTypes'>>;

/** Everything but the samples, written, the string table `s` (begun by stringTable, then the samples' label strings) completed. */
export function headOf(p: ProfileHead, s: Strings): Uint8Array {
  const w = Writer.create();
  for (const t of p.sampleTypes) valueType(w, 1, t, s);
  p.mappings.forEach((m, i) => {
    w.uint32(tag(3, LEN)).fork();
    w.uint32(tag(1, 0)).uint64(i + 1);
    if (m.start) w.uint32(tag(2, 0)).uint64(halves(m.start));
    if (m.limit) w.uint32(tag(3, 0)).uint64(halves(m.limit));
    if (m.offset) w.uint32(tag(4, 0)).uint64(halves(m.offset));
    if (m.file) w.uint32(tag(5, 0)).int64(s.of(m.file));
    if (m.buildId) w.uint32(tag(6, 0)).int64(s.of(m.buildId));
    if (m.hasFunctions) w.uint32(tag(7, 0)).bool(true);
    if (m.hasFilenames) w.uint32(tag(8, 0)).bool(true);
    if (m.hasLineNumbers) w.uint32(tag(9, 0)).bool(true);
    if (m.hasInlineFrames) w.uint32(tag(10, 0)).bool(true);
    w.ldelim();
  });
  for (let l = 0; l < p.locationCount; l++) {
    w.uint32(tag(4, LEN)).fork();
    w.uint32(tag(1, 0)).uint64(l + 1);
    if (p.locMapping[l] >= 0) w.uint32(tag(2, 0)).uint64(p.locMapping[l] + 1);
    if (p.locAddress[l]) w.uint32(tag(3, 0)).uint64(halves(p.locAddress[l]));
    for (let j = p.locLineStart[l]; j < p.locLineStart[l + 1]; j++) {
      w.uint32(tag(4, LEN)).fork();
      w.uint32(tag(1, 0)).uint64(p.lineFunction[j] + 1);
      if (p.lineNumber[j]) w.uint32(tag(2, 0)).int64(p.lineNumber[j]);
      w.ldelim();
    }
    if (p.locIsFolded[l]) w.uint32(tag(5, 0)).bool(true);
    w.ldelim();
  }
  for (let f = 0; f < p.functionCount; f++) {
    w.uint32(tag(5, LEN)).fork();
    w.uint32(tag(1, 0)).uint64(f + 1);
    if (p.funcName[f]) w.uint32(tag(2, 0)).int64(s.of(p.funcName[f]));
    if (p.funcSystemName[f]) w.uint32(tag(3, 0)).int64(s.of(p.funcSystemName[f]));
    if (p.funcFile[f]) w.uint32(tag(4, 0)).int64(s.of(p.funcFile[f]));
    if (p.funcStartLine[f]) w.uint32(tag(5, 0)).int64(p.funcStartLine[f]);
    w.ldelim();
  }
  // The header's strings go into the table before it is written.
  const drop = p.dropFrames ? s.of(p.dropFrames) : 0;
  const keep = p.keepFrames ? s.of(p.keepFrames) : 0;
  const comments = p.comments.map((c) => s.of(c));
  const dflt = p.defaultSampleType ? s.of(p.defaultSampleType) : 0;
  const periodType = p.periodType && { type: s.of(p.periodType.type), unit: s.of(p.periodType.unit) };
  for (const str of s.table) w.uint32(tag(6, LEN)).string(str);
  if (drop) w.uint32(tag(7, 0)).int64(drop);
  if (keep) w.uint32(tag(8, 0)).int64(keep);
  if (p.timeNanos) w.uint32(tag(9, 0)).int64(p.timeNanos);
  if (p.durationNanos) w.uint32(tag(10, 0)).int64(p.durationNanos);
  if (periodType) {
    w.uint32(tag(11, LEN)).fork();
    if (periodType.type) w.uint32(tag(1, 0)).int64(periodType.type);
    if (periodType.unit) w.uint32(tag(2, 0)).int64(periodType.unit);
    w.ldelim();
  }
  if (p.period) w.uint32(tag(12, 0)).int64(p.period);
  for (const c of comments) w.uint32(tag(13, 0)).int64(c);
  if (dflt) w.uint32(tag(14, 0)).int64(dflt);
  return w.finish();
}

function valueType(w: Writer, field: number, t: ValueType, s: Strings): void {
  w.uint32(tag(field, LEN)).fork();
  const type = s.of(t.type);
  const unit = s.of(t.unit);
  if (type) w.uint32(tag(1, 0)).int64(type);
  if (unit) w.uint32(tag(2, 0)).int64(unit);
  w.ldelim();
}
