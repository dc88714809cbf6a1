// The string table, decoded after the wire pass from the byte ranges it recorded. Its entries usually sit
// back to back, and nearly all are ASCII: one TextDecoder call over a run of ASCII entries (their tags and
// length prefixes included, so that string index = byte offset) and a slice per entry cost a fraction of a
// decode per entry. A slice shares the run's characters, so the names take no extra memory.
// Go strings are bytes: pprof reads strings that are not valid UTF-8 and prints their bytes as they are.
// Here each invalid sequence becomes U+FFFD (TextDecoder without `fatal`), which is how those bytes read as
// UTF-8, and a leading byte order mark is kept, as it is a part of the string to Go.

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Entry i is buf[start[i] .. end[i]). */
export function decodeStrings(buf: Uint8Array, start: Int32Array, end: Int32Array, n: number): string[] {
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
