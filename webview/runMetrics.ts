// A run's measurements as its card words them (latency in ms, ns/op, B/op, requests/s) and the verdict on
// a change between two runs: better or worse by the metric's own direction. No DOM.
import type { RunMetric, RunUnit } from '../src/protocol/runRecord';
import { formatValue } from './format';
import { deltaPercent, formatDeltaPercent } from './delta';

const number = (v: number, digits: number) => v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** "12.3 ms", "1,234 ns", "56B", "3,400/s", "17". */
export function formatRunValue(value: number, unit: RunUnit): string {
  switch (unit) {
    case 'ms':
      return `${number(value, Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)} ms`;
    case 'ns':
      return `${number(value, Math.abs(value) >= 100 ? 0 : 2)} ns`;
    case 'bytes':
      return formatValue(value, 'bytes');
    case 'per_second':
      return `${number(value, Math.abs(value) >= 100 ? 0 : 1)}/s`;
    case 'count':
      return number(value, 2);
  }
}

/** A signed change in the metric's unit: "+1.2 ms", "-300/s", "0". */
export function formatRunDelta(delta: number, unit: RunUnit): string {
  const text = formatRunValue(delta, unit);
  return delta > 0 ? `+${text}` : text;
}

export type Verdict = 'better' | 'worse' | 'same' | 'neutral';

/** Whether going from `base` to `target` is an improvement, by the metric's direction. */
export function verdictOf(base: number, target: number, better: RunMetric['better']): Verdict {
  if (base === target) return 'same';
  if (better === 'none') return 'neutral';
  return (target < base) === (better === 'lower') ? 'better' : 'worse';
}

export interface MetricChange {
  readonly key: string;
  readonly label: string;
  readonly unit: RunUnit;
  readonly base: number | undefined;
  readonly target: number | undefined;
  /** Set when both sides have the metric. */
  readonly delta?: string;
  readonly percent?: string;
  /** (target − base) / base in percent, for sorting and tests; undefined when a side lacks it. */
  readonly percentValue?: number;
  readonly verdict: Verdict;
}

/** Both runs' metrics paired by key, in the target's order, then those only the base has. */
export function pairMetrics(base: readonly RunMetric[], target: readonly RunMetric[]): MetricChange[] {
  const baseByKey = new Map(base.map((m) => [m.key, m]));
  const keys = [...target.map((m) => m.key), ...base.map((m) => m.key).filter((k) => !target.some((t) => t.key === k))];
  return keys.map((key) => {
    const b = baseByKey.get(key);
    const t = target.find((m) => m.key === key);
    const m = (t ?? b)!;
    if (!b || !t) return { key, label: m.label, unit: m.unit, base: b?.value, target: t?.value, verdict: 'neutral' as const };
    return {
      key,
      label: m.label,
      unit: m.unit,
      base: b.value,
      target: t.value,
      delta: formatRunDelta(t.value - b.value, m.unit),
      percent: formatDeltaPercent(b.value, t.value) || '0%',
      percentValue: deltaPercent(b.value, t.value),
      verdict: verdictOf(b.value, t.value, m.better),
    };
  });
}

/** "10–20 ms: 1,234 requests" for one bar of the histogram. */
export function histogramBarLabel(fromMs: number, toMs: number, count: number): string {
  const ms = (v: number) => number(v, v >= 10 ? 0 : 2);
  return `${ms(fromMs)}–${ms(toMs)} ms: ${number(count, 0)} request${count === 1 ? '' : 's'}`;
}
