// Append-only typed arrays (the decoder's columns, the merge's): one allocation per doubling, never one object per item.
import { keepShape } from './keepShape';

/** A column of n items, on shared memory when asked, so that it goes to other threads as it is (worker/sharedProfile.ts). */
export function typedColumn<T extends Int32Array | Float64Array>(Ctor: { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, n: number, shared: boolean): T {
  return new Ctor(shared ? new SharedArrayBuffer(n * Ctor.BYTES_PER_ELEMENT) : new ArrayBuffer(n * Ctor.BYTES_PER_ELEMENT));
}

export class GrowableF64 {
  data: Float64Array;
  length = 0;
  /** `shared`: on shared memory (typedColumn). */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = this.allocate(Math.max(16, capacity));
  }
  private allocate(n: number): Float64Array {
    return typedColumn(Float64Array, n, this.shared);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  /** Makes room for n more items, so a caller can write into `data` directly. */
  reserve(n: number): void {
    while (this.length + n > this.data.length) this.grow();
  }
  private grow(): void {
    const next = this.allocate(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  /** The items; copied only when much capacity is spare, since a copy of a big column costs time and a peak. */
  finish(): Float64Array {
    return this.length * 4 >= this.data.length * 3 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
  }
  /** The items, never copied: for a column whose capacity was an upper bound that was never touched beyond length. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Exact uint64s: addresses, one per location (not per sample), so on plain memory. */
export class GrowableU64 {
  data: BigUint64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new BigUint64Array(Math.max(16, capacity));
  }
  push(v: bigint): void {
    if (this.length === this.data.length) {
      const next = new BigUint64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(): BigUint64Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableI32 {
  data: Int32Array;
  length = 0;
  /** `shared`: on shared memory (typedColumn). */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = this.allocate(Math.max(16, capacity));
  }
  private allocate(n: number): Int32Array {
    return typedColumn(Int32Array, n, this.shared);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  reserve(n: number): void {
    while (this.length + n > this.data.length) this.grow();
  }
  private grow(): void {
    const next = this.allocate(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
  finish(): Int32Array {
    return this.length * 4 >= this.data.length * 3 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length);
  }
  /** The items, never copied (see GrowableF64.view). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

keepShape(new GrowableF64(16));
keepShape(new GrowableI32(16));
