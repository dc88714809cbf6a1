// Append-only typed arrays (the decoder's columns, the merge's): one allocation per doubling, never one object per item.
import { keepShape } from './keepShape';

export class GrowableF64 {
  data: Float64Array;
  length = 0;
  /** `shared`: on shared memory (see GrowableI32). */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = this.allocate(Math.max(16, capacity));
  }
  private allocate(n: number): Float64Array {
    return this.shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
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

export class GrowableI32 {
  data: Int32Array;
  length = 0;
  /** `shared`: on shared memory, so that the column goes to other threads as it is (worker/sharedProfile.ts). */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.data = this.allocate(Math.max(16, capacity));
  }
  private allocate(n: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
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
