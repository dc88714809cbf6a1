// Collects the typed-array buffers in a message so postMessage moves them instead of copying.
export function transferablesOf(value: unknown, { partial = false } = {}): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  collect(value, found, 0, partial);
  return [...found];
}

/**
 * Every buffer under a value its sender gives up whole (nothing else on the sending thread holds a view of
 * them), views into a larger buffer included: a comparison's side decoded on another thread. The decoder's
 * sample columns are views into buffers sized by an upper bound, so transferablesOf would copy them: on L,
 * 136 MB serialized on one thread and read back on the other, 0.5–0.8 s of the pair's open.
 */
export const ownedBuffersOf = (value: unknown): ArrayBuffer[] => transferablesOf(value, { partial: true });

function collect(value: unknown, out: Set<ArrayBuffer>, depth: number, partial: boolean): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    // Only whole, unshared buffers can move; a view into a larger buffer is copied instead (unless the
    // sender owns the buffer whole: ownedBuffersOf).
    if (buf instanceof ArrayBuffer && (partial || (value.byteOffset === 0 && value.byteLength === buf.byteLength))) out.add(buf);
    return;
  }
  if (Array.isArray(value)) {
    // RPC arguments mix strings and buffers (handle, bytes, label), so every element is looked at.
    for (const v of value) if (v !== null && typeof v === 'object') collect(v, out, depth + 1, partial);
    return;
  }
  for (const v of Object.values(value)) collect(v, out, depth + 1, partial);
}
