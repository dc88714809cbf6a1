// Second pass: wire ids → dense indices, string indices → strings, checked once so that nothing
// downstream can meet a dangling reference.
import type { RawProfile } from './rawProfile';
import { DecodedProfile, Mapping, ProfileError, ValueType } from '../profile/profile';
import { keepShape } from '../base/keepShape';
import { typedColumn } from '../base/growableColumns';

export function resolveWireIds(raw: RawProfile): DecodedProfile {
  const strings = raw.strings;
  if (strings.length > 0 && strings[0] !== '') {
    throw new ProfileError(`corrupt profile: string table entry 0 must be empty, found ${JSON.stringify(strings[0].slice(0, 40))}`);
  }
  const str = (i: number, what: string): string => {
    if (i >= 0 && i < strings.length && Number.isInteger(i)) return strings[i];
    if (i === 0) return '';
    throw badString(i, what, strings.length);
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
  const fs = raw.funcStrs.data;
  const nStr = strings.length;
  for (let i = 0; i < nf; i++) {
    const a = fs[3 * i];
    const b = fs[3 * i + 1];
    const c = fs[3 * i + 2];
    // Indices come from varints: never fractional; only a bound to check (an empty table allows index 0).
    if (a >= nStr || b >= nStr || c >= nStr || a < 0 || b < 0 || c < 0) {
      for (const x of [a, b, c]) str(x, `function ${raw.funcIds.data[i]}`);
    }
    funcName[i] = nStr === 0 ? '' : strings[a];
    funcSystemName[i] = nStr === 0 ? '' : strings[b];
    funcFile[i] = nStr === 0 ? '' : strings[c];
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

  // Locations and their lines. A line with function id 0 has no function: pprof keeps it (a nil Function)
  // and its graph shows it as it shows a location without lines, by the mapping's file alone (nodeInfo
  // leaves out the line number too). Such lines share one added function whose name, file and start line
  // are empty, and they keep line 0, so every stage after this one sees an ordinary nameless frame.
  const nl = raw.locIds.length;
  const locIndex = idIndex(raw.locIds.data, nl, 'location');
  const locMapping = new Int32Array(nl);
  const locLineStart = new Int32Array(nl + 1);
  const nLines = raw.lineFuncIds.length;
  const lineFunction = new Int32Array(nLines);
  const lineNumber = new Float64Array(nLines);
  let noFunction = false;
  for (let i = 0; i < nl; i++) {
    const mid = raw.locMappingIds.data[i];
    locMapping[i] = mid === 0 ? -1 : mappingIndex.get(mid) ?? -1;
    locLineStart[i] = raw.locLineStart.data[i];
    for (let j = raw.locLineStart.data[i]; j < raw.locLineStart.data[i + 1]; j++) {
      const fid = raw.lineFuncIds.data[j];
      if (fid === 0) {
        lineFunction[j] = nf;
        noFunction = true;
        continue;
      }
      const fi = funcIndex.get(fid);
      if (fi === undefined) {
        throw new ProfileError(`corrupt profile: location ${raw.locIds.data[i]} references function ${fid}, which does not exist`);
      }
      lineFunction[j] = fi;
      lineNumber[j] = raw.lineNumbers.data[j];
    }
  }
  if (noFunction) {
    funcName.push('');
    funcSystemName.push('');
    funcFile.push('');
    raw.funcStartLine.push(0);
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
  const sampleLocs = raw.sampleLocIds.view();
  if (raw.oddLocIds || raw.maxLocId > nl || !isIdentity(raw.locIds.data, nl)) resolveLocationIds(raw, sampleLocs, locIndex);

  const labels = resolveLabels(raw, str);

  const dflt = raw.defaultSampleType ? str(raw.defaultSampleType, 'default_sample_type') : '';
  const found = dflt ? sampleTypes.findIndex((t) => t.type === dflt) : -1;

  return {
    sampleTypes,
    defaultSampleIndex: found >= 0 ? found : Math.max(0, nt - 1),
    defaultSampleType: dflt,
    mappings,
    functionCount: noFunction ? nf + 1 : nf,
    funcName,
    funcSystemName,
    funcFile,
    funcStartLine: raw.funcStartLine.finish(),
    locationCount: nl,
    locAddress: raw.locAddress.finish(),
    locMapping,
    locIsFolded: Uint8Array.from(raw.locIsFolded.data.subarray(0, nl)),
    locLineStart,
    lineFunction,
    lineNumber,
    sampleCount: ns,
    sampleValues: raw.sampleValues.view(),
    sampleLocStart: raw.sampleLocStart.view(),
    sampleLocs,
    labelStart: labels.labelStart,
    labelKey: labels.labelKey,
    labelStr: labels.labelStr,
    labelNum: labels.labelNum,
    labelUnit: labels.labelUnit,
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

function badString(i: number, what: string, entries: number): ProfileError {
  return new ProfileError(`corrupt profile: ${what} uses string index ${i}, but the string table has ${entries} entries`);
}

/** Whether location i has the id i + 1 for every i, the way pprof and Go number them. */
function isIdentity(ids: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (ids[i] !== i + 1) return false;
  return true;
}

/**
 * Samples hold id - 1, which is already the location index when ids are 1..N in order (and no sample uses
 * an id beyond N): then nothing is done. Otherwise, in place, each becomes the index of its id.
 */
function resolveLocationIds(raw: RawProfile, sampleLocs: Int32Array, locIndex: IdIndex): void {
  const dense = locIndex.table;
  for (let k = 0; k < sampleLocs.length; k++) {
    const v = sampleLocs[k];
    let li = dense !== undefined && v >= 0 && v + 1 < dense.length ? dense[v + 1] : -1;
    if (li < 0) {
      const id = v >= 0 ? v + 1 : v === -1 ? 0 : raw.bigLocIds[-v - 2];
      li = locIndex.get(id) ?? -1;
      if (li < 0) throw new ProfileError(`corrupt profile: a sample references location ${id}, which does not exist`);
    }
    sampleLocs[k] = li;
  }
}

// pprof keeps a label only if it has a string value, or a number or a unit (postDecode).
function resolveLabels(raw: RawProfile, str: (i: number, what: string) => string) {
  const ns = raw.labelStart.length - 1;
  // Made as the other sample columns are (readWireColumns.ts's DecodeHow).
  const { shared, room } = raw.sampleColumns;
  const labelStart = typedColumn(Int32Array, (ns + 1) * room, shared).subarray(0, ns + 1);
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
class IdIndex {
  constructor(
    readonly table: Int32Array | undefined,
    private readonly map: Map<number, number> | undefined,
  ) {}

  get(id: number): number | undefined {
    const t = this.table;
    if (t === undefined) return this.map!.get(id);
    const v = id < t.length ? t[id] : -1;
    return v === -1 ? undefined : v;
  }
}

keepShape(new IdIndex(new Int32Array(0), undefined));

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
    return new IdIndex(table, undefined);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (map.has(ids[i])) throw new ProfileError(`corrupt profile: two ${what}s have the id ${ids[i]}`);
    map.set(ids[i], i);
  }
  return new IdIndex(undefined, map);
}
