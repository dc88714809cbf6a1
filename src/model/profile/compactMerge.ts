// The end of pprof's Merge: the samples whose sums are all 0 go, and what the kept ones use is numbered
// as pprof's re-merge (Merge of the merged profile) numbers it: locations in the order the kept samples
// first use them, then functions and mappings in the order those locations first use them, the main
// binary's mapping first. The values are compacted in place; the stacks are written once, renumbered.
import { GrowableI32 } from '../base/growableColumns';
import { combineHeaders, type ProfileHeader } from './mergeHeaders';
import type { LocationTables, LocationUnifier } from './mergeLocations';
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

/** The kept samples, their stacks renumbered: locations in the order the samples first use them. */
export interface NumberedSamples {
  readonly keep: Uint8Array;
  readonly kept: number;
  readonly sampleValues: Float64Array;
  readonly sampleLocStart: Int32Array;
  readonly sampleLocs: Int32Array;
  /** Each merged location's number (-1: unused so far), and the merged locations in the order numbered. */
  locNew: Int32Array;
  readonly locOrder: GrowableI32;
}

/** The numbered samples with their labels: what writing them needs before the rest of the profile. */
export function samplesOf(n: NumberedSamples, sources: readonly Source[], m: MergedSamples) {
  return { sampleCount: n.kept, sampleValues: n.sampleValues, sampleLocStart: n.sampleLocStart, sampleLocs: n.sampleLocs, ...keptLabels(sources, m, n.keep) };
}

/** The profile of samplesOf's samples: the locations, functions and mappings they use, the headers combined. */
export function profileWith(samples: ReturnType<typeof samplesOf>, u: LocationUnifier, n: NumberedSamples, headers: readonly ProfileHeader[]): DecodedProfile {
  return {
    ...combineHeaders(headers),
    ...locationTables(u, n.locOrder.view()),
    ...samples,
  };
}

/** Drops the samples whose values are all 0, compacts the values in place, and numbers the locations as the kept stacks first use them. */
export function numberSamples(sources: readonly Source[], m: MergedSamples, count: number, nt: number, locations: number): NumberedSamples {
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
  const sampleLocStart = new Int32Array(kept + 1);
  const sampleLocs = new Int32Array(frames);
  let n = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (!keep[i]) continue;
    for (let t = 0; t < nt; t++) values[n * nt + t] = values[i * nt + t];
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
      sampleLocs[k++] = id;
    }
    sampleLocStart[++n] = k;
  }
  return { keep, kept, sampleValues: trimmed(values, kept * nt), sampleLocStart, sampleLocs, locNew, locOrder };
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
  const locAddress = new Float64Array(nl);
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
    locAddress[i] = u.locRelAddress.data[l] + (mp >= 0 ? u.mappings[mp].start : 0);
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

/**
 * The labels of each kept sample: those of the first source sample with its key, with its source's labels.
 * The columns are made at their most and cut at the end: a fleet's merge gives every one of its 1M samples an
 * `instance`, and pushing them one by one took about three times as long.
 */
function keptLabels(sources: readonly Source[], m: MergedSamples, keep: Uint8Array) {
  const extras = sources.map((s) => Object.entries(s.labels ?? {}));
  let most = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const p = sources[m.source[i]].profile;
    const s = m.sourceSample[i];
    most += p.labelStart[s + 1] - p.labelStart[s] + extras[m.source[i]].length;
  }
  const labelStart = new Int32Array(keep.length + 1);
  const labelKey = new Array<string>(most);
  const labelStr = new Array<string | undefined>(most);
  const labelNum = new Float64Array(most);
  const labelUnit = new Array<string>(most);
  let n = 0;
  let j = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const si = m.source[i];
    const p = sources[si].profile;
    const s = m.sourceSample[i];
    const extra = sources[si].labels;
    for (let k = p.labelStart[s]; k < p.labelStart[s + 1]; k++) {
      const str = p.labelStr[k];
      if (extra && str !== undefined && Object.hasOwn(extra, p.labelKey[k])) continue;
      labelKey[j] = p.labelKey[k];
      labelStr[j] = str;
      labelNum[j] = p.labelNum[k];
      labelUnit[j++] = p.labelUnit[k];
    }
    for (const [key, value] of extras[si]) {
      labelKey[j] = key;
      labelStr[j] = value;
      labelNum[j] = 0;
      labelUnit[j++] = '';
    }
    labelStart[++n] = j;
  }
  for (const a of [labelKey, labelStr, labelUnit]) a.length = j;
  return { labelStart: labelStart.slice(0, n + 1), labelKey, labelStr, labelNum: j === most ? labelNum : labelNum.slice(0, j), labelUnit };
}
