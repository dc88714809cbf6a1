// pprof's profile.Merge on columns: samples with the same merged locations and the same labels add up,
// samples whose values are all 0 are dropped (before and after adding), and the result is compacted as
// pprof's re-merge leaves it: only what the kept samples use, numbered in the order they first use it, the
// main binary's mapping first. A source may be scaled first (pprof's Scale/ScaleN, rounding as Go does)
// and may carry labels that its samples get (pprof's SetLabel), e.g. the base's `pprof::base` or an
// `instance`. No object is made per sample: stacks are hashed as numbers.
import { GrowableF64, GrowableI32 } from '../base/growableColumns';
import { HashSlots, mix, mixNumber } from './hashTable';
import { checkCompatible, combineHeaders } from './mergeHeaders';
import { LocationUnifier } from './mergeLocations';
import { ProfileError, type DecodedProfile, type Mapping } from './profile';
import { LabelSignatures } from './sampleLabels';
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

interface MergedSamples {
  locStart: GrowableI32;
  locs: GrowableI32;
  values: GrowableF64;
  sigStart: GrowableI32;
  sig: GrowableF64;
  /** Which source and which of its samples first had this key: the merged sample's labels are its. */
  source: GrowableI32;
  sourceSample: GrowableI32;
}

export function mergeProfiles(sources: readonly MergeSource[], verb: 'merge' | 'compare' = 'merge'): DecodedProfile {
  if (sources.length === 0) throw new ProfileError('no profiles to merge');
  checkCompatible(sources, verb);
  const nt = sources[0].profile.sampleTypes.length;
  const unifier = new LocationUnifier();
  const labels = new LabelSignatures();
  const expected = sources.reduce((n, s) => n + s.profile.sampleCount, 0);
  const table = new HashSlots(Math.min(expected, 1 << 22));
  const m: MergedSamples = {
    locStart: new GrowableI32(Math.min(expected, 1 << 22) + 1),
    locs: new GrowableI32(1 << 16),
    values: new GrowableF64(1 << 12),
    sigStart: new GrowableI32(1024),
    sig: new GrowableF64(),
    source: new GrowableI32(1024),
    sourceSample: new GrowableI32(1024),
  };
  m.locStart.push(0);
  m.sigStart.push(0);
  const values = new Float64Array(nt);
  let stack = new Int32Array(256);

  sources.forEach((src, si) => {
    const p = src.profile;
    const locIds = unifier.addProfile(p);
    const ratios = typeof src.scale === 'number' ? new Array<number>(nt).fill(src.scale) : src.scale;
    const scaled = scales(ratios) ? ratios : undefined;
    const extra = labels.internExtra(src.labels);
    const extraKeys = src.labels ? new Set(Object.keys(src.labels)) : undefined;
    const pv = p.sampleValues;
    const hasLabels = p.labelStart[p.sampleCount] > 0 || extra.length > 0;
    for (let s = 0; s < p.sampleCount; s++) {
      let nonzero = false;
      for (let t = 0; t < nt; t++) {
        const v = pv[s * nt + t];
        values[t] = v;
        if (v !== 0) nonzero = true;
      }
      if (scaled && nonzero) nonzero = scaleSample(values, 0, scaled);
      if (!nonzero) continue;

      const from = p.sampleLocStart[s];
      const depth = p.sampleLocStart[s + 1] - from;
      if (depth > stack.length) stack = new Int32Array(depth * 2);
      let h = mix(0x1b873593, depth);
      for (let k = 0; k < depth; k++) {
        const id = locIds[p.sampleLocs[from + k]];
        stack[k] = id;
        h = mix(h, id);
      }
      let sigLength = 0;
      if (hasLabels) {
        labels.of(p, s, extraKeys, extra);
        sigLength = labels.length;
        for (let k = 0; k < sigLength; k++) h = mixNumber(h, labels.sig[k]);
      }

      let slot = h & table.mask;
      let found = -1;
      for (let e = table.slots[slot]; e !== 0; e = table.slots[slot]) {
        const i = e - 1;
        if (table.hashes[i] === h && sameSample(m, i, stack, depth, labels.sig, sigLength)) {
          found = i;
          break;
        }
        slot = (slot + 1) & table.mask;
      }
      if (found >= 0) {
        const at = found * nt;
        for (let t = 0; t < nt; t++) m.values.data[at + t] += values[t];
        continue;
      }
      table.add(slot, h);
      m.locs.reserve(depth);
      m.locs.data.set(stack.subarray(0, depth), m.locs.length);
      m.locs.length += depth;
      m.locStart.push(m.locs.length);
      for (let t = 0; t < nt; t++) m.values.push(values[t]);
      for (let k = 0; k < sigLength; k++) m.sig.push(labels.sig[k]);
      m.sigStart.push(m.sig.length);
      m.source.push(si);
      m.sourceSample.push(s);
    }
  });
  return compact(sources, m, table.size, nt, unifier);
}

function sameSample(m: MergedSamples, i: number, stack: Int32Array, depth: number, sig: Float64Array, sigLength: number): boolean {
  const from = m.locStart.data[i];
  if (m.locStart.data[i + 1] - from !== depth) return false;
  const sigFrom = m.sigStart.data[i];
  if (m.sigStart.data[i + 1] - sigFrom !== sigLength) return false;
  const locs = m.locs.data;
  for (let k = 0; k < depth; k++) if (locs[from + k] !== stack[k]) return false;
  const s = m.sig.data;
  for (let k = 0; k < sigLength; k++) if (s[sigFrom + k] !== sig[k]) return false;
  return true;
}

/**
 * Keeps the samples whose sums are not all 0, and only the locations, functions and mappings they use, in
 * the order pprof's re-merge numbers them.
 */
function compact(sources: readonly MergeSource[], m: MergedSamples, count: number, nt: number, u: LocationUnifier): DecodedProfile {
  const vals = m.values.data;
  const keep = new Uint8Array(count);
  let kept = 0;
  let keptLocs = 0;
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < nt; t++) {
      if (vals[i * nt + t] !== 0) {
        keep[i] = 1;
        kept++;
        keptLocs += m.locStart.data[i + 1] - m.locStart.data[i];
        break;
      }
    }
  }

  const sampleValues = new Float64Array(kept * nt);
  const sampleLocStart = new Int32Array(kept + 1);
  const sampleLocs = new Int32Array(keptLocs);
  const locNew = new Int32Array(u.locationCount).fill(-1);
  const locOrder: number[] = [];
  let n = 0;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (!keep[i]) continue;
    for (let t = 0; t < nt; t++) sampleValues[n * nt + t] = vals[i * nt + t];
    for (let j = m.locStart.data[i]; j < m.locStart.data[i + 1]; j++) {
      const l = m.locs.data[j];
      if (locNew[l] < 0) {
        locNew[l] = locOrder.length;
        locOrder.push(l);
      }
      sampleLocs[k++] = locNew[l];
    }
    sampleLocStart[++n] = k;
  }

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
  const funcNew = new Int32Array(u.funcSource.length).fill(-1);
  const funcOrder: number[] = [];
  const nl = locOrder.length;
  const locAddress = new Float64Array(nl);
  const locMapping = new Int32Array(nl);
  const locIsFolded = new Uint8Array(nl);
  const locLineStart = new Int32Array(nl + 1);
  let lines = 0;
  for (const l of locOrder) lines += u.locLineStart.data[l + 1] - u.locLineStart.data[l];
  const lineFunction = new Int32Array(lines);
  const lineNumber = new Float64Array(lines);
  let line = 0;
  locOrder.forEach((l, i) => {
    const mp = u.locMapping.data[l];
    useMapping(mp);
    locMapping[i] = mp >= 0 ? mapNew[mp] : -1;
    locAddress[i] = u.locRelAddress.data[l] + (mp >= 0 ? u.mappings[mp].start : 0);
    locIsFolded[i] = u.locFolded.data[l];
    for (let j = u.locLineStart.data[l]; j < u.locLineStart.data[l + 1]; j++) {
      const f = u.lineFunction.data[j];
      if (funcNew[f] < 0) {
        funcNew[f] = funcOrder.length;
        funcOrder.push(f);
      }
      lineFunction[line] = funcNew[f];
      lineNumber[line++] = u.lineNumber.data[j];
    }
    locLineStart[i + 1] = line;
  });
  const funcName = funcOrder.map((f) => u.funcSource[f].profile.funcName[u.funcSource[f].index]);
  const funcSystemName = funcOrder.map((f) => u.funcSource[f].profile.funcSystemName[u.funcSource[f].index]);
  const funcFile = funcOrder.map((f) => u.funcSource[f].profile.funcFile[u.funcSource[f].index]);
  const funcStartLine = Float64Array.from(funcOrder, (f) => u.funcSource[f].profile.funcStartLine[u.funcSource[f].index]);

  return {
    ...combineHeaders(sources.map((s) => s.profile)),
    mappings,
    functionCount: funcOrder.length,
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
    sampleValues,
    sampleLocStart,
    sampleLocs,
    ...keptLabels(sources, m, keep),
  };
}

/** The labels of each kept sample: those of the first source sample with its key, with its source's labels. */
function keptLabels(sources: readonly MergeSource[], m: MergedSamples, keep: Uint8Array) {
  const labelStart: number[] = [0];
  const labelKey: string[] = [];
  const labelStr: (string | undefined)[] = [];
  const labelNum: number[] = [];
  const labelUnit: string[] = [];
  const extras = sources.map((s) => Object.entries(s.labels ?? {}));
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const si = m.source.data[i];
    const p = sources[si].profile;
    const s = m.sourceSample.data[i];
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
    labelStart.push(labelKey.length);
  }
  return { labelStart: Int32Array.from(labelStart), labelKey, labelStr, labelNum: Float64Array.from(labelNum), labelUnit };
}
