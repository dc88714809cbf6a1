// Names inside the capture directory, pure: the series folder `<target>-series-<YYYYMMDD-HHMMSS>` and
// its snapshots, named by type and round so that a round taken again after a restart replaces its files.
import { sanitizeLabel, timestamp } from '../capture/captureName';
import type { SeriesSnapshot, SeriesType } from '../model/profile/seriesManifest';

export const MANIFEST_FILE = 'manifest.json';

const FOLDER = /^(.+)-series-(\d{8}-\d{6})(?:-(\d+))?$/;

/** `<target>-series-<time>`, the n-th one in the same second with `-n`. */
export function seriesFolderName(label: string, started: Date, n = 1): string {
  return `${sanitizeLabel(label)}-series-${timestamp(started)}${n > 1 ? `-${n}` : ''}`;
}

/** The target and time a series folder's name gives, or undefined when it is not one. */
export function parseSeriesFolderName(name: string): { target: string; time: string } | undefined {
  const m = FOLDER.exec(name);
  return m ? { target: m[1], time: m[2] } : undefined;
}

/** `heap-0003.pb.gz`; a goroutine dump is `goroutine-0003.debug2.txt`. */
export function snapshotFileName(type: SeriesType, round: number, format: SeriesSnapshot['format']): string {
  const n = String(round).padStart(4, '0');
  return format === 'goroutine-text' ? `${type}-${n}.debug2.txt` : `${type}-${n}.pb.gz`;
}
