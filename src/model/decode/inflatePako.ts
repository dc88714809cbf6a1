// The web build's inflate and gzip (esbuild puts this module in place of inflate.ts there): pako, the
// design card's choice where node:zlib is absent. The web worker inflates ahead with DecompressionStream
// where it can (inflateAhead.ts: faster in Chromium's workers, bench/README.md), so this is the fallback: no
// DecompressionStream, or a stream it gave up on, which this then refuses in the words of node:zlib.
import { Inflate, gzip as pakoGzip, Z_BUF_ERROR } from 'pako';

const MiB = 1 << 20;

/** The same contract as inflate.ts: throws Node's wording for a cut stream and for the size limit. */
export function gunzip(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  // The gzip trailer states the inflated size (mod 2^32); a plausible one sizes the output at once.
  const n = bytes.length;
  const hint = n >= 18 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
  const plausible = hint > 0 && hint <= n * 32 && hint < maxOutputLength;
  let out = new Uint8Array(plausible ? hint : Math.min(maxOutputLength, Math.max(MiB, n * 4)));
  let length = 0;
  const inflator = new Inflate({ chunkSize: 4 * MiB });
  inflator.onData = (chunk: Uint8Array) => {
    // Thrown out of push(): a gzip bomb stops at the limit instead of inflating to its end.
    if (length + chunk.length > maxOutputLength) throw new Error(`Cannot create a Buffer larger than ${maxOutputLength} bytes`);
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(maxOutputLength, Math.max(out.length * 2, length + chunk.length)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
  };
  inflator.push(bytes, true);
  if (inflator.err === Z_BUF_ERROR || (!inflator.err && !inflator.ended)) throw new Error('unexpected end of file');
  if (inflator.err) throw new Error(inflator.msg || `zlib error ${inflator.err}`);
  return length === out.length ? out : out.slice(0, length);
}

export function gzip(bytes: Uint8Array, level: 1 | 6 | 9): Uint8Array {
  return pakoGzip(bytes, { level });
}
