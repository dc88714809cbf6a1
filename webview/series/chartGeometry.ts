// The series view's drawing arithmetic, pure: linear scales with round ticks, a chart line split where a
// snapshot failed, sparkline points. No DOM, so the unit tests check it in plain Node.

export interface Scale {
  (v: number): number;
  readonly domain: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a domain of one point maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  const f = (v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0));
  return Object.assign(f, { domain: [d0, d1] as const });
}

/** 1, 2 or 5 × a power of ten: the step that gives about `count` ticks over [0, max]. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0) || count < 1) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/**
 * The y ticks of a chart from 0: round steps up to the first at or above `max`, about `count` of them, the
 * step chosen so that the top tick overshoots `max` least. For bytes, steps of 2^k.
 */
export function valueTicks(max: number, count: number, binary = false): number[] {
  if (!(max > 0)) return [0];
  const stepFor = (n: number) => (binary ? 2 ** Math.ceil(Math.log2(max / n)) : niceStep(max, n));
  let step = stepFor(count);
  for (const n of [count - 1, count + 1, count + 2]) {
    if (n < 2) continue;
    const s = stepFor(n);
    if (Math.ceil(max / s) * s < Math.ceil(max / step) * step) step = s;
  }
  const ticks: number[] = [];
  for (let v = 0; ticks.length < 50; v += step) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

export interface ChartPoint {
  readonly time: number;
  readonly value: number;
}

/**
 * The runs of a chart's line: consecutive snapshots joined, except across a failed snapshot, where the line
 * stops (a gap) so that a missing value is never drawn as a straight guess.
 */
export function lineRuns(points: readonly ChartPoint[], failedTimes: readonly number[]): ChartPoint[][] {
  const runs: ChartPoint[][] = [];
  let run: ChartPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const prev = points[i - 1];
    if (prev && failedTimes.some((t) => t > prev.time && t < p.time)) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length) runs.push(run);
  return runs.filter((r) => r.length > 0);
}

/** An SVG path through the points, already in pixels: "M x y L x y …". */
export function pathOf(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * A sparkline's points in a width × height box, x evenly spaced by snapshot, y from 0 (or the least value,
 * when one is negative) up to the largest: from 0, so that a small change on a large value looks small.
 * An all-zero series lies on the bottom, not in the middle.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): [number, number][] {
  if (values.length === 0) return [];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const x = linearScale(0, Math.max(1, values.length - 1), pad, width - pad);
  const y = hi === lo ? () => height - pad : linearScale(lo, hi, height - pad, pad);
  return values.map((v, i) => [values.length === 1 ? width / 2 : x(i), y(v)]);
}

/** "+0:12", "+1:05", "+1:02:03": time since the series' first snapshot, for the chart's x axis. */
export function elapsedLabel(ms: number): string {
  const s = Math.round(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `+${h}:${pad(m)}:${pad(s % 60)}` : `+${m}:${pad(s % 60)}`;
}
