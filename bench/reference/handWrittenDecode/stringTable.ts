// The string table, decoded after the wire pass from the byte ranges it recorded. Its entries usually sit
// back to back, and nearly all are ASCII: one TextDecoder call over a run of ASCII entries (their tags and
// length prefixes included, so that string index = byte offset) and a slice per entry cost a fraction of a
// decode per entry. A slice shares the run's characters, so the names take no extra memory.
import { ProfileError } from '../../../src/model/profile/profile';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Entry i is buf[start[i] .. end[i]). */
export function decodeStrings(buf: Uint8Array, start: Int32Array, end: Int32Array, n: number): string[] {
  const out = new Array<string>(n);
  let i = 0;
  while (i < n) {
    if (!isAscii(buf, start[i], end[i])) {
      out[i] = decodeOne(buf, start[i], end[i], i);
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

function decodeOne(buf: Uint8Array, start: number, end: number, index: number): string {
  try {
    return utf8.decode(buf.subarray(start, end));
  } catch {
    throw new ProfileError(`string table entry ${index} at byte ${start} is not valid UTF-8`, start);
  }
}
