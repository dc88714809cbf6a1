// Runs jobs with at most `limit` at once, in order of the list; stops starting new ones once `signal`
// aborts. Each job's outcome is kept in its slot; a job's error never stops the others.

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export async function runBounded<I, T>(
  items: readonly I[],
  limit: number,
  job: (item: I, index: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<Outcome<T>[]> {
  const out = new Array<Outcome<T>>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      try {
        out[i] = { ok: true, value: await job(items[i], i) };
      } catch (error) {
        out[i] = { ok: false, error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}
