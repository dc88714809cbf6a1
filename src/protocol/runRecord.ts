// The record a run writes beside the profile it produced (`<name>.run.json` for `<name>.pb.gz`): what was run
// (a load run against a URL, a Go test or benchmark), when, and what it measured. The profile editor shows it
// as a card in its header, the compare view shows both sides' cards with their changes, and the pprof
// Profiles view lists runs by `key`. One shape for every kind of run, so that each of those owners reads
// one record. No vscode, no DOM.

export type RunKind = 'load' | 'test' | 'benchmark';

/** How a metric's value reads; the card formats it and the compare card colours its change. */
export type RunUnit = 'ms' | 'ns' | 'bytes' | 'count' | 'per_second';

export interface RunMetric {
  /** Stable across runs of a kind (`p99`, `ns_per_op`): the compare card pairs metrics by it. */
  readonly key: string;
  /** Shown on the card: "p99", "ns/op". */
  readonly label: string;
  readonly value: number;
  readonly unit: RunUnit;
  /** Which direction of change is an improvement; `none` is not coloured. */
  readonly better: 'lower' | 'higher' | 'none';
}

/** A latency histogram: `counts[i]` requests took between `edgesMs[i]` and `edgesMs[i + 1]`. */
export interface RunHistogram {
  readonly edgesMs: readonly number[];
  readonly counts: readonly number[];
}

export interface RunRecord {
  readonly kind: RunKind;
  /**
   * What makes two runs comparable: a load run's method and URL (`GET http://127.0.0.1:8080/work`), a test's
   * package directory and name (`/abs/pkg#BenchmarkX`). "Compare with previous run" looks for the same key.
   */
  readonly key: string;
  /** One line for the card and the Profiles view: "GET /work · 10 s · 8 connections", "BenchmarkParse". */
  readonly title: string;
  /** When the run started, ms since the epoch. */
  readonly time: number;
  /** The profile's file name, relative to the record's folder. */
  readonly profile: string;
  readonly metrics: readonly RunMetric[];
  readonly histogram?: RunHistogram;
  /** Lines worth showing under the card (a status code breakdown, the benchmark's `-benchtime`). */
  readonly notes?: readonly string[];
  /** Whatever else the producer keeps (autocannon's full result, `go test` flags); not read by the views. */
  readonly details?: unknown;
}

const PROFILE_SUFFIX = /\.(pb\.gz|pprof|prof)$/i;

/** The record's name beside a profile file: `cpu-x.pb.gz` → `cpu-x.run.json`. */
export function runRecordName(profileFile: string): string {
  return `${profileFile.replace(PROFILE_SUFFIX, '')}.run.json`;
}

/** The name ending that marks a run record. */
export const RUN_RECORD_SUFFIX = '.run.json';

const UNITS: readonly RunUnit[] = ['ms', 'ns', 'bytes', 'count', 'per_second'];
const KINDS: readonly RunKind[] = ['load', 'test', 'benchmark'];

/**
 * The record from its text; undefined when it is not one (not JSON, no kind, key or metrics list). Metrics
 * with a wrong field are dropped rather than failing the whole card.
 */
export function parseRunRecord(text: string): RunRecord | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!KINDS.includes(r.kind as RunKind) || typeof r.key !== 'string' || !Array.isArray(r.metrics)) return undefined;
  const metrics: RunMetric[] = [];
  for (const m of r.metrics as unknown[]) {
    if (!m || typeof m !== 'object') continue;
    const x = m as Record<string, unknown>;
    if (typeof x.key !== 'string' || typeof x.value !== 'number' || !Number.isFinite(x.value)) continue;
    const unit = UNITS.includes(x.unit as RunUnit) ? (x.unit as RunUnit) : 'count';
    const better = x.better === 'lower' || x.better === 'higher' ? x.better : 'none';
    metrics.push({ key: x.key, label: typeof x.label === 'string' ? x.label : x.key, value: x.value, unit, better });
  }
  const h = r.histogram as { edgesMs?: unknown; counts?: unknown } | undefined;
  const histogram =
    h && Array.isArray(h.edgesMs) && Array.isArray(h.counts) && h.edgesMs.length === h.counts.length + 1 && [...h.edgesMs, ...h.counts].every((v) => typeof v === 'number')
      ? { edgesMs: h.edgesMs as number[], counts: h.counts as number[] }
      : undefined;
  const notes = Array.isArray(r.notes) ? r.notes.filter((n): n is string => typeof n === 'string') : undefined;
  return {
    kind: r.kind as RunKind,
    key: r.key,
    title: typeof r.title === 'string' ? r.title : r.key,
    time: typeof r.time === 'number' ? r.time : 0,
    profile: typeof r.profile === 'string' ? r.profile : '',
    metrics,
    ...(histogram ? { histogram } : {}),
    ...(notes?.length ? { notes } : {}),
    ...(r.details !== undefined ? { details: r.details } : {}),
  };
}
