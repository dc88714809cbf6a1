// pprof's -sample_index: a number, or a sample type name ("inuse_" may be left off), default = the profile's pick.
import type { Profile } from './profile';

export function sampleIndexByName(p: Profile, spec: string | undefined): number {
  if (p.sampleTypes.length === 0) throw new Error('the profile has no sample types');
  if (spec === undefined || spec === '') return p.defaultSampleIndex;
  if (/^[+-]?\d+$/.test(spec)) {
    const i = Number(spec);
    if (i < 0 || i >= p.sampleTypes.length) {
      throw new Error(`sample_index ${spec} is outside the range [0..${p.sampleTypes.length - 1}]`);
    }
    return i;
  }
  const noInuse = spec.startsWith('inuse_') ? spec.slice('inuse_'.length) : spec;
  const i = p.sampleTypes.findIndex((t) => t.type === spec || t.type === noInuse);
  if (i < 0) {
    throw new Error(`sample_index ${JSON.stringify(spec)} must be one of: ${p.sampleTypes.map((t) => t.type).join(', ')}`);
  }
  return i;
}
