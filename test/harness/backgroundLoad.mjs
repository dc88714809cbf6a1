// The demo's light background load (npm start): a few requests a second to its CPU handlers, one at a time,
// so that a plain CPU capture of the demo shows its handlers instead of an empty profile. About 4% of a core.

/** Starts the load on the service at `url` (scheme://host:port); returns the function that stops it. */
export function backgroundLoad(url, { pauseMs = 200 } = {}) {
  const paths = ['/work?n=400', '/fib?n=25'];
  let i = 0;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    fetch(`${url}${paths[i++ % paths.length]}`)
      .then((r) => r.arrayBuffer(), () => undefined)
      .finally(() => setTimeout(next, pauseMs));
  };
  next();
  return () => (stopped = true);
}
