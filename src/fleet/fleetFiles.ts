// Where a fleet capture's files go: a folder `<group>-fleet-<time>/` in the capture directory with one
// file per instance, the merged profile `<group>-fleet-<time>.pb.gz` beside the folder, and the sidecar
// `<merged>.fleet.json` saying which instances answered and why the others did not. No vscode here.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CaptureError } from '../capture/captureError';
import type { ProfileType } from '../capture/profileTypes';
import { sanitizeLabel, timestamp } from '../capture/captureName';
import { writeNewFile } from '../capture/save';

/** One line of the sidecar: `file` (relative to the sidecar's folder) if it answered, else `error`. */
export interface FleetInstanceRecord {
  readonly instance: string;
  readonly url: string;
  readonly file?: string;
  readonly error?: string;
}

/** `<merged>.fleet.json`. */
export interface FleetSidecar {
  readonly group: string;
  readonly type: ProfileType;
  /** When the capture started, ms since the epoch. */
  readonly time: number;
  /** The merged profile's file name, beside the sidecar. */
  readonly merged: string;
  readonly instances: readonly FleetInstanceRecord[];
  /** Instances whose profiles had an `instance` label already: it is kept as `instance_original`. */
  readonly renamedInstanceLabel?: readonly string[];
}

export const SIDECAR_SUFFIX = '.fleet.json';

export const fleetBaseName = (group: string, when: Date, n = 1) => `${sanitizeLabel(group)}-fleet-${timestamp(when)}${n > 1 ? `-${n}` : ''}`;

/** A private folder for the instances' files while the capture runs; renamed into place only once it worked. */
export async function makeStagingDir(dir: string, group: string): Promise<string> {
  const staging = path.join(dir, `.${sanitizeLabel(group)}-fleet.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(staging, { recursive: true });
  } catch (e) {
    throw saveError(dir, e);
  }
  return staging;
}

export const removeStaging = (staging: string) => rm(staging, { recursive: true, force: true }).catch(() => undefined);

/**
 * Moves the staged instance files into the first free `<group>-fleet-<time>[-n]/` and writes the merged
 * profile beside it, then the sidecar: returns the merged profile's path. The folder is claimed by mkdir,
 * which fails rather than share a name; the merged file is linked from a temp file, so no reader sees half.
 */
export async function publishFleet(
  dir: string,
  staging: string,
  group: string,
  when: Date,
  files: readonly string[],
  merged: Uint8Array,
  sidecar: (folder: string, mergedName: string) => FleetSidecar,
): Promise<string> {
  try {
    for (let n = 1; n <= 100; n++) {
      const base = fleetBaseName(group, when, n);
      const folder = path.join(dir, base);
      const mergedPath = path.join(dir, `${base}.pb.gz`);
      try {
        await mkdir(folder);
      } catch (e) {
        if ((e as { code?: string }).code === 'EEXIST') continue;
        throw e;
      }
      if (!(await writeNewFile(mergedPath, merged))) {
        await rm(folder, { recursive: true, force: true });
        continue;
      }
      for (const f of files) await rename(f, path.join(folder, path.basename(f)));
      await writeJsonAtomically(`${mergedPath}${SIDECAR_SUFFIX}`, sidecar(base, `${base}.pb.gz`));
      return mergedPath;
    }
    throw new CaptureError('save', `Cannot save in ${dir}: 100 fleet captures already have this name and second`);
  } catch (e) {
    throw e instanceof CaptureError ? e : saveError(dir, e);
  } finally {
    await removeStaging(staging);
  }
}

async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

function saveError(dir: string, e: unknown): CaptureError {
  const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
  return new CaptureError('save', `Cannot save the fleet capture in ${dir} (${code}): check pprofLens.capture.directory and its permissions`);
}
