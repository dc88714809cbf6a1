// How one node's values over a series of snapshots grow, and the score that ranks it (README: "How growth is
// ranked"). A leak keeps what it gains: it rises from snapshot to snapshot and never gives back. A cache
// that fills and is cleared gains more between clears but gives it all back; a one-off step rises once;
// noise gives back as much as it gains. The score is the growth, discounted by how much of its range the
// series fell back at worst (steadiness) and by how few of its steps rose (ups / steps).

export interface Growth {
  /** Last minus first. */
  readonly growth: number;
  /** Least-squares slope per minute; 0 when every snapshot has the same time. */
  readonly slope: number;
  readonly ups: number;
  readonly steps: number;
  /** 1 − (largest fall from an earlier value) / (max − min); 1 when the series never falls. */
  readonly steadiness: number;
  /** growth × steadiness² × ups / steps when the series grew; else 0. */
  readonly score: number;
}

/** `values[i]` at `minutes[i]`, in time order; both read from `offset` for `n` entries. */
export function growthOf(values: ArrayLike<number>, minutes: ArrayLike<number>, offset = 0, n = values.length - offset): Growth {
  if (n <= 0) return { growth: 0, slope: 0, ups: 0, steps: 0, steadiness: 1, score: 0 };
  const first = values[offset];
  let min = first;
  let max = first;
  let peak = first;
  let fall = 0;
  let ups = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i];
    if (i > 0 && v > values[offset + i - 1]) ups++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > peak) peak = v;
    else if (peak - v > fall) fall = peak - v;
    sx += minutes[i];
    sy += v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = minutes[i] - mx;
    sxy += dx * (values[offset + i] - my);
    sxx += dx * dx;
  }
  const growth = values[offset + n - 1] - first;
  const steps = n - 1;
  const range = max - min;
  const steadiness = range > 0 ? 1 - fall / range : 1;
  const score = growth > 0 && steps > 0 ? growth * steadiness * steadiness * (ups / steps) : 0;
  return { growth, slope: sxx > 0 ? sxy / sxx : 0, ups, steps, steadiness, score };
}
