// Saving a capture: a temp file in the same folder, then a hard link to the final name, which
// fails instead of overwriting. A failed save leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CaptureError } from './captureError';
import type { ProfileType } from './profileTypes';

const TRIES = 100;

/** Keeps names portable: letters, digits, dot, underscore and dash. */
export function sanitizeLabel(label: string): string {
  const s = label
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 80);
  return s || 'target';
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYYMMDD-HHMMSS` in local time, as people read their clocks. */
export function timestamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `<target>-<type>-<YYYYMMDD-HHMMSS>.pb.gz`; the n-th name for the same second gets `-n`. */
export function captureFileName(label: string, type: ProfileType, when: Date, n = 1): string {
  return `${sanitizeLabel(label)}-${type}-${timestamp(when)}${n > 1 ? `-${n}` : ''}.pb.gz`;
}

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
