// PROVISIONAL: concatenates profiles (ids offset, samples kept apart), which gives every aggregate pprof's
// numbers but not its merged sample list. The exact merge (profile.Merge) replaces it.
import type { DecodedProfile, Mapping, ValueType } from './profile';
import { ProfileError } from './profile';

export interface MergeSource {
  readonly profile: DecodedProfile;
  /** Multiplies every value (pprof's Scale; -1 negates a base). */
  readonly scale?: number;
  /** Labels added to every sample of this source. */
  readonly labels?: Readonly<Record<string, string>>;
}

const typeName = (t: ValueType) => `${t.type}/${t.unit}`;

export function mergeProfiles(sources: readonly MergeSource[]): DecodedProfile {
  if (sources.length === 0) throw new ProfileError('nothing to merge');
  const first = sources[0].profile;
  const types = first.sampleTypes.map(typeName).join(',');
  for (const s of sources) {
    if (s.profile.sampleTypes.map(typeName).join(',') !== types) {
      throw new ProfileError(`incompatible sample types ${first.sampleTypes.map(typeName).join(',')} and ${s.profile.sampleTypes.map(typeName).join(',')}`);
    }
  }
  const nt = first.sampleTypes.length;
  const mappings: Mapping[] = [];
  const funcName: string[] = [], funcSystemName: string[] = [], funcFile: string[] = [], funcStartLine: number[] = [];
  const locAddress: number[] = [], locMapping: number[] = [], locIsFolded: number[] = [], locLineStart: number[] = [0];
  const lineFunction: number[] = [], lineNumber: number[] = [];
  const sampleValues: number[] = [], sampleLocStart: number[] = [0], sampleLocs: number[] = [];
  const labelStart: number[] = [0], labelKey: string[] = [], labelStr: (string | undefined)[] = [], labelNum: number[] = [], labelUnit: string[] = [];
  let timeNanos = 0, durationNanos = 0, period = 0, sampleCount = 0;
  const comments: string[] = [];
  for (const { profile: p, scale = 1, labels = {} } of sources) {
    const mapBase = mappings.length, funcBase = funcName.length, locBase = locAddress.length, lineBase = lineFunction.length;
    mappings.push(...p.mappings);
    for (let f = 0; f < p.functionCount; f++) {
      funcName.push(p.funcName[f]); funcSystemName.push(p.funcSystemName[f]); funcFile.push(p.funcFile[f]); funcStartLine.push(p.funcStartLine[f]);
    }
    for (let l = 0; l < p.locationCount; l++) {
      locAddress.push(p.locAddress[l]);
      locMapping.push(p.locMapping[l] < 0 ? -1 : p.locMapping[l] + mapBase);
      locIsFolded.push(p.locIsFolded[l]);
      locLineStart.push(p.locLineStart[l + 1] + lineBase);
    }
    for (let j = 0; j < p.lineFunction.length; j++) {
      lineFunction.push(p.lineFunction[j] < 0 ? -1 : p.lineFunction[j] + funcBase);
      lineNumber.push(p.lineNumber[j]);
    }
    for (let s = 0; s < p.sampleCount; s++) {
      for (let t = 0; t < nt; t++) sampleValues.push(p.sampleValues[s * nt + t] * scale);
      for (let k = p.sampleLocStart[s]; k < p.sampleLocStart[s + 1]; k++) sampleLocs.push(p.sampleLocs[k] + locBase);
      sampleLocStart.push(sampleLocs.length);
      for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
        labelKey.push(p.labelKey[j]); labelStr.push(p.labelStr[j]); labelNum.push(p.labelNum[j]); labelUnit.push(p.labelUnit[j]);
      }
      for (const [k, v] of Object.entries(labels)) {
        labelKey.push(k); labelStr.push(v); labelNum.push(0); labelUnit.push('');
      }
      labelStart.push(labelKey.length);
    }
    sampleCount += p.sampleCount;
    if (timeNanos === 0 || p.timeNanos < timeNanos) timeNanos = p.timeNanos;
    durationNanos += p.durationNanos;
    period = Math.max(period, p.period);
    for (const c of p.comments) if (!comments.includes(c)) comments.push(c);
  }
  return {
    sampleTypes: first.sampleTypes,
    defaultSampleIndex: first.defaultSampleIndex,
    mappings,
    functionCount: funcName.length,
    funcName, funcSystemName, funcFile, funcStartLine: Float64Array.from(funcStartLine),
    locationCount: locAddress.length,
    locAddress: Float64Array.from(locAddress), locMapping: Int32Array.from(locMapping), locIsFolded: Uint8Array.from(locIsFolded),
    locLineStart: Int32Array.from(locLineStart), lineFunction: Int32Array.from(lineFunction), lineNumber: Float64Array.from(lineNumber),
    sampleCount, sampleValues: Float64Array.from(sampleValues), sampleLocStart: Int32Array.from(sampleLocStart), sampleLocs: Int32Array.from(sampleLocs),
    labelStart: Int32Array.from(labelStart), labelKey, labelStr, labelNum: Float64Array.from(labelNum), labelUnit,
    dropFrames: first.dropFrames, keepFrames: first.keepFrames, timeNanos, durationNanos,
    periodType: first.periodType, period, comments,
  };
}
