// pprof's report total (report.computeTotal): the sum of |value| over the samples. go tool pprof first
// merges samples with the same stack and labels (profile.Merge, run on every profile it reads), so a delta
// profile's +x and -x on one stack cancel before the magnitudes are summed. Without negative values the
// merge cannot change the sum, and the fast path skips it. pprof merges before it applies drop_frames, so
// the merge looks at the stacks as decoded.
import type { DecodedProfile } from './profile';

/** The report total of every sample type, in one pass over the samples (two when a value is negative). */
export function reportTotals(p: DecodedProfile): Float64Array {
  const nt = p.sampleTypes.length;
  const v = p.sampleValues;
  const totals = new Float64Array(nt);
  let negative = false;
  for (let s = 0; s < p.sampleCount; s++) {
    for (let t = 0; t < nt; t++) {
      const x = v[s * nt + t];
      if (x < 0) negative = true;
      totals[t] += Math.abs(x);
    }
  }
  return negative ? mergedTotals(p) : totals;
}

function mergedTotals(p: DecodedProfile): Float64Array {
  const loc = canonicalLocations(p);
  const nt = p.sampleTypes.length;
  const sums = new Map<string, Float64Array>();
  for (let s = 0; s < p.sampleCount; s++) {
    const ids: number[] = [];
    for (let k = p.sampleLocStart[s]; k < p.sampleLocStart[s + 1]; k++) ids.push(loc[p.sampleLocs[k]]);
    const key = ids.join('|') + '\u0000' + labelKey(p, s);
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = new Float64Array(nt)));
    for (let t = 0; t < nt; t++) sum[t] += p.sampleValues[s * nt + t];
  }
  const totals = new Float64Array(nt);
  for (const sum of sums.values()) for (let t = 0; t < nt; t++) totals[t] += Math.abs(sum[t]);
  return totals;
}

/** The sample's labels as pprof's merge key sees them: per key, its values in order; keys sorted. */
function labelKey(p: DecodedProfile, s: number): string {
  const byKey = new Map<string, string[]>();
  for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
    const str = p.labelStr[j];
    const k = (str === undefined ? '#' : '$') + p.labelKey[j];
    const v = str ?? `${p.labelNum[j]}/${p.labelUnit[j]}`;
    const list = byKey.get(k);
    if (list) list.push(v);
    else byKey.set(k, [v]);
  }
  return [...byKey].map(([k, vs]) => JSON.stringify([k, vs])).sort().join('');
}

/** Locations pprof's merge treats as one get one id: same mapping, offset in it, folding and lines. */
function canonicalLocations(p: DecodedProfile): Int32Array {
  const fnIds = new Map<string, number>();
  const fn = new Int32Array(p.functionCount);
  for (let f = 0; f < p.functionCount; f++) {
    const key = JSON.stringify([p.funcStartLine[f], p.funcName[f], p.funcSystemName[f], p.funcFile[f]]);
    let id = fnIds.get(key);
    if (id === undefined) fnIds.set(key, (id = fnIds.size));
    fn[f] = id;
  }
  const mapKeys = p.mappings.map((m) => {
    const size = Math.ceil((m.limit - m.start) / 0x1000) * 0x1000;
    return `${size}/${m.offset}/${m.buildId || m.file}`;
  });
  const locIds = new Map<string, number>();
  const out = new Int32Array(p.locationCount);
  for (let l = 0; l < p.locationCount; l++) {
    const m = p.locMapping[l];
    const addr = m >= 0 ? p.locAddress[l] - p.mappings[m].start : p.locAddress[l];
    const parts = [m >= 0 ? mapKeys[m] : '', addr, p.locIsFolded[l]];
    for (let j = p.locLineStart[l]; j < p.locLineStart[l + 1]; j++) parts.push(fn[p.lineFunction[j]], p.lineNumber[j]);
    const key = JSON.stringify(parts);
    let id = locIds.get(key);
    if (id === undefined) locIds.set(key, (id = locIds.size));
    out[l] = id;
  }
  return out;
}
