// Polling for what the extension does in its own time (a view opening, lenses computed in the worker).

/** Polls until `check` gives a value, or fails with what the last poll threw. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).stack ?? last}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
