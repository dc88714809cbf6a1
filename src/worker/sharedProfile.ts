// One copy of a profile's columns for both worker threads: the columns move into shared memory once, right
// after loading, and a structured clone of the profile then carries them to the other thread by reference.
// On L that is 150 MB that the scan thread would otherwise hold a second time (or decode a second time).
import type { Profile } from '../model/profile/profile';
import { packLabels, unpackLabels, type PackedLabels } from '../protocol/packedLabels';

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

/** A profile as it crosses to another thread: columns in shared memory, label strings packed. */
export type PackedProfile = Omit<Profile, 'labelKey' | 'labelStr' | 'labelUnit'> & { readonly labels: PackedLabels };

export const packProfile = (profile: Profile): PackedProfile => packLabels(profile, (n) => new Int32Array(new SharedArrayBuffer(n * 4)));

export const unpackProfile = (packed: PackedProfile): Profile => unpackLabels(packed);
