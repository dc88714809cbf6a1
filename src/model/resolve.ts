// Second pass: wire ids → dense indices, string indices → strings, checked once so that nothing
// downstream can meet a dangling reference.
import type { RawProfile } from './decodeWire';
import { Mapping, Profile, ProfileError, ValueType } from './profile';

export function resolveProfile(raw: RawProfile): Profile {
  const strings = raw.strings;
  if (strings.length > 0 && strings[0] !== '') {
    throw new ProfileError(`corrupt profile: string table entry 0 must be empty, found ${JSON.stringify(strings[0].slice(0, 40))}`);
  }
  const str = (i: number, what: string): string => {
    if (i >= 0 && i < strings.length && Number.isInteger(i)) return strings[i];
    if (i === 0) return '';
    throw new ProfileError(`corrupt profile: ${what} uses string index ${i}, but the string table has ${strings.length} entries`);
  };

  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < raw.sampleTypes.length; i += 2) {
    sampleTypes.push({ type: str(raw.sampleTypes[i], 'a sample type'), unit: str(raw.sampleTypes[i + 1], 'a sample type') });
  }

  // Functions
  const nf = raw.funcIds.length;
  const funcIndex = idIndex(raw.funcIds.data, nf, 'function');
  const funcName: string[] = new Array(nf);
  const funcSystemName: string[] = new Array(nf);
  const funcFile: string[] = new Array(nf);
  for (let i = 0; i < nf; i++) {
    funcName[i] = str(raw.funcStrs.data[3 * i], `function ${raw.funcIds.data[i]}`);
    funcSystemName[i] = str(raw.funcStrs.data[3 * i + 1], `function ${raw.funcIds.data[i]}`);
    funcFile[i] = str(raw.funcStrs.data[3 * i + 2], `function ${raw.funcIds.data[i]}`);
  }

  // Mappings
  const mappings: Mapping[] = [];
  const mappingIds = Float64Array.from(raw.mappingIds);
  const mappingIndex = idIndex(mappingIds, mappingIds.length, 'mapping');
  for (let i = 0; i < raw.mappingIds.length; i++) {
    const flags = raw.mappingFlags[i];
    mappings.push({
      start: raw.mappingNums[3 * i],
      limit: raw.mappingNums[3 * i + 1],
      offset: raw.mappingNums[3 * i + 2],
      file: str(raw.mappingStrs[2 * i], `mapping ${raw.mappingIds[i]}`),
      buildId: str(raw.mappingStrs[2 * i + 1], `mapping ${raw.mappingIds[i]}`),
      hasFunctions: (flags & 1) !== 0,
      hasFilenames: (flags & 2) !== 0,
      hasLineNumbers: (flags & 4) !== 0,
      hasInlineFrames: (flags & 8) !== 0,
    });
  }

  // Locations and their lines. A line with function id 0 has no function (pprof keeps it as nil);
  // it carries nothing we can show, so it is dropped here.
  const nl = raw.locIds.length;
  const locIndex = idIndex(raw.locIds.data, nl, 'location');
  const locMapping = new Int32Array(nl);
  const locLineStart = new Int32Array(nl + 1);
  const lineFunction = new Int32Array(raw.lineFuncIds.length);
  const lineNumber = new Float64Array(raw.lineFuncIds.length);
  let nLines = 0;
  for (let i = 0; i < nl; i++) {
    const mid = raw.locMappingIds.data[i];
    locMapping[i] = mid === 0 ? -1 : mappingIndex(mid) ?? -1;
    locLineStart[i] = nLines;
    for (let j = raw.locLineStart.data[i]; j < raw.locLineStart.data[i + 1]; j++) {
      const fid = raw.lineFuncIds.data[j];
      if (fid === 0) continue;
      const fi = funcIndex(fid);
      if (fi === undefined) {
        throw new ProfileError(`corrupt profile: location ${raw.locIds.data[i]} references function ${fid}, which does not exist`);
      }
      lineFunction[nLines] = fi;
      lineNumber[nLines] = raw.lineNumbers.data[j];
      nLines++;
    }
  }
  locLineStart[nl] = nLines;

  // Samples
  const ns = raw.sampleLocStart.length - 1;
  const nt = sampleTypes.length;
  const vs = raw.sampleValueStart.data;
  for (let s = 0; s < ns; s++) {
    if (vs[s + 1] - vs[s] !== nt) {
      throw new ProfileError(`corrupt profile: sample ${s} has ${vs[s + 1] - vs[s]} values but the profile has ${nt} sample types`);
    }
  }
  const sampleLocs = raw.sampleLocIds.finish();
  // In place: wire ids become location indices. The dense table is inlined: this loop runs once per frame.
  const dense = locIndex.table;
  for (let k = 0; k < sampleLocs.length; k++) {
    const v = sampleLocs[k];
    let li = dense !== undefined && v >= 0 && v < dense.length ? dense[v] : -1;
    if (li < 0) {
      const id = v >= 0 ? v : raw.bigLocIds[-v - 1];
      li = locIndex(id) ?? -1;
      if (li < 0) throw new ProfileError(`corrupt profile: a sample references location ${id}, which does not exist`);
    }
    sampleLocs[k] = li;
  }

  const labels = resolveLabels(raw, str);

  const dflt = raw.defaultSampleType ? str(raw.defaultSampleType, 'default_sample_type') : '';
  const found = dflt ? sampleTypes.findIndex((t) => t.type === dflt) : -1;

  return {
    sampleTypes,
    defaultSampleIndex: found >= 0 ? found : Math.max(0, nt - 1),
    mappings,
    functionCount: nf,
    funcName,
    funcSystemName,
    funcFile,
    funcStartLine: raw.funcStartLine.finish(),
    locationCount: nl,
    locAddress: raw.locAddress.finish(),
    locMapping,
    locIsFolded: Uint8Array.from(raw.locIsFolded.data.subarray(0, nl)),
    locLineStart,
    lineFunction: lineFunction.slice(0, nLines),
    lineNumber: lineNumber.slice(0, nLines),
    sampleCount: ns,
    sampleValues: raw.sampleValues.finish(),
    sampleLocStart: raw.sampleLocStart.finish(),
    sampleLocs,
    ...labels,
    dropFrames: str(raw.dropFrames, 'drop_frames'),
    keepFrames: str(raw.keepFrames, 'keep_frames'),
    timeNanos: raw.timeNanos,
    durationNanos: raw.durationNanos,
    periodType: raw.periodType
      ? { type: str(raw.periodType[0], 'period_type'), unit: str(raw.periodType[1], 'period_type') }
      : undefined,
    period: raw.period,
    comments: raw.comments.map((c) => str(c, 'a comment')),
  };
}

// pprof keeps a label only if it has a string value, or a number or a unit (postDecode).
function resolveLabels(raw: RawProfile, str: (i: number, what: string) => string) {
  const ns = raw.labelStart.length - 1;
  const labelStart = new Int32Array(ns + 1);
  const labelKey: string[] = [];
  const labelStr: (string | undefined)[] = [];
  const labelNum = new Float64Array(raw.labelKey.length);
  const labelUnit: string[] = [];
  const src = raw.labelStart.data;
  let n = 0;
  for (let s = 0; s < ns; s++) {
    labelStart[s] = n;
    for (let j = src[s]; j < src[s + 1]; j++) {
      const sx = raw.labelStr.data[j];
      const num = raw.labelNum.data[j];
      const ux = raw.labelUnit.data[j];
      if (sx === 0 && num === 0 && ux === 0) continue;
      labelKey.push(str(raw.labelKey.data[j], 'a label key'));
      labelStr.push(sx !== 0 ? str(sx, 'a label value') : undefined);
      labelNum[n] = sx !== 0 ? 0 : num;
      labelUnit.push(sx !== 0 ? '' : str(ux, 'a label unit'));
      n++;
    }
  }
  labelStart[ns] = n;
  return { labelStart, labelKey, labelStr, labelNum: labelNum.slice(0, n), labelUnit };
}

/** Maps wire ids to indices: a dense table when the ids are compact (the usual 1..N), else a Map. */
type IdIndex = ((id: number) => number | undefined) & { table?: Int32Array };

function idIndex(ids: Float64Array, n: number, what: string): IdIndex {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (id === 0) throw new ProfileError(`corrupt profile: a ${what} has the reserved id 0`);
    if (id > max) max = id;
  }
  if (max <= 4 * n + 1024) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      if (table[ids[i]] !== -1) throw new ProfileError(`corrupt profile: two ${what}s have the id ${ids[i]}`);
      table[ids[i]] = i;
    }
    const lookup: IdIndex = (id) => {
      const v = id <= max ? table[id] : -1;
      return v === -1 || v === undefined ? undefined : v;
    };
    lookup.table = table;
    return lookup;
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (map.has(ids[i])) throw new ProfileError(`corrupt profile: two ${what}s have the id ${ids[i]}`);
    map.set(ids[i], i);
  }
  return (id) => map.get(id);
}
