// How steadily a series of values grows, 0..1, for ranking what leaks above what merely swings. Plain
// numbers in time order; no profile, so any series (a function's flat, a goroutine group's count) can use it.

/**
 * The share of all rises that the series kept (net growth / sum of rises), times the share of steps in
 * which it did not fall. 1 when it never falls and ends higher; near 0 for a sawtooth that is cleared, and
 * 0 for anything that ends no higher than it started.
 */
export function steadiness(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let rises = 0;
  let notFalling = 0;
  for (let i = 1; i < n; i++) {
    const d = values[i] - values[i - 1];
    if (d > 0) rises += d;
    if (d >= 0) notFalling++;
  }
  const net = values[n - 1] - values[0];
  if (net <= 0 || rises <= 0) return 0;
  return (net / rises) * (notFalling / (n - 1));
}

/** Steps in which the value rose. */
export function upSteps(values: ArrayLike<number>): number {
  let ups = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[i - 1]) ups++;
  return ups;
}
