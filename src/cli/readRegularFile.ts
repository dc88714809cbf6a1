// How the Node build's threads read a profile's file. A FIFO or a device named like a profile would block
// the thread, and every profile's queries, forever: only a regular file is read.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/** The size of the regular file at `path`; anything else is refused. */
function regularFileSize(path: string): number {
  const stats = statSync(path);
  if (!stats.isFile()) throw new Error('not a regular file');
  return stats.size;
}

export function readRegularFile(path: string): Uint8Array {
  regularFileSize(path);
  return readFileSync(path);
}

/**
 * The file read into shared memory: a fleet's files, half of which go to the merge thread, which then
 * shares them rather than getting a copy (a structured clone of 26 files of 1.2 MB took 100–170 ms here and
 * reached the thread 140–340 ms after it was sent).
 */
export function readRegularFileShared(path: string): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(regularFileSize(path)));
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (let got = 1; got > 0 && n < out.length; n += got) got = readSync(fd, out, n, out.length - n, n);
    return n === out.length ? out : out.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
