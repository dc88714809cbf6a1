// pprof's -sample_index: a number, or a sample type name ("inuse_" may be left off), default = the profile's
// pick. The CLI and the Select Sample Type command both resolve names here.
import type { ValueType } from './profile';

/** A profile, or its summary. */
interface SampleTypes {
  readonly sampleTypes: readonly ValueType[];
  readonly defaultSampleIndex: number;
}

/** The sample type that `spec` names, as pprof reads it; undefined when there is none. */
export function findSampleIndex(p: SampleTypes, spec: string | number): number | undefined {
  if (typeof spec === 'number' || /^[+-]?\d+$/.test(spec)) {
    const i = Number(spec);
    return Number.isInteger(i) && i >= 0 && i < p.sampleTypes.length ? i : undefined;
  }
  const noInuse = spec.startsWith('inuse_') ? spec.slice('inuse_'.length) : spec;
  const i = p.sampleTypes.findIndex((t) => t.type === spec || t.type === noInuse);
  return i >= 0 ? i : undefined;
}

/** findSampleIndex with pprof's errors; no spec means the profile's default. */
export function sampleIndexByName(p: SampleTypes, spec: string | undefined): number {
  if (p.sampleTypes.length === 0) throw new Error('the profile has no sample types');
  if (spec === undefined || spec === '') return p.defaultSampleIndex;
  const i = findSampleIndex(p, spec);
  if (i !== undefined) return i;
  if (/^[+-]?\d+$/.test(spec)) throw new Error(`sample_index ${spec} is outside the range [0..${p.sampleTypes.length - 1}]`);
  throw new Error(`sample_index ${JSON.stringify(spec)} must be one of: ${p.sampleTypes.map((t) => t.type).join(', ')}`);
}
