// The demo's light background load (npm start): a few requests a second to its CPU handlers, one at a time,
// so that a plain CPU capture of the demo shows its handlers instead of an empty profile. About 5% of a core:
// some 15 samples in a 3 s capture, so that none without the handlers is a matter of chance.

/** Starts the load on the service at `url` (scheme://host:port); returns the function that stops it. */
export function backgroundLoad(url, { pauseMs = 150 } = {}) {
  const paths = ['/work?n=1000', '/fib?n=29'];
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
