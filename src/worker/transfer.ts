// Collects the typed-array buffers in a message so postMessage moves them instead of copying.
export function transferablesOf(value: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    // Only whole, unshared buffers can move; a view into a larger buffer is copied instead.
    if (buf instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buf.byteLength && !out.includes(buf)) out.push(buf);
    return out;
  }
  if (Array.isArray(value)) {
    // RPC arguments mix strings and buffers (handle, bytes, label), so every element is looked at.
    for (const v of value) if (v !== null && typeof v === 'object') transferablesOf(v, out, depth + 1);
    return out;
  }
  for (const v of Object.values(value)) transferablesOf(v, out, depth + 1);
  return out;
}
