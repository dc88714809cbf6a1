// Which sample types the walk adds up, and which it derives: a sample type that is a whole multiple of
// another, sample by sample, needs no walk of its own.
import type { Profile } from '../profile/profile';

export interface Columns {
  readonly walked: readonly number[];
  readonly derived: readonly { readonly column: number; readonly of: number; readonly factor: number }[];
}

const columnCache = new WeakMap<Profile, Columns>();

/**
 * The sample types to walk, and those that are a whole multiple of one walked, sample by sample (a CPU
 * profile's cpu/nanoseconds is samples/count times the period): their sums are the same multiple, exactly
 * (integer sums below 2^53), and walking one sample type costs much less than walking two.
 */
export function columnsOf(p: Profile): Columns {
  let out = columnCache.get(p);
  if (out) return out;
  const nt = p.sampleTypes.length;
  const walked = nt > 0 ? [0] : [];
  const derived: { column: number; of: number; factor: number }[] = [];
  const v = p.sampleValues;
  for (let t = 1; t < nt; t++) {
    let factor = NaN;
    let s = 0;
    for (; s < p.sampleCount; s++) {
      const a = v[s * nt];
      const b = v[s * nt + t];
      if (a === 0) {
        if (b !== 0) break;
        continue;
      }
      if (Number.isNaN(factor)) {
        factor = b / a;
        if (!Number.isInteger(factor)) break;
      }
      if (b !== factor * a) break;
    }
    if (s === p.sampleCount && !Number.isNaN(factor)) derived.push({ column: t, of: 0, factor });
    else walked.push(t);
  }
  out = { walked, derived };
  columnCache.set(p, out);
  return out;
}

/** Whether walking every sample type costs no more than walking one (see columnsOf). */
export function everyTypeInOnePass(p: Profile): boolean {
  return columnsOf(p).walked.length === 1;
}
