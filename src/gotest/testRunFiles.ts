// A profiled run's files in the capture directory: `<Name>-<kind>-<time>.pb.gz`, the record beside it
// (`.run.json`, see protocol/runRecord.ts) and the test binary (`.test`), and the pruning that keeps the
// last N runs of a key. The profile's name is claimed without overwriting; the record is written last and
// atomically, so a run is listed only once its files are all there. No vscode.
import { readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { sanitizeLabel, timestamp } from '../capture/captureName';
import { writeNewFile } from '../capture/save';
import { runRecordName, type RunRecord } from '../protocol/runRecord';
import { listRuns } from '../runs/runStore';
import { writeFileAtomic } from '../series/atomicWrite';
import type { TestProfileKind } from './goTestArgs';

const TRIES = 100;

/** `BenchmarkX-cpu-20261203-010203`, `-2` and on for a second run in the same second. */
export function testRunStem(name: string, kind: TestProfileKind, when: Date, n = 1): string {
  return `${sanitizeLabel(name)}-${kind}-${timestamp(when)}${n > 1 ? `-${n}` : ''}`;
}

export interface PlacedRun {
  readonly profile: string;
  readonly record: string;
  readonly binary?: string;
}

/**
 * Moves a staged run into `dir`: the profile under the first free name, the binary beside it, then the record
 * that `recordFor` makes from their file names. On an error nothing of the run is left in `dir`.
 */
export async function placeRun(
  dir: string,
  staged: { readonly profile: string; readonly binary?: string },
  name: string,
  kind: TestProfileKind,
  when: Date,
  recordFor: (files: { profile: string; binary?: string }) => RunRecord,
): Promise<PlacedRun> {
  const bytes = await readFile(staged.profile);
  let stem: string | undefined;
  for (let n = 1; n <= TRIES && !stem; n++) {
    const candidate = testRunStem(name, kind, when, n);
    if (await writeNewFile(path.join(dir, `${candidate}.pb.gz`), bytes)) stem = candidate;
  }
  if (!stem) throw new Error(`Cannot save in ${dir}: ${TRIES} runs of ${name} already have this name and second`);
  const profile = path.join(dir, `${stem}.pb.gz`);
  const binary = staged.binary ? path.join(dir, `${stem}.test`) : undefined;
  const record = path.join(dir, runRecordName(`${stem}.pb.gz`));
  try {
    if (staged.binary && binary) await rename(staged.binary, binary);
    const r = recordFor({ profile: path.basename(profile), binary: binary && path.basename(binary) });
    await writeFileAtomic(record, JSON.stringify(r, null, 2) + '\n');
  } catch (e) {
    await Promise.all([profile, binary, record].map((f) => f && unlink(f).catch(() => undefined)));
    throw e;
  }
  return { profile, record, binary };
}

/** Deletes the runs of `key` past the newest `keep`: record, profile and binary. Returns the records removed. */
export async function pruneRuns(dir: string, key: string, keep: number): Promise<string[]> {
  const old = (await listRuns(dir)).filter((r) => r.record.key === key).slice(Math.max(1, keep));
  for (const run of old) {
    const binary = (run.record.details as { binary?: unknown } | undefined)?.binary;
    // Only files of this folder: a record's fields are data, not paths to follow.
    const binaryPath = typeof binary === 'string' && binary && binary === path.basename(binary) ? path.join(dir, binary) : undefined;
    const profilePath = path.dirname(run.profilePath) === path.resolve(dir) ? run.profilePath : undefined;
    await Promise.all([profilePath, binaryPath].map((f) => f && rm(f, { force: true })));
    await rm(run.recordPath, { force: true });
  }
  return old.map((r) => r.recordPath);
}

/** The prefix of a run's private staging folder in the capture directory. */
export const STAGING_PREFIX = '.gotest-';
const STALE_MS = 24 * 3600_000;

/** Removes staging folders a host that stopped mid-run left behind; a day old, so no live run's folder goes. */
export async function removeStaleStaging(dir: string, now = Date.now()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names.filter((n) => n.startsWith(STAGING_PREFIX))) {
    const p = path.join(dir, n);
    const s = await stat(p).catch(() => undefined);
    if (s?.isDirectory() && now - s.mtimeMs > STALE_MS) await rm(p, { recursive: true, force: true });
  }
}
