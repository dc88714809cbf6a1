// The argument object of pprof: Capture Snapshot Series (DESIGN.md), checked. No vscode here.
import { CaptureError } from '../capture/captureError';
import { SERIES_TYPES, SeriesType } from '../model/profile/seriesManifest';
import { countForDuration } from './schedule';

export const DEFAULT_SERIES_TYPES: readonly SeriesType[] = ['heap', 'goroutine'];
export const MAX_INTERVAL_SECONDS = 24 * 3600;
export const MAX_COUNT = 10_000;

export interface SeriesSpec {
  readonly url: string;
  /** A configured target's name, for its headers and TLS opt-in. */
  readonly name?: string;
  readonly types: readonly SeriesType[];
  readonly intervalSeconds: number;
  readonly count: number;
  /** Heap snapshots with gc=1 (the default), so that each is the live heap at its time. */
  readonly gc: boolean;
}

export interface SeriesArgs {
  readonly spec: SeriesSpec;
  /** Open the series view once the last snapshot is saved. */
  readonly open: boolean;
}

export function hasSeriesArgs(arg: unknown): arg is { url: unknown } {
  return typeof arg === 'object' && arg !== null && 'url' in arg;
}

/** `{ url, types?, intervalSeconds, count | durationSeconds, open?, name?, gc? }`; throws a one-line CaptureError. */
export function parseSeriesArgs(arg: { url: unknown } & Record<string, unknown>): SeriesArgs {
  const { url, types, intervalSeconds, count, durationSeconds, open, name, gc } = arg;
  if (typeof url !== 'string' || !url.trim()) throw invalid('The argument "url" must be a non-empty string');
  if (name !== undefined && typeof name !== 'string') throw invalid('The argument "name" must be a string');
  const interval = checkInterval(intervalSeconds);
  let rounds: number;
  if (count !== undefined) rounds = checkCount(count);
  else if (typeof durationSeconds === 'number' && durationSeconds >= interval) rounds = checkCount(countForDuration(durationSeconds, interval));
  else throw invalid('The argument "count" (snapshots per type) or "durationSeconds" (at least one interval) is needed');
  return {
    spec: { url: url.trim(), name, types: checkTypes(types), intervalSeconds: interval, count: rounds, gc: gc !== false },
    open: open !== false,
  };
}

export function checkTypes(types: unknown): SeriesType[] {
  if (types === undefined) return [...DEFAULT_SERIES_TYPES];
  if (!Array.isArray(types) || types.length === 0) throw invalid(`The argument "types" must be a non-empty list of ${SERIES_TYPES.join(', ')}`);
  for (const t of types) {
    if (!(SERIES_TYPES as readonly unknown[]).includes(t)) {
      throw invalid(`The argument "types" may hold ${SERIES_TYPES.join(', ')}, not ${JSON.stringify(t)} (a CPU profile is a duration, not a moment)`);
    }
  }
  return [...new Set(types as SeriesType[])];
}

export function checkInterval(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > MAX_INTERVAL_SECONDS) {
    throw invalid(`The argument "intervalSeconds" must be a number of seconds from 1 to ${MAX_INTERVAL_SECONDS}, not ${JSON.stringify(v)}`);
  }
  return v;
}

export function checkCount(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_COUNT) {
    throw invalid(`The argument "count" must be a whole number of snapshots from 1 to ${MAX_COUNT}, not ${JSON.stringify(v)}`);
  }
  return v;
}

function invalid(message: string): CaptureError {
  return new CaptureError('invalid', message);
}
