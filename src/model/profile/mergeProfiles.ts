// pprof's profile.Merge on columns: samples with the same merged locations and the same labels add up,
// samples whose values are all 0 are dropped (before and after adding), and the result is compacted as
// pprof's re-merge leaves it: only what the kept samples use, numbered in the order they first use it, the
// main binary's mapping first. A source may be scaled first (pprof's Scale/ScaleN, rounding as Go does)
// and may carry labels that its samples get (pprof's SetLabel), e.g. the base's `pprof::base` or an
// `instance`. No object is made per sample: stacks are hashed as numbers.
import { GrowableI32 } from '../base/growableColumns';
import { finish, HashSlots, mix } from './hashTable';
import { checkCompatible, combineHeaders } from './mergeHeaders';
import { LocationUnifier } from './mergeLocations';
import { ProfileError, type DecodedProfile, type Mapping } from './profile';
import { LabelSets } from './sampleLabels';
import { scaleSample, scales } from './scaleValues';

export interface MergeSource {
  readonly profile: DecodedProfile;
  /** Multiplies the values (pprof's Scale: -1 negates a base), or each sample type's by its own ratio (ScaleN). */
  readonly scale?: number | readonly number[];
  /** Labels set on every sample of this source, replacing its string labels of the same keys (SetLabel). */
  readonly labels?: Readonly<Record<string, string>>;
  /** What a message calls this source (a file name). */
  readonly name?: string;
}

/** The merged samples, in columns sized for the worst case (no two source samples add up) at the start. */
interface MergedSamples {
  readonly locStart: Int32Array;
  readonly locs: Int32Array;
  readonly values: Float64Array;
  /** The id of each merged sample's label set (LabelSets). */
  readonly labelSet: Int32Array;
  /** Which source and which of its samples first had this key: the merged sample's labels are its. */
  readonly source: Int32Array;
  readonly sourceSample: Int32Array;
}

export function mergeProfiles(sources: readonly MergeSource[], verb: 'merge' | 'compare' = 'merge'): DecodedProfile {
  if (sources.length === 0) throw new ProfileError('no profiles to merge');
  checkCompatible(sources, verb);
  const nt = sources[0].profile.sampleTypes.length;
  const unifier = new LocationUnifier();
  const labels = new LabelSets();
  let samples = 0;
  let frames = 0;
  for (const { profile: p } of sources) {
    samples += p.sampleCount;
    frames += p.sampleLocStart[p.sampleCount] - p.sampleLocStart[0];
  }
  const table = new HashSlots(samples);
  const m: MergedSamples = {
    locStart: new Int32Array(samples + 1),
    locs: new Int32Array(frames),
    values: new Float64Array(samples * nt),
    labelSet: new Int32Array(samples),
    source: new Int32Array(samples),
    sourceSample: new Int32Array(samples),
  };
  for (let si = 0; si < sources.length; si++) addSource(sources[si], si, m, table, unifier, labels, nt);
  return compact(sources, m, table.size, nt, unifier);
}

/** Adds one source's samples to the merged ones (the hot loop: one hash per stack, no object per sample). */
function addSource(src: MergeSource, si: number, m: MergedSamples, table: HashSlots, unifier: LocationUnifier, labels: LabelSets, nt: number): void {
  const p = src.profile;
  const locIds = unifier.addProfile(p);
  const ratios = typeof src.scale === 'number' ? new Array<number>(nt).fill(src.scale) : src.scale;
  const scaled = scales(ratios) ? ratios : undefined;
  const ownSet = labels.sourceSet(src.labels);
  const labelStart = p.labelStart;
  const pv = p.sampleValues;
  const sampleLocStart = p.sampleLocStart;
  const sampleLocs = p.sampleLocs;
  const { locStart, locs, values: mValues, source, sourceSample, labelSet } = m;
  const values = new Float64Array(nt);
  let n = table.size;
  for (let s = 0; s < p.sampleCount; s++) {
    let nonzero = false;
    for (let t = 0; t < nt; t++) {
      const v = pv[s * nt + t];
      values[t] = v;
      if (v !== 0) nonzero = true;
    }
    if (scaled && nonzero) nonzero = scaleSample(values, 0, scaled);
    if (!nonzero) continue;

    // The stack goes where a new merged sample would keep it; it stays there only if it is new.
    const from = sampleLocStart[s];
    const depth = sampleLocStart[s + 1] - from;
    const at = locStart[n];
    let h = mix(0x1b873593, depth);
    for (let k = 0; k < depth; k++) {
      const id = locIds[sampleLocs[from + k]];
      locs[at + k] = id;
      h = mix(h, id);
    }
    const set = labelStart[s] === labelStart[s + 1] ? ownSet : labels.of(p, s, src.labels);
    h = finish(mix(h, set));

    let slot = h & table.mask;
    let found = -1;
    for (let e = table.slots[slot]; e !== 0; e = table.slots[slot]) {
      const i = e - 1;
      if (table.hashes[i] === h && labelSet[i] === set && sameStack(m, i, at, depth)) {
        found = i;
        break;
      }
      slot = (slot + 1) & table.mask;
    }
    if (found >= 0) {
      for (let t = 0; t < nt; t++) mValues[found * nt + t] += values[t];
      continue;
    }
    table.add(slot, h);
    locStart[n + 1] = at + depth;
    for (let t = 0; t < nt; t++) mValues[n * nt + t] = values[t];
    labelSet[n] = set;
    source[n] = si;
    sourceSample[n] = s;
    n++;
  }
}

/** Whether merged sample i has the stack written at `at` (depth long). */
function sameStack(m: MergedSamples, i: number, at: number, depth: number): boolean {
  const locStart = m.locStart;
  const from = locStart[i];
  if (locStart[i + 1] - from !== depth) return false;
  const locs = m.locs;
  for (let k = 0; k < depth; k++) if (locs[from + k] !== locs[at + k]) return false;
  return true;
}

/** The first n items, copied only when much of the column is spare (a copy of a big column costs a peak). */
function trimmed<T extends Int32Array | Float64Array>(a: T, n: number): T {
  return (n * 4 >= a.length * 3 ? a.subarray(0, n) : a.slice(0, n)) as T;
}

/**
 * Keeps the samples whose sums are not all 0, and only the locations, functions and mappings they use, in
 * the order pprof's re-merge numbers them. The sample columns are compacted in place.
 */
function compact(sources: readonly MergeSource[], m: MergedSamples, count: number, nt: number, u: LocationUnifier): DecodedProfile {
  const { values, locStart, locs } = m;
  const keep = new Uint8Array(count);
  const locNew = new Int32Array(u.locationCount).fill(-1);
  const locOrder = new GrowableI32();
  let n = 0;
  let k = 0;
  // In place: what is written (at n, k) never passes what is still to be read (at i, from).
  for (let i = 0, from = 0; i < count; i++) {
    const to = locStart[i + 1];
    let nonzero = false;
    for (let t = 0; t < nt; t++) if (values[i * nt + t] !== 0) nonzero = true;
    if (!nonzero) {
      from = to;
      continue;
    }
    keep[i] = 1;
    for (let t = 0; t < nt; t++) values[n * nt + t] = values[i * nt + t];
    for (let j = from; j < to; j++) {
      const l = locs[j];
      let id = locNew[l];
      if (id < 0) {
        id = locNew[l] = locOrder.length;
        locOrder.push(l);
      }
      locs[k++] = id;
    }
    locStart[++n] = k;
    from = to;
  }
  const kept = n;

  // Mappings and functions, in the order the kept locations first use them; the main mapping first.
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
  const order = locOrder.view();
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

  return {
    ...combineHeaders(sources.map((s) => s.profile)),
    mappings,
    functionCount: nf,
    funcName,
    funcSystemName,
    funcFile,
    funcStartLine,
    locationCount: nl,
    locAddress,
    locMapping,
    locIsFolded,
    locLineStart,
    lineFunction,
    lineNumber,
    sampleCount: kept,
    sampleValues: trimmed(values, kept * nt),
    sampleLocStart: trimmed(locStart, kept + 1),
    sampleLocs: trimmed(locs, k),
    ...keptLabels(sources, m, keep),
  };
}

/** The labels of each kept sample: those of the first source sample with its key, with its source's labels. */
function keptLabels(sources: readonly MergeSource[], m: MergedSamples, keep: Uint8Array) {
  const labelStart = new Int32Array(keep.length + 1);
  const labelKey: string[] = [];
  const labelStr: (string | undefined)[] = [];
  const labelNum: number[] = [];
  const labelUnit: string[] = [];
  const extras = sources.map((s) => Object.entries(s.labels ?? {}));
  let n = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const si = m.source[i];
    const p = sources[si].profile;
    const s = m.sourceSample[i];
    const extra = sources[si].labels;
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      const str = p.labelStr[j];
      if (extra && str !== undefined && Object.hasOwn(extra, p.labelKey[j])) continue;
      labelKey.push(p.labelKey[j]);
      labelStr.push(str);
      labelNum.push(p.labelNum[j]);
      labelUnit.push(p.labelUnit[j]);
    }
    for (const [key, value] of extras[si]) {
      labelKey.push(key);
      labelStr.push(value);
      labelNum.push(0);
      labelUnit.push('');
    }
    labelStart[++n] = labelKey.length;
  }
  return { labelStart: labelStart.slice(0, n + 1), labelKey, labelStr, labelNum: Float64Array.from(labelNum), labelUnit };
}
