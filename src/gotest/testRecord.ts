// The run record of a profiled test or benchmark: the benchmark's ns/op, B/op and allocs/op (the mean over
// -count runs), or the test's duration, keyed by package folder, name and profile kind. Pure.
import type { RunMetric, RunRecord } from '../protocol/runRecord';
import type { TestProfileKind } from './goTestArgs';
import type { BenchmarkLine } from './goTestOutput';
import type { TestFunctionKind } from './testFunctions';

export interface TestRunFacts {
  readonly packageDir: string;
  readonly name: string;
  readonly kind: TestFunctionKind;
  readonly profileKind: TestProfileKind;
  readonly time: number;
  /** The profile's file name, in the record's folder. */
  readonly profile: string;
  /** The kept test binary's file name, in the record's folder. */
  readonly binary: string;
  /** pprofLens.test.flags as they were for this run. */
  readonly extraFlags: readonly string[];
  readonly benchmarks: readonly BenchmarkLine[];
  readonly testMs?: number;
}

/**
 * Runs of one test are comparable when they profiled the same thing: the profile kind is part of the key,
 * so "Compare with previous run" on a memory profile finds the previous memory profile, not a CPU one.
 */
export function testRunKey(packageDir: string, name: string, profileKind: TestProfileKind): string {
  return `${packageDir}#${name}#${profileKind}`;
}

const BENCH_METRICS: readonly { unit: string; key: string; label: string; runUnit: RunMetric['unit'] }[] = [
  { unit: 'ns/op', key: 'ns_per_op', label: 'ns/op', runUnit: 'ns' },
  { unit: 'B/op', key: 'bytes_per_op', label: 'B/op', runUnit: 'bytes' },
  { unit: 'allocs/op', key: 'allocs_per_op', label: 'allocs/op', runUnit: 'count' },
];

export function testRunRecord(f: TestRunFacts): RunRecord {
  const notes = [...f.benchmarks.map((b) => b.text), ...(f.extraFlags.length ? [`flags: ${f.extraFlags.join(' ')}`] : [])];
  return {
    kind: f.kind,
    key: testRunKey(f.packageDir, f.name, f.profileKind),
    title: `${f.name} · ${f.profileKind}`,
    time: f.time,
    profile: f.profile,
    metrics: f.kind === 'benchmark' ? benchmarkMetrics(f.benchmarks) : testMetrics(f.testMs),
    ...(notes.length ? { notes } : {}),
    details: { packageDir: f.packageDir, name: f.name, profileKind: f.profileKind, binary: f.binary, flags: f.extraFlags },
  };
}

/** The lines of the benchmark itself (its first name: sub-benchmarks are in the notes), averaged over -count. */
function benchmarkMetrics(lines: readonly BenchmarkLine[]): RunMetric[] {
  const own = lines.filter((l) => l.name === lines[0]?.name);
  const metrics: RunMetric[] = [];
  for (const m of BENCH_METRICS) {
    const values = own.map((l) => l.values[m.unit]).filter((v): v is number => v !== undefined);
    if (!values.length) continue;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    metrics.push({ key: m.key, label: m.label, value: mean, unit: m.runUnit, better: 'lower' });
  }
  return metrics;
}

function testMetrics(ms: number | undefined): RunMetric[] {
  return ms === undefined ? [] : [{ key: 'duration', label: 'duration', value: ms, unit: 'ms', better: 'lower' }];
}
