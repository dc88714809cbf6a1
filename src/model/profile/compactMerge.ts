// The end of pprof's Merge: the samples whose sums are all 0 go, and what the kept ones use is numbered
// as pprof's re-merge (Merge of the merged profile) numbers it: locations in the order the kept samples
// first use them, then functions and mappings in the order those locations first use them, the main
// binary's mapping first. The values are compacted in place; the stacks are written once, renumbered, or,
// for a merge that is only written (a fleet's), read from the sources as they are written (sourceStacks).
import { GrowableI32 } from '../base/growableColumns';
import { lookUp } from '../base/lookUp';
import { combineHeaders, type ProfileHeader } from './mergeHeaders';
import type { LocationTables, LocationUnifier } from './mergeLocations';
import { labelColumns, LabelNumbering, type LabelColumns, type SourceStacks } from './encodeSamples';
import type { DecodedProfile, Mapping } from './profile';

/** A merged source as the end of the merge needs it: the profile and the labels its samples got. */
interface Source {
  readonly profile: DecodedProfile;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The merged samples, in columns sized for the worst case (no two source samples add up) at the start. A
 * merged sample's stack is that of its first source sample, read through its source's location map.
 */
export interface MergedSamples {
  /** Per source, the merged location of each of its locations (LocationUnifier.addProfile). */
  readonly sourceLocations: Int32Array[];
  readonly values: Float64Array;
  /** The id of each merged sample's label set (LabelSets). */
  readonly labelSet: Int32Array;
  /** Which source and which of its samples first had this key: the merged sample's labels are its. */
  readonly source: Int32Array;
  readonly sourceSample: Int32Array;
}

/** The first n items, copied only when much of the column is spare (a copy of a big column costs a peak). */
function trimmed<T extends Int32Array | Float64Array>(a: T, n: number): T {
  return (n * 4 >= a.length * 3 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/** The kept samples, their locations numbered in the order the samples first use them. */
export interface NumberedSamples {
  readonly keep: Uint8Array;
  readonly kept: number;
  readonly sampleValues: Float64Array;
  /** Which source and which of its samples each kept sample's stack and labels are read from. */
  readonly keptSource: Int32Array;
  readonly keptSample: Int32Array;
  /** The kept stacks, renumbered; absent when only numbered for writing (sourceStacks reads them from the sources). */
  readonly stacks?: { readonly sampleLocStart: Int32Array; readonly sampleLocs: Int32Array };
  /** Each merged location's number (-1: unused so far), and the merged locations in the order numbered. */
  locNew: Int32Array;
  readonly locOrder: GrowableI32;
}

/** The numbered samples with their labels: what writing them needs before the rest of the profile. */
export function samplesOf(n: NumberedSamples, sources: readonly Source[]) {
  if (!n.stacks) throw new Error('samples numbered without their stacks');
  return { sampleCount: n.kept, sampleValues: n.sampleValues, ...n.stacks, ...keptLabels(sources, n) };
}

/** The profile of samplesOf's samples: the locations, functions and mappings they use, the headers combined. */
export function profileWith(samples: ReturnType<typeof samplesOf>, u: LocationUnifier, n: NumberedSamples, headers: readonly ProfileHeader[]): DecodedProfile {
  return { ...headOfMerge(u, n, headers), ...samples };
}

/** All of the merged profile but its samples. */
export function headOfMerge(u: LocationUnifier, n: NumberedSamples, headers: readonly ProfileHeader[]) {
  return { ...combineHeaders(headers), ...locationTables(u, n.locOrder.view()) };
}

/**
 * Drops the samples whose values are all 0, compacts the values in place, and numbers the locations as the
 * kept stacks first use them; with `stacks`, the kept stacks are written out renumbered.
 */
export function numberSamples(sources: readonly Source[], m: MergedSamples, count: number, nt: number, locations: number, stacks = true): NumberedSamples {
  const { values, source, sourceSample, sourceLocations } = m;
  const keep = new Uint8Array(count);
  let kept = 0;
  let frames = 0;
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < nt; t++) {
      if (values[i * nt + t] !== 0) {
        keep[i] = 1;
        kept++;
        const q = sources[source[i]].profile;
        frames += q.sampleLocStart[sourceSample[i] + 1] - q.sampleLocStart[sourceSample[i]];
        break;
      }
    }
  }
  const locNew = new Int32Array(locations).fill(-1);
  const locOrder = new GrowableI32();
  const keptSource = new Int32Array(kept);
  const keptSample = new Int32Array(kept);
  const sampleLocStart = new Int32Array(stacks ? kept + 1 : 0);
  const sampleLocs = new Int32Array(stacks ? frames : 0);
  let n = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (!keep[i]) continue;
    for (let t = 0; t < nt; t++) values[n * nt + t] = values[i * nt + t];
    keptSource[n] = source[i];
    keptSample[n] = sourceSample[i];
    const q = sources[source[i]].profile;
    const ids = sourceLocations[source[i]];
    const qLocs = q.sampleLocs;
    const to = q.sampleLocStart[sourceSample[i] + 1];
    for (let j = q.sampleLocStart[sourceSample[i]]; j < to; j++) {
      const l = ids[qLocs[j]];
      let id = locNew[l];
      if (id < 0) {
        id = locNew[l] = locOrder.length;
        locOrder.push(l);
      }
      if (stacks) sampleLocs[k++] = id;
    }
    n++;
    if (stacks) sampleLocStart[n] = k;
  }
  return { keep, kept, sampleValues: trimmed(values, kept * nt), keptSource, keptSample, stacks: stacks ? { sampleLocStart, sampleLocs } : undefined, locNew, locOrder };
}

/**
 * The kept samples' stacks as read from their sources, each merged location l written as `number[l]`
 * (SourceStacks): a merge's samples written without a copy of their stacks.
 */
export function sourceStacks(sources: readonly Source[], m: MergedSamples, n: NumberedSamples, number: Int32Array): SourceStacks {
  return {
    source: n.keptSource,
    sample: n.keptSample,
    sources: sources.map(({ profile: p }, si) => ({ sampleLocStart: p.sampleLocStart, sampleLocs: p.sampleLocs, numbers: lookUp(m.sourceLocations[si], number) })),
  };
}

/**
 * Numbers, after the samples', the locations of samples that come after them and whose merged ids (`ids`,
 * in the order those samples first use them) are given: their numbers, in that order.
 */
export function numberLaterLocations(n: NumberedSamples, ids: Int32Array, locations: number): Int32Array {
  if (n.locNew.length < locations) {
    const grown = new Int32Array(locations).fill(-1);
    grown.set(n.locNew);
    n.locNew = grown;
  }
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const l = ids[i];
    let id = n.locNew[l];
    if (id < 0) {
      id = n.locNew[l] = n.locOrder.length;
      n.locOrder.push(l);
    }
    out[i] = id;
  }
  return out;
}

/**
 * Every location unified so far, in the unifier's order, with the mappings and functions they use: what a
 * fleet's merge thread sends ahead of its samples' merge (fleetWrite.ts), to be unified with the other half's.
 */
export function unifiedTables(u: LocationUnifier): LocationTables {
  const order = new Int32Array(u.locationCount);
  for (let l = 0; l < order.length; l++) order[l] = l;
  return locationTables(u, order);
}

/** The merged locations in `order`, with the mappings and functions they use in the order they first use them, the main mapping first. */
function locationTables(u: LocationUnifier, order: Int32Array): LocationTables {
  const mapNew = new Int32Array(u.mappings.length).fill(-1);
  const mappings: Mapping[] = [];
  const useMapping = (x: number) => {
    if (x >= 0 && mapNew[x] < 0) {
      mapNew[x] = mappings.length;
      mappings.push(u.mappings[x]);
    }
  };
  useMapping(u.mainMapping);
  const funcNew = new Int32Array(u.funcProfile.length).fill(-1);
  const funcOrder = new GrowableI32();
  const nl = order.length;
  const locAddress = new BigUint64Array(nl);
  const locMapping = new Int32Array(nl);
  const locIsFolded = new Uint8Array(nl);
  const locLineStart = new Int32Array(nl + 1);
  const uLineStart = u.locLineStart.data;
  let lines = 0;
  for (const l of order) lines += uLineStart[l + 1] - uLineStart[l];
  const lineFunction = new Int32Array(lines);
  const lineNumber = new Float64Array(lines);
  let line = 0;
  for (let i = 0; i < nl; i++) {
    const l = order[i];
    const mp = u.locMapping.data[l];
    useMapping(mp);
    locMapping[i] = mp >= 0 ? mapNew[mp] : -1;
    locAddress[i] = BigInt.asUintN(64, u.locRelAddress.data[l] + (mp >= 0 ? u.mappings[mp].start : 0n));
    locIsFolded[i] = u.locFolded.data[l];
    for (let j = uLineStart[l]; j < uLineStart[l + 1]; j++) {
      const f = u.lineFunction.data[j];
      if (funcNew[f] < 0) {
        funcNew[f] = funcOrder.length;
        funcOrder.push(f);
      }
      lineFunction[line] = funcNew[f];
      lineNumber[line++] = u.lineNumber.data[j];
    }
    locLineStart[i + 1] = line;
  }
  const nf = funcOrder.length;
  const funcName = new Array<string>(nf);
  const funcSystemName = new Array<string>(nf);
  const funcFile = new Array<string>(nf);
  const funcStartLine = new Float64Array(nf);
  for (let i = 0; i < nf; i++) {
    const f = funcOrder.data[i];
    const p = u.profiles[u.funcProfile.data[f]];
    const g = u.funcIndex.data[f];
    funcName[i] = p.funcName[g];
    funcSystemName[i] = p.funcSystemName[g];
    funcFile[i] = p.funcFile[g];
    funcStartLine[i] = p.funcStartLine[g];
  }
  return { mappings, functionCount: nf, funcName, funcSystemName, funcFile, funcStartLine, locationCount: nl, locAddress, locMapping, locIsFolded, locLineStart, lineFunction, lineNumber };
}

/** Where keptLabelsInto puts the labels it is given: room for at most `most`, then label j. */
interface LabelSink {
  room(most: number): void;
  set(j: number, key: string, value: string | undefined, num: number, unit: string): void;
}

/**
 * The labels of each kept sample, in order: those of the first source sample with its key, with its
 * source's labels. Gives where each sample's begin and how many there are.
 */
function keptLabelsInto(sources: readonly Source[], n: NumberedSamples, sink: LabelSink): { labelStart: Int32Array; count: number } {
  const extraKeys = sources.map((s) => Object.keys(s.labels ?? {}));
  const extraValues = sources.map((s) => Object.values(s.labels ?? {}));
  const { keptSource, keptSample } = n;
  let most = 0;
  for (let i = 0; i < n.kept; i++) {
    const p = sources[keptSource[i]].profile;
    const s = keptSample[i];
    most += p.labelStart[s + 1] - p.labelStart[s] + extraKeys[keptSource[i]].length;
  }
  sink.room(most);
  const labelStart = new Int32Array(n.kept + 1);
  let j = 0;
  for (let i = 0; i < n.kept; i++) {
    const si = keptSource[i];
    const p = sources[si].profile;
    const s = keptSample[i];
    const extra = sources[si].labels;
    for (let k = p.labelStart[s]; k < p.labelStart[s + 1]; k++) {
      const str = p.labelStr[k];
      if (extra && str !== undefined && Object.hasOwn(extra, p.labelKey[k])) continue;
      sink.set(j++, p.labelKey[k], str, p.labelNum[k], p.labelUnit[k]);
    }
    const keys = extraKeys[si];
    const values = extraValues[si];
    for (let e = 0; e < keys.length; e++) sink.set(j++, keys[e], values[e], 0, '');
    labelStart[i + 1] = j;
  }
  return { labelStart, count: j };
}

/** Labels as DecodedProfile's columns, made at their most and cut at the end (pushing a fleet's 1M one by one took about three times as long). */
class StringLabels implements LabelSink {
  labelKey: string[] = [];
  labelStr: (string | undefined)[] = [];
  labelNum = new Float64Array(0);
  labelUnit: string[] = [];

  room(most: number): void {
    this.labelKey = new Array<string>(most);
    this.labelStr = new Array<string | undefined>(most);
    this.labelNum = new Float64Array(most);
    this.labelUnit = new Array<string>(most);
  }

  set(j: number, key: string, value: string | undefined, num: number, unit: string): void {
    this.labelKey[j] = key;
    this.labelStr[j] = value;
    this.labelNum[j] = num;
    this.labelUnit[j] = unit;
  }
}

/** Labels as numbers (LabelNumbering). */
class NumberedLabels implements LabelSink {
  columns = labelColumns(new Int32Array(0), 0);
  private readonly numbering: LabelNumbering;

  constructor(str: (s: string) => number) {
    this.numbering = new LabelNumbering(str);
  }

  room(most: number): void {
    this.columns = labelColumns(this.columns.labelStart, most);
  }

  set(j: number, key: string, value: string | undefined, num: number, unit: string): void {
    this.numbering.set(this.columns, j, key, value, num, unit);
  }
}

/** The kept samples' labels as DecodedProfile columns. */
function keptLabels(sources: readonly Source[], n: NumberedSamples) {
  const c = new StringLabels();
  const { labelStart, count } = keptLabelsInto(sources, n, c);
  for (const a of [c.labelKey, c.labelStr, c.labelUnit]) a.length = count;
  return { labelStart, labelKey: c.labelKey, labelStr: c.labelStr, labelNum: count === c.labelNum.length ? c.labelNum : c.labelNum.slice(0, count), labelUnit: c.labelUnit };
}

/** The kept samples' labels as numbers, their strings given ids by `str` in the order a writer asks for them (LabelNumbering). */
export function keptLabelColumns(sources: readonly Source[], n: NumberedSamples, str: (s: string) => number): LabelColumns {
  const sink = new NumberedLabels(str);
  const { labelStart, count } = keptLabelsInto(sources, n, sink);
  const c = sink.columns;
  const cut = <T extends Int32Array | Float64Array>(a: T) => (a.length === count ? a : (a.subarray(0, count) as T));
  return { labelStart, labelKey: cut(c.labelKey), labelStr: cut(c.labelStr), labelNum: cut(c.labelNum), labelUnit: cut(c.labelUnit) };
}
