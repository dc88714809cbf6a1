// The one place that inflates gzip. The web build swaps this module for a pako-based one.
import { gunzipSync } from 'node:zlib';

export function gunzip(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  return gunzipSync(bytes, { maxOutputLength, chunkSize: 1 << 20 });
}
