// Writing a file whole or not at all: a temp file beside it, flushed, then renamed over the name. A
// reader (or a host that starts after a crash) sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

const TMP = /^\..*\.tmp$/;

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Removes the temp files a host that stopped mid-write left in `dir`. */
export async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => TMP.test(n)).map((n) => unlink(path.join(dir, n)).catch(() => undefined)));
}
