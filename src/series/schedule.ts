// The schedule of a series, pure: round n (from 1) is due `(n - 1) × interval` after the start, so a late
// round never shifts the ones after it, and a host that takes a series over knows which rounds are left.

/** When round `round` (from 1) is due, in ms since the epoch. */
export function dueTime(startedMs: number, intervalSeconds: number, round: number): number {
  return startedMs + (round - 1) * intervalSeconds * 1000;
}

/** Rounds for a total duration: one at the start, then one per whole interval that fits. */
export function countForDuration(totalSeconds: number, intervalSeconds: number): number {
  return Math.floor(totalSeconds / intervalSeconds + 1e-9) + 1;
}

/** Whole seconds from now until `dueMs`, never negative: what the status bar counts down. */
export function secondsUntil(dueMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((dueMs - nowMs) / 1000));
}

export interface ResumePlan {
  /** The next round to take, from 1. */
  readonly next: number;
  /** Rounds whose time passed while no host ran the series; they are recorded as missed. */
  readonly missed: number;
}

/**
 * What is left of a schedule taken over at `nowMs` after `done` rounds: a round late by less than one
 * interval is still taken (at once); those later than that are missed. Undefined when no round is left.
 */
export function resumePlan(startedMs: number, intervalSeconds: number, count: number, done: number, nowMs: number): ResumePlan | undefined {
  const intervalMs = intervalSeconds * 1000;
  let next = done + 1;
  while (next <= count && dueTime(startedMs, intervalSeconds, next) + intervalMs <= nowMs) next++;
  if (next > count) return undefined;
  return { next, missed: next - done - 1 };
}

/** The status bar's words: rounds done of the count, and the wait before the next. */
export function seriesStatusText(done: number, count: number, nextInSeconds: number | undefined): string {
  const when = nextInSeconds === undefined ? 'capturing…' : `next in ${nextInSeconds} s`;
  return `$(pulse) pprof series ${done}/${count} · ${when}`;
}
