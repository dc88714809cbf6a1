// The one place that inflates and writes gzip. The web build puts inflatePako.ts in its place (esbuild.mjs).
import { gunzipSync, gzipSync } from 'node:zlib';

const MiB = 1 << 20;

export function gunzip(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  // The gzip trailer states the inflated size (mod 2^32, of the last member). Inflating into one chunk of
  // that size saves joining many chunks, a copy of the whole output. The hint is only trusted when it is
  // plausible, so a corrupt trailer cannot make a tiny file reserve much memory.
  const n = bytes.length;
  const hint = n >= 18 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
  const plausible = hint > MiB && hint <= n * 32 && hint < maxOutputLength;
  return gunzipSync(bytes, { maxOutputLength, chunkSize: plausible ? hint + 1024 : MiB });
}

export function gzip(bytes: Uint8Array, level: 1 | 6 | 9): Uint8Array {
  return new Uint8Array(gzipSync(bytes, { level }));
}
