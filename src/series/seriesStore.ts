// The series folders in the capture directory: making a new one with its first manifest, reading a
// manifest, listing the folders, and the manifest a host writes when it takes a series over or marks it
// interrupted. No vscode here.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SeriesError, SeriesManifest } from '../model/profile/seriesManifest';
import { parseSeriesManifest, serializeSeriesManifest } from '../model/profile/seriesManifestJson';
import { writeFileAtomic } from './atomicWrite';
import type { SeriesSpec } from './seriesArgs';
import { MANIFEST_FILE, parseSeriesFolderName, seriesFolderName } from './seriesFolder';

const TRIES = 100;

/** Makes `<target>-series-<time>/` (with `-n` if taken) and writes its first manifest. */
export async function createSeries(
  dir: string,
  label: string,
  target: string,
  spec: SeriesSpec,
  started: Date,
  owner: string,
): Promise<{ folder: string; manifest: SeriesManifest }> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; n <= TRIES; n++) {
    const folder = path.join(dir, seriesFolderName(label, started, n));
    try {
      await mkdir(folder);
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') continue;
      throw e;
    }
    const iso = started.toISOString();
    const manifest: SeriesManifest = {
      target,
      types: spec.types,
      intervalSeconds: spec.intervalSeconds,
      count: spec.count,
      snapshots: [],
      errors: [],
      status: 'running',
      started: iso,
      rounds: 0,
      gc: spec.types.includes('heap') ? spec.gc : undefined,
      owner,
      heartbeat: iso,
    };
    await writeManifest(folder, manifest);
    return { folder, manifest };
  }
  throw new Error(`Cannot make a series folder in ${dir}: ${TRIES} series already started in this second`);
}

export function writeManifest(folder: string, m: SeriesManifest): Promise<void> {
  return writeFileAtomic(path.join(folder, MANIFEST_FILE), serializeSeriesManifest(m));
}

export async function readManifest(folder: string): Promise<SeriesManifest> {
  const file = path.join(folder, MANIFEST_FILE);
  return parseSeriesManifest(await readFile(file, 'utf8'), file);
}

/** The folders of `dir` named as series folders and holding a manifest.json (read or not). */
export async function listSeriesFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && parseSeriesFolderName(e.name)).map((e) => path.join(dir, e.name));
}

/**
 * The manifest a host runs from when it takes a series over at round `next`: the entries of rounds it
 * will take again are dropped (their files are replaced), the missed rounds recorded per type.
 */
export function takeOverManifest(m: SeriesManifest, next: number, missed: number, owner: string, now: Date): SeriesManifest {
  const iso = now.toISOString();
  const kept = <T extends { round?: number }>(xs: readonly T[]) => xs.filter((x) => x.round === undefined || x.round < next - missed);
  const missedErrors: SeriesError[] = [];
  if (missed > 0) {
    const first = next - missed;
    const which = missed === 1 ? `round ${first} was` : `rounds ${first}–${next - 1} were`;
    for (const type of m.types) {
      missedErrors.push({ time: iso, type, round: first, error: `${which} missed: no VS Code window was running the series then` });
    }
  }
  return {
    ...m,
    snapshots: kept(m.snapshots),
    errors: [...kept(m.errors), ...missedErrors],
    rounds: next - 1,
    owner,
    heartbeat: iso,
  };
}

/** A series no host will finish: `interrupted`, with the reason. */
export function interruptedManifest(m: SeriesManifest, reason: string, now: Date): SeriesManifest {
  return { ...m, status: 'interrupted', stopReason: reason, ended: now.toISOString() };
}
