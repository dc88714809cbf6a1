// The runs of a folder: every `<name>.run.json` whose profile is still there, read once per listing. The
// Profiles view groups them by key, "Compare with previous run" looks for the one before, and the
// producers prune a key's history through it. No vscode.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseRunRecord, RUN_RECORD_SUFFIX, runRecordName, type RunRecord } from '../protocol/runRecord';

export interface RunFile {
  readonly record: RunRecord;
  /** Absolute paths. */
  readonly recordPath: string;
  readonly profilePath: string;
}

/** The folder's runs, newest first (by the record's time, then by name); unreadable records are left out. */
export async function listRuns(dir: string): Promise<RunFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const runs = await Promise.all(
    names.filter((n) => n.endsWith(RUN_RECORD_SUFFIX) && !n.startsWith('.')).map((n) => readRun(path.join(dir, n))),
  );
  return runs.filter((r): r is RunFile => r !== undefined).sort(newestFirst);
}

/** The run recorded at `recordPath`, when its record parses and its profile exists. */
export async function readRun(recordPath: string): Promise<RunFile | undefined> {
  const text = await readFile(recordPath, 'utf8').catch(() => undefined);
  const record = text === undefined ? undefined : parseRunRecord(text);
  if (!record?.profile) return undefined;
  const profilePath = path.resolve(path.dirname(recordPath), record.profile);
  const s = await stat(profilePath).catch(() => undefined);
  return s?.isFile() ? { record, recordPath, profilePath } : undefined;
}

/** The run whose profile is `profilePath`, read from the record beside it. */
export function runOfProfile(profilePath: string): Promise<RunFile | undefined> {
  return readRun(runRecordName(profilePath));
}

/** The newest run of the same key that started before `run`; undefined when it is the first. */
export function previousRun(runs: readonly RunFile[], run: RunFile): RunFile | undefined {
  return [...runs]
    .sort(newestFirst)
    .find((r) => r.record.key === run.record.key && r.profilePath !== run.profilePath && r.record.time < run.record.time);
}

/** Runs grouped by key, each group newest first, the groups by their newest run. */
export function groupRuns(runs: readonly RunFile[]): RunFile[][] {
  const groups = new Map<string, RunFile[]>();
  for (const r of [...runs].sort(newestFirst)) {
    const g = groups.get(r.record.key);
    if (g) g.push(r);
    else groups.set(r.record.key, [r]);
  }
  return [...groups.values()];
}

function newestFirst(a: RunFile, b: RunFile): number {
  return b.record.time - a.record.time || b.profilePath.localeCompare(a.profilePath);
}
