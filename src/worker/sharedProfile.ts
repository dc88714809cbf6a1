// One copy of a profile's columns for both worker threads: the columns move into shared memory once, right
// after decoding, and a structured clone of the profile then carries them to the other thread by reference.
// On L that is 150 MB that the scan thread would otherwise hold a second time (or decode a second time).
import type { Profile } from '../model/profile/profile';

type Columns = Record<string, unknown>;
type TypedArray = Exclude<ArrayBufferView, DataView>;

/**
 * Puts the columns of `decoded` into shared memory, in place, and does the same for `prepared` (the profile
 * after pprof's read rules) where it holds the same arrays. In place, so that nothing keyed by the profile
 * object is lost; call it before any analysis has kept a column of its own.
 */
export function shareColumns(decoded: Profile, prepared: Profile): void {
  const moved = new Map<TypedArray, TypedArray>();
  const fields = decoded as unknown as Columns;
  for (const [key, value] of Object.entries(fields)) {
    if (!isUnsharedTypedArray(value)) continue;
    const shared = inSharedMemory(value);
    moved.set(value, shared);
    fields[key] = shared;
  }
  if (prepared === decoded) return;
  const derived = prepared as unknown as Columns;
  for (const [key, value] of Object.entries(derived)) {
    const shared = isUnsharedTypedArray(value) ? moved.get(value) : undefined;
    if (shared) derived[key] = shared;
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
