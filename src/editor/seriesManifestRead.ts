// A series' manifest.json as the series view reads it: checked field by field, so a file that is not a
// manifest (or one cut short) gets one line that says what is wrong, never a half-drawn view. No vscode.
import { SERIES_TYPES, type SeriesError, type SeriesType } from '../model/profile/seriesManifest';
import type { SeriesInfo, SeriesTypeInfo } from '../protocol/seriesMessages';

const STATUSES = ['running', 'complete', 'cancelled', 'interrupted', 'failed'] as const;

export type ManifestRead = { readonly ok: true; readonly series: SeriesInfo } | { readonly ok: false; readonly message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isType = (v: unknown): v is SeriesType => (SERIES_TYPES as readonly unknown[]).includes(v);

/** ms since the epoch of an ISO 8601 time, or NaN. */
const timeOf = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);

class Invalid extends Error {}

function need(ok: boolean, what: string): void {
  if (!ok) throw new Invalid(what);
}

export function readSeriesManifest(text: string, folderName: string): ManifestRead {
  const fail = (why: string): ManifestRead => ({
    ok: false,
    message: `${folderName}/manifest.json is not a series manifest: ${why}. Capture a series with "pprof: Capture Snapshot Series…", or fix the file.`,
  });
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    return fail(`it is not JSON (${e instanceof Error ? e.message : e})`);
  }
  try {
    need(isObject(m), 'it is not a JSON object');
    const o = m as Record<string, unknown>;
    need(typeof o.target === 'string', '"target" is not a string');
    need(Array.isArray(o.types) && o.types.every(isType), `"types" is not a list of ${SERIES_TYPES.join(', ')}`);
    need(typeof o.intervalSeconds === 'number' && o.intervalSeconds > 0, '"intervalSeconds" is not a positive number');
    need(typeof o.count === 'number' && o.count >= 0, '"count" is not a number');
    need((STATUSES as readonly unknown[]).includes(o.status), `"status" is not one of ${STATUSES.join(', ')}`);
    need(!Number.isNaN(timeOf(o.started)), '"started" is not an ISO 8601 time');
    need(o.stopReason === undefined || typeof o.stopReason === 'string', '"stopReason" is not a string');
    need(Array.isArray(o.snapshots), '"snapshots" is not a list');
    need(Array.isArray(o.errors), '"errors" is not a list');
    const snapshots = (o.snapshots as unknown[]).map((s, i) => {
      const at = `snapshot ${i + 1}`;
      need(isObject(s), `${at} is not an object`);
      const x = s as Record<string, unknown>;
      need(!Number.isNaN(timeOf(x.time)), `${at}: "time" is not an ISO 8601 time`);
      need(isType(x.type), `${at}: "type" is not a series type`);
      need(x.format === 'pprof' || x.format === 'goroutine-text', `${at}: "format" is not pprof or goroutine-text`);
      need(typeof x.file === 'string' && x.file !== '' && !x.file.split(/[\\/]/).includes('..'), `${at}: "file" is not a file inside the folder`);
      return { time: timeOf(x.time), type: x.type as SeriesType, format: x.format as string, file: x.file as string };
    });
    const errors = (o.errors as unknown[]).map((e, i) => {
      const at = `error ${i + 1}`;
      need(isObject(e), `${at} is not an object`);
      const x = e as Record<string, unknown>;
      need(!Number.isNaN(timeOf(x.time)) && isType(x.type) && typeof x.error === 'string', `${at} lacks a time, a type or a message`);
      return { time: x.time as string, type: x.type as SeriesType, error: x.error as string } satisfies SeriesError;
    });
    const byTime = <T extends { time: number }>(a: T, b: T) => a.time - b.time;
    const types: SeriesTypeInfo[] = (o.types as SeriesType[]).map((type) => ({
      type,
      snapshots: snapshots.filter((s) => s.type === type && s.format === 'pprof').sort(byTime).map(({ time, file }) => ({ time, file })),
      dumps: snapshots.filter((s) => s.type === type && s.format === 'goroutine-text').sort(byTime).map(({ time, file }) => ({ time, file })),
      errorTimes: errors.filter((e) => e.type === type).map((e) => timeOf(e.time)).sort((a, b) => a - b),
    }));
    return {
      ok: true,
      series: {
        folderName,
        target: o.target as string,
        status: o.status as SeriesInfo['status'],
        stopReason: o.stopReason as string | undefined,
        intervalSeconds: o.intervalSeconds as number,
        count: o.count as number,
        started: timeOf(o.started),
        types,
        errors,
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return fail(e.message);
    throw e;
  }
}
