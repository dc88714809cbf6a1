// A series' manifest.json as the series view reads it: checked by the one manifest reader, so a file that is
// not a manifest (or one cut short) gets one line that says what is wrong, never a half-drawn view. No vscode.
import { parseSeriesManifest, SeriesManifestError } from '../model/profile/seriesManifestJson';
import type { SeriesInfo, SeriesTypeInfo } from '../protocol/seriesMessages';

export type ManifestRead = { readonly ok: true; readonly series: SeriesInfo } | { readonly ok: false; readonly message: string };

export function readSeriesManifest(text: string, folderName: string): ManifestRead {
  let m;
  try {
    m = parseSeriesManifest(text, `${folderName}/manifest.json`);
  } catch (e) {
    if (!(e instanceof SeriesManifestError)) throw e;
    // The reader words a fault of the whole file as a predicate ("is not JSON"); give it a subject.
    const why = e.what.startsWith('is ') ? `it ${e.what}` : e.what;
    return {
      ok: false,
      message: `${folderName}/manifest.json is not a series manifest: ${why}. Capture a series with "pprof: Capture Snapshot Series…", or fix the file.`,
    };
  }
  const snapshots = m.snapshots.map((s) => ({ ...s, ms: Date.parse(s.time) })).sort((a, b) => a.ms - b.ms);
  const of = (type: string, format: string) =>
    snapshots.filter((s) => s.type === type && s.format === format).map(({ ms, file }) => ({ time: ms, file }));
  const types: SeriesTypeInfo[] = m.types.map((type) => ({
    type,
    snapshots: of(type, 'pprof'),
    dumps: of(type, 'goroutine-text'),
    errorTimes: m.errors.filter((e) => e.type === type).map((e) => Date.parse(e.time)).sort((a, b) => a - b),
  }));
  return {
    ok: true,
    series: {
      folderName,
      target: m.target,
      status: m.status,
      stopReason: m.stopReason,
      intervalSeconds: m.intervalSeconds,
      count: m.count,
      started: Date.parse(m.started),
      types,
      errors: m.errors,
    },
  };
}
