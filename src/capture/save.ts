// Saving a capture: a temp file in the same folder, then a hard link to the final name, which
// fails instead of overwriting. A failed save leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CaptureError } from './captureError';
import { captureFileName, sanitizeLabel } from './captureName';
import type { ProfileType } from './profileTypes';

const TRIES = 100;

/** Writes `bytes` under the first free capture name in `dir` and returns its path. */
export async function saveCapture(dir: string, label: string, type: ProfileType, when: Date, bytes: Uint8Array): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw saveError(dir, e);
  }
  const tmp = path.join(dir, `.${sanitizeLabel(label)}-${type}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    for (let n = 1; n <= TRIES; n++) {
      const final = path.join(dir, captureFileName(label, type, when, n));
      if (await claim(tmp, final)) return final;
    }
    throw new CaptureError('save', `Cannot save in ${dir}: ${TRIES} captures already have this name and second`);
  } catch (e) {
    throw e instanceof CaptureError ? e : saveError(dir, e);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Writes `bytes` as `final` through a temp file beside it: false, and nothing written, when `final` exists.
 * Errors are the file system's.
 */
export async function writeNewFile(final: string, bytes: Uint8Array): Promise<boolean> {
  const tmp = path.join(path.dirname(final), `.${path.basename(final)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    return await claim(tmp, final);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Gives the temp file the final name unless that name exists. */
async function claim(tmp: string, final: string): Promise<boolean> {
  try {
    await link(tmp, final);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  // Some file systems have no hard links: check, then rename (a narrow race, but no partial file).
  if (await exists(final)) return false;
  await rename(tmp, final);
  return true;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

function saveError(dir: string, e: unknown): CaptureError {
  const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
  return new CaptureError('save', `Cannot save the capture in ${dir} (${code}): check pprofLens.capture.directory and its permissions`);
}
