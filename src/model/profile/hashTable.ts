// The numeric hashing the merge keys with (pprof keys with strings; the sequences here are hashed as
// numbers, and a hit is confirmed by comparing the stored columns). Open addressing, linear probing.

/** Mixes one 32-bit word into a hash (murmur-like). */
export function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x5bd1e995);
  return h ^ (h >>> 15);
}

/** The last step before a hash picks a slot: spreads every bit over the low ones that the mask keeps (murmur3's fmix32). */
export function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes a float64 that may exceed 2^32 (an address, a label number): its low and high words. */
export function mixNumber(h: number, x: number): number {
  return mix(mix(h, x | 0), (x / 4294967296) | 0);
}

/**
 * Slots holding entry index + 1 (0 = empty), and each entry's hash, so that growing never rehashes keys.
 * Callers probe `slots` from `hash & mask` themselves, comparing their own columns: that keeps the hot
 * loops free of callbacks.
 */
export class HashSlots {
  slots: Int32Array;
  mask: number;
  hashes: Int32Array;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.hashes = new Int32Array(Math.max(16, expected));
  }

  /** Records entry `size` (the next index) at the empty slot `slot`, where probing for `hash` ended. */
  add(slot: number, hash: number): number {
    const i = this.size++;
    if (i === this.hashes.length) {
      const next = new Int32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[i] = hash;
    this.slots[slot] = i + 1;
    if (this.size * 2 > this.slots.length) this.grow();
    return i;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let s = this.hashes[i] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
