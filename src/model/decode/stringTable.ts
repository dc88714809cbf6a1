// The string table, decoded after the wire pass from the byte ranges it recorded. Its entries usually sit
// back to back, and nearly all are ASCII: one TextDecoder call over a run of ASCII entries (their tags and
// length prefixes included, so that string index = byte offset) and a slice per entry cost a fraction of a
// decode per entry. A slice shares the run's characters, so the names take no extra memory.
// Go strings are bytes: pprof reads strings that are not valid UTF-8 and prints their bytes as they are.
// Here each invalid sequence becomes U+FFFD (TextDecoder without `fatal`), which is how those bytes read as
// UTF-8, and a leading byte order mark is kept, as it is a part of the string to Go.

import { hashBytes, type StringInterner } from './stringInterner';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Entry i is buf[start[i] .. end[i]). With `interner`, an entry it has is its string, and only the others
 * are decoded (then added to it).
 */
export function decodeStrings(buf: Uint8Array, start: Int32Array, end: Int32Array, n: number, interner?: StringInterner): string[] {
  if (!interner) return decodeAll(buf, start, end, n);
  const out = new Array<string>(n);
  const missing: number[] = [];
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = (hashes[i] = hashBytes(buf, start[i], end[i]));
    const s = interner.find(buf, start[i], end[i], h);
    if (s === undefined) missing.push(i);
    else out[i] = s;
  }
  // Most entries known (a later profile of the same program): each other one decoded alone; else all, in runs.
  const all = 4 * missing.length > n ? decodeAll(buf, start, end, n) : undefined;
  for (const i of missing) {
    // An entry may repeat within the table: the first one added serves the others.
    const s = interner.find(buf, start[i], end[i], hashes[i]);
    if (s !== undefined) out[i] = s;
    else {
      out[i] = all ? all[i] : utf8.decode(buf.subarray(start[i], end[i]));
      interner.add(buf, start[i], end[i], hashes[i], out[i]);
    }
  }
  return out;
}

function decodeAll(buf: Uint8Array, start: Int32Array, end: Int32Array, n: number): string[] {
  const out = new Array<string>(n);
  let i = 0;
  while (i < n) {
    if (!isAscii(buf, start[i], end[i])) {
      out[i] = utf8.decode(buf.subarray(start[i], end[i]));
      i++;
      continue;
    }
    // The run: entries after i that are ASCII and follow on from the previous entry through ASCII bytes.
    let j = i + 1;
    while (j < n && start[j] >= end[j - 1] && start[j] - end[j - 1] <= 16 && isAscii(buf, end[j - 1], end[j])) j++;
    const from = start[i];
    const text = j - i === 1 ? '' : utf8.decode(buf.subarray(from, end[j - 1]));
    if (j - i === 1) out[i] = utf8.decode(buf.subarray(from, end[i]));
    else for (let k = i; k < j; k++) out[k] = text.slice(start[k] - from, end[k] - from);
    i = j;
  }
  return out;
}

function isAscii(buf: Uint8Array, from: number, to: number): boolean {
  let any = 0;
  for (let k = from; k < to; k++) any |= buf[k];
  return any < 0x80;
}
