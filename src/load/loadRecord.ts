// The run record of a load run (src/protocol/runRecord.ts): its key is the method and URL, so runs against
// the same endpoint compare; its metrics are the summary's; its histogram the response times'. Pure.
import type { RunHistogram, RunMetric, RunRecord } from '../protocol/runRecord';
import { loadKey, type LoadSpec } from './loadArgs';
import { loadNotes, type LoadCounts, type LoadSummary } from './loadSummary';

export function loadRunRecord(
  spec: LoadSpec,
  summary: LoadSummary,
  counts: LoadCounts,
  histogram: RunHistogram | undefined,
  time: number,
  profileFile: string,
): RunRecord {
  const u = new URL(spec.url);
  const metrics: RunMetric[] = [
    { key: 'requests', label: 'requests', value: summary.requests, unit: 'count', better: 'higher' },
    { key: 'rps', label: 'req/s', value: summary.rps, unit: 'per_second', better: 'higher' },
    { key: 'errors', label: 'errors', value: summary.errors, unit: 'count', better: 'lower' },
    { key: 'non2xx', label: 'non-2xx', value: summary.non2xx, unit: 'count', better: 'lower' },
    { key: 'p50', label: 'p50', value: summary.latencyMs.p50, unit: 'ms', better: 'lower' },
    { key: 'p90', label: 'p90', value: summary.latencyMs.p90, unit: 'ms', better: 'lower' },
    { key: 'p99', label: 'p99', value: summary.latencyMs.p99, unit: 'ms', better: 'lower' },
    { key: 'max', label: 'max', value: summary.latencyMs.max, unit: 'ms', better: 'lower' },
  ];
  const notes = loadNotes(counts);
  return {
    kind: 'load',
    key: loadKey(spec),
    title: `${spec.method} ${u.pathname}${u.search} · ${spec.seconds} s · ${spec.connections} connection${spec.connections === 1 ? '' : 's'}`,
    time,
    profile: profileFile,
    metrics,
    ...(histogram ? { histogram } : {}),
    ...(notes.length ? { notes } : {}),
    details: {
      url: spec.url,
      method: spec.method,
      target: spec.target,
      seconds: spec.seconds,
      connections: spec.connections,
      timeoutSeconds: spec.timeoutSeconds,
      ranSeconds: counts.duration,
      statusCodes: counts.statusCodes,
      errorCauses: counts.errorCauses,
      timeouts: counts.timeouts,
    },
  };
}
