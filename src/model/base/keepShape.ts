// V8 forgets an object shape (map) that no live object has at a full GC, and throws away the optimized
// code built for it, so the next profile would be decoded and aggregated by cold code again. Keeping one
// instance of each class that hot loops use prevents that.
const kept: unknown[] = [];

/** Keeps `example` alive for good, and with it the shape of its class. */
export function keepShape<T>(example: T): T {
  kept.push(example);
  return example;
}
