// manifest.json of a snapshot series, read and written: every field checked, every refusal one line that
// says which field and what to do. A manifest names files only inside its own folder. No vscode, no node:fs.
import {
  SERIES_TYPES,
  SeriesError,
  SeriesManifest,
  SeriesSnapshot,
  SeriesStatus,
  SeriesType,
} from './seriesManifest';

const STATUSES: readonly SeriesStatus[] = ['running', 'complete', 'cancelled', 'interrupted', 'failed'];
const FORMATS: readonly SeriesSnapshot['format'][] = ['pprof', 'goroutine-text'];

export class SeriesManifestError extends Error {
  constructor(
    message: string,
    /** What is wrong, without the file's name: for a reader that words the message its own way. */
    readonly what: string,
  ) {
    super(message);
    this.name = 'SeriesManifestError';
  }
}

type Json = Record<string, unknown>;

/** Parses manifest.json; throws a SeriesManifestError naming the first thing wrong. */
export function parseSeriesManifest(text: string, where = 'manifest.json'): SeriesManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(where, `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return validateSeriesManifest(raw, where);
}

export function validateSeriesManifest(raw: unknown, where = 'manifest.json'): SeriesManifest {
  if (!isObject(raw)) throw fail(where, 'is not a JSON object');
  const target = str(raw, 'target', where);
  const types = list(raw, 'types', where).map((t, i) => seriesType(t, `types[${i}]`, where));
  if (types.length === 0) throw fail(where, '"types" is empty');
  const intervalSeconds = num(raw, 'intervalSeconds', where);
  if (!(intervalSeconds > 0)) throw fail(where, `"intervalSeconds" must be more than 0, not ${intervalSeconds}`);
  const count = num(raw, 'count', where);
  if (!Number.isInteger(count) || count < 1) throw fail(where, `"count" must be a whole number from 1, not ${count}`);
  const snapshots = list(raw, 'snapshots', where).map((s, i) => snapshot(s, `snapshots[${i}]`, where));
  const errors = list(raw, 'errors', where).map((e, i) => seriesError(e, `errors[${i}]`, where));
  const status = raw.status;
  if (!STATUSES.includes(status as SeriesStatus)) throw fail(where, `"status" must be one of ${STATUSES.join(', ')}, not ${JSON.stringify(status)}`);
  const started = time(raw, 'started', where);

  const m: { -readonly [K in keyof SeriesManifest]: SeriesManifest[K] } = {
    target,
    types,
    intervalSeconds,
    count,
    snapshots,
    errors,
    status: status as SeriesStatus,
    started,
  };
  if (raw.stopReason !== undefined) m.stopReason = str(raw, 'stopReason', where);
  if (raw.rounds !== undefined) {
    const rounds = num(raw, 'rounds', where);
    if (!Number.isInteger(rounds) || rounds < 0 || rounds > count) throw fail(where, `"rounds" must be a whole number from 0 to "count" (${count}), not ${rounds}`);
    m.rounds = rounds;
  }
  if (raw.gc !== undefined) {
    if (typeof raw.gc !== 'boolean') throw fail(where, '"gc" must be true or false');
    m.gc = raw.gc;
  }
  if (raw.owner !== undefined) m.owner = str(raw, 'owner', where);
  if (raw.heartbeat !== undefined) m.heartbeat = time(raw, 'heartbeat', where);
  if (raw.ended !== undefined) m.ended = time(raw, 'ended', where);
  return m;
}

/** The text written to disk: stable key order, two-space indent, a final newline. */
export function serializeSeriesManifest(m: SeriesManifest): string {
  const ordered: Json = {
    target: m.target,
    types: m.types,
    intervalSeconds: m.intervalSeconds,
    count: m.count,
    status: m.status,
    started: m.started,
    ended: m.ended,
    stopReason: m.stopReason,
    rounds: m.rounds,
    gc: m.gc,
    owner: m.owner,
    heartbeat: m.heartbeat,
    snapshots: m.snapshots.map((s) => ({ time: s.time, type: s.type, format: s.format, file: s.file, round: s.round })),
    errors: m.errors.map((e) => ({ time: e.time, type: e.type, error: e.error, round: e.round })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** True for a relative path that stays inside the folder: no absolute path, no `..`, no backslash. */
export function isInsideFolder(file: string): boolean {
  if (!file || file.startsWith('/') || file.includes('\\') || /^[A-Za-z]:/.test(file) || file.includes('\0')) return false;
  return file.split('/').every((part) => part !== '..' && part !== '');
}

function snapshot(raw: unknown, at: string, where: string): SeriesSnapshot {
  if (!isObject(raw)) throw fail(where, `${at} is not an object`);
  const format = raw.format;
  if (!FORMATS.includes(format as SeriesSnapshot['format'])) throw fail(where, `${at}.format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  const file = str(raw, 'file', where, at);
  if (!isInsideFolder(file)) throw fail(where, `${at}.file ${JSON.stringify(file)} is not a path inside the series folder`);
  const s: SeriesSnapshot = { time: time(raw, 'time', where, at), type: seriesType(raw.type, `${at}.type`, where), format: format as SeriesSnapshot['format'], file };
  return raw.round === undefined ? s : { ...s, round: round(raw, where, at) };
}

function seriesError(raw: unknown, at: string, where: string): SeriesError {
  if (!isObject(raw)) throw fail(where, `${at} is not an object`);
  const e: SeriesError = { time: time(raw, 'time', where, at), type: seriesType(raw.type, `${at}.type`, where), error: str(raw, 'error', where, at) };
  return raw.round === undefined ? e : { ...e, round: round(raw, where, at) };
}

function round(raw: Json, where: string, at: string): number {
  const r = num(raw, 'round', where, at);
  if (!Number.isInteger(r) || r < 1) throw fail(where, `${at}.round must be a whole number from 1, not ${r}`);
  return r;
}

function seriesType(v: unknown, at: string, where: string): SeriesType {
  if (!(SERIES_TYPES as readonly unknown[]).includes(v)) throw fail(where, `${at} must be one of ${SERIES_TYPES.join(', ')}, not ${JSON.stringify(v)}`);
  return v as SeriesType;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function name(key: string, at?: string): string {
  return at ? `${at}.${key}` : `"${key}"`;
}

function str(raw: Json, key: string, where: string, at?: string): string {
  const v = raw[key];
  if (typeof v !== 'string') throw fail(where, `${name(key, at)} must be a string`);
  return v;
}

function num(raw: Json, key: string, where: string, at?: string): number {
  const v = raw[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw fail(where, `${name(key, at)} must be a number`);
  return v;
}

function list(raw: Json, key: string, where: string): unknown[] {
  const v = raw[key];
  if (!Array.isArray(v)) throw fail(where, `"${key}" must be an array`);
  return v;
}

function time(raw: Json, key: string, where: string, at?: string): string {
  const v = str(raw, key, where, at);
  if (Number.isNaN(Date.parse(v))) throw fail(where, `${name(key, at)} is not an ISO 8601 time: ${JSON.stringify(v.slice(0, 40))}`);
  return v;
}

function fail(where: string, what: string): SeriesManifestError {
  return new SeriesManifestError(`${where}: ${what}; it is not a series manifest that pprof Lens can read (fix or remove the file)`, what);
}
