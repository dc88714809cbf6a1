// The series folders of the capture directory as the Profiles view lists them: each folder's manifest
// (or why it cannot be read) and the time to sort it by. No vscode here.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { SeriesManifest } from '../model/profile/seriesManifest';
import { parseSeriesFolderName } from './seriesFolder';
import { listSeriesFolders, readManifest } from './seriesStore';

export interface SeriesFolderEntry {
  readonly kind: 'series';
  readonly folder: string;
  /** The target and time its name gives, shown when the manifest cannot be read. */
  readonly named: { readonly target: string; readonly time: string };
  readonly manifest?: SeriesManifest;
  /** One line, when the manifest is missing or not valid. */
  readonly problem?: string;
  /** For sorting among the profiles: the series' start, else the folder's mtime. */
  readonly timeMs: number;
}

export async function listSeriesEntries(dir: string): Promise<SeriesFolderEntry[]> {
  const folders = await listSeriesFolders(dir);
  return Promise.all(
    folders.map(async (folder) => {
      const named = parseSeriesFolderName(path.basename(folder))!;
      try {
        const manifest = await readManifest(folder);
        return { kind: 'series', folder, named, manifest, timeMs: Date.parse(manifest.started) } as const;
      } catch (e) {
        const s = await stat(folder).catch(() => undefined);
        const problem = (e as { code?: string }).code === 'ENOENT' ? 'no manifest.json yet' : e instanceof Error ? e.message : String(e);
        return { kind: 'series', folder, named, problem, timeMs: s?.mtimeMs ?? 0 } as const;
      }
    }),
  );
}

/** "complete · 8 snapshots", "running 3/20 · 9 snapshots · 1 failed": the status first, as a narrow view cuts the end. */
export function seriesSummary(m: SeriesManifest): string {
  const n = `${m.snapshots.length} snapshot${m.snapshots.length === 1 ? '' : 's'}`;
  const status = m.status === 'running' ? `running ${m.rounds ?? 0}/${m.count}` : m.status;
  const failed = m.errors.length ? ` · ${m.errors.length} failed` : '';
  return `${status} · ${n}${failed}`;
}
