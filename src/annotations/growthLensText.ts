// The words of a growth lens: how much a line's value grew over the series, and how steadily. Pure;
// numbers go through model/units like every other annotation.
import { scaleValue } from '../model/base/units';
import type { ValueType } from '../model/profile/profile';
import { signedValue } from './lensText';

/** Below this steadiness a line's growth is a sawtooth or noise, not a leak: it gets no lens. */
export const STEADY_ENOUGH = 0.75;

export interface GrowthFigures {
  readonly growth: number;
  readonly ups: number;
  readonly steps: number;
  readonly steadiness: number;
}

/**
 * Whether a line grows steadily enough to point at: it grew, over at least two steps, the engine calls it
 * steady, and it rose in at least half the steps (one step up and flat since is a step, not a leak).
 */
export function growsSteadily(r: GrowthFigures): boolean {
  return r.growth > 0 && r.steps >= 2 && r.steadiness >= STEADY_ENOUGH && r.ups * 2 >= r.steps;
}

/** "45 s", "10 min", "2.5 h": the span of the series, rounded to what a reader needs. */
export function spanText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  const min = s / 60;
  if (min < 90) return `${Math.round(min)} min`;
  const h = min / 60;
  return `${h < 10 ? h.toFixed(1).replace(/\.0$/, '') : Math.round(h)} h`;
}

/** "+4.10MB", or for a count "+12 goroutines". */
export function growthAmount(value: number, type: ValueType): string {
  const text = signedValue(value, type);
  if (scaleValue(value, type.unit, 'auto').unit !== '') return text;
  return `${text} ${type.type}${Math.abs(value) === 1 || type.type.endsWith('s') ? '' : 's'}`;
}

/** "pprof ↑ +4.10MB over 10 min, steady (9/9 snapshots up)" */
export function growthLensTitle(r: GrowthFigures, type: ValueType, spanMs: number): string {
  const steady = r.ups === r.steps ? 'steady' : 'mostly steady';
  return `pprof ↑ ${growthAmount(r.growth, type)} over ${spanText(spanMs)}, ${steady} (${r.ups}/${r.steps} snapshots up)`;
}
