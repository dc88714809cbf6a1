// Collects the typed-array buffers in a message so postMessage moves them instead of copying.
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  collect(value, found, 0);
  return [...found];
}

function collect(value: unknown, out: Set<ArrayBuffer>, depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    // Only whole, unshared buffers can move; a view into a larger buffer is copied instead.
    if (buf instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buf.byteLength) out.add(buf);
    return;
  }
  if (Array.isArray(value)) {
    // RPC arguments mix strings and buffers (handle, bytes, label), so every element is looked at.
    for (const v of value) if (v !== null && typeof v === 'object') collect(v, out, depth + 1);
    return;
  }
  for (const v of Object.values(value)) collect(v, out, depth + 1);
}
