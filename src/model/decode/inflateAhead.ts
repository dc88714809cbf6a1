// The web build's inflate where the platform has DecompressionStream('gzip'): in a Chromium Web Worker it
// inflates L faster than pako (`npm run bench`, bench/README.md). It is asynchronous and the decoder is a
// synchronous pass, so the web worker runs it ahead of the decoder, on the bytes a request brings; the
// decoder then finds a raw profile. Anything it cannot do well (no DecompressionStream, a stream that is
// corrupt, cut, empty, or larger than the decoder's limit) leaves the bytes as they were, and the decoder's
// own inflate (pako in the web build) refuses them in the words both builds use.
import { inflateLimit } from './decodeProfile';
import { isGzip } from './sniffBytes';

interface StreamGlobals {
  readonly DecompressionStream?: new (format: 'gzip') => TransformStream<Uint8Array, Uint8Array>;
}

export async function inflateAhead(bytes: Uint8Array): Promise<Uint8Array> {
  const Decompress = (globalThis as StreamGlobals).DecompressionStream;
  if (!Decompress || !isGzip(bytes)) return bytes;
  const limit = inflateLimit(bytes.length);
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new Decompress('gzip')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > limit) {
        await reader.cancel().catch(() => undefined);
        return bytes;
      }
      chunks.push(value);
    }
  } catch {
    return bytes;
  }
  if (length === 0) return bytes;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
