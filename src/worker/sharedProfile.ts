// One copy of a profile's columns for both worker threads: the columns move into shared memory once, right
// after loading, and a structured clone of the profile then carries them to the other thread by reference.
// On L that is 150 MB that the scan thread would otherwise hold a second time (or decode a second time).
import type { Profile } from '../model/profile/profile';

type Columns = Record<string, unknown>;
type TypedArray = Exclude<ArrayBufferView, DataView>;

/**
 * Puts the columns of `profile` into shared memory, in place, so that nothing keyed by the profile object is
 * lost; call it before any analysis has kept a column of its own.
 */
export function shareColumns(profile: Profile): void {
  const fields = profile as unknown as Columns;
  for (const [key, value] of Object.entries(fields)) {
    if (isUnsharedTypedArray(value)) fields[key] = inSharedMemory(value);
  }
}

function isUnsharedTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v.buffer instanceof SharedArrayBuffer);
}

function inSharedMemory(a: TypedArray): TypedArray {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => TypedArray & { set(src: ArrayLike<number>): void };
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as unknown as ArrayLike<number>);
  return out;
}

/**
 * A profile as it crosses to another thread: its label strings (a comparison repeats `pprof::base` and
 * `true` on every base sample, a million times on a big one) as numbers into a table of the distinct ones,
 * in shared memory; a structured clone then copies no string per label.
 */
export type PackedProfile = Omit<Profile, 'labelKey' | 'labelStr' | 'labelUnit'> & { readonly labels: PackedLabels };

interface PackedLabels {
  readonly strings: readonly string[];
  readonly key: Int32Array;
  /** -1 for a numeric label (labelStr undefined). */
  readonly str: Int32Array;
  readonly unit: Int32Array;
}

export function packProfile(profile: Profile): PackedProfile {
  const { labelKey, labelStr, labelUnit, ...rest } = profile;
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const id = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const n = labelKey.length;
  const column = () => new Int32Array(new SharedArrayBuffer(n * 4));
  const key = column();
  const str = column();
  const unit = column();
  for (let j = 0; j < n; j++) {
    key[j] = id(labelKey[j]);
    const v = labelStr[j];
    str[j] = v === undefined ? -1 : id(v);
    unit[j] = id(labelUnit[j]);
  }
  return { ...rest, labels: { strings, key, str, unit } };
}

export function unpackProfile(packed: PackedProfile): Profile {
  const { labels, ...rest } = packed;
  const { strings, key, str, unit } = labels;
  const n = key.length;
  const labelKey = new Array<string>(n);
  const labelStr = new Array<string | undefined>(n);
  const labelUnit = new Array<string>(n);
  for (let j = 0; j < n; j++) {
    labelKey[j] = strings[key[j]];
    labelStr[j] = str[j] < 0 ? undefined : strings[str[j]];
    labelUnit[j] = strings[unit[j]];
  }
  return { ...rest, labelKey, labelStr, labelUnit };
}
