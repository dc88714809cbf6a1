// One string object per distinct string-table entry across the profiles a caller decodes together (the
// files of a top made without their merge, report/topParts.ts). Their function names are matched by Map
// look-ups, and V8 compares two equal strings that are different objects through a call into its runtime
// (about 0.3 µs each, once per function and file); strings that are one object are equal at a glance. The
// bytes are hashed and compared here, in typed arrays, and an entry seen before costs no new string.

/** Strings by their UTF-8 bytes. Keep one for a set of profiles, then drop it. */
export class StringInterner {
  private slots = new Int32Array(1 << 12);
  private hashes: number[] = [];
  private strings: string[] = [];
  private starts: number[] = [];
  private store = new Uint8Array(1 << 16);
  private used = 0;

  /** The string of buf[from..to) with hash `h` (hashBytes), when one was added. */
  find(buf: Uint8Array, from: number, to: number, h: number): string | undefined {
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const x = this.slots[slot] - 1;
      if (x < 0) return undefined;
      if (this.hashes[x] !== h) continue;
      const at = this.starts[x];
      if (this.starts[x + 1] - at !== len) continue;
      let same = true;
      for (let k = 0; k < len && same; k++) same = this.store[at + k] === buf[from + k];
      if (same) return this.strings[x];
    }
  }

  /** Adds the string of buf[from..to) with hash `h`, not added before. */
  add(buf: Uint8Array, from: number, to: number, h: number, s: string): void {
    const len = to - from;
    if (this.used + len > this.store.length) {
      const grown = new Uint8Array(Math.max(2 * this.store.length, this.used + len));
      grown.set(this.store.subarray(0, this.used));
      this.store = grown;
    }
    this.store.set(buf.subarray(from, to), this.used);
    const x = this.strings.length;
    if (x === 0) this.starts.push(0);
    this.used += len;
    this.starts.push(this.used);
    this.strings.push(s);
    this.hashes.push(h);
    if (2 * this.strings.length > this.slots.length) this.rehash();
    else this.place(x);
  }

  private place(x: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[x] & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = x + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let x = 0; x < this.strings.length; x++) this.place(x);
  }
}

/** FNV-1a over buf[from..to), its high bits mixed into the low ones. */
export function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ buf[k], 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}
