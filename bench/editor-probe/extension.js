// Runs in the same extension host as pprof Lens and records how long its event loop was blocked: a 5 ms
// timer that fires late by more than 20 ms means the loop was busy for that long. Each stall is appended
// to $PPROF_LENS_BENCH_STALLS as "<end epoch ms> <stall ms>", so the benchmark can look at any window.
const { appendFileSync } = require('node:fs');

exports.activate = function () {
  const out = process.env.PPROF_LENS_BENCH_STALLS;
  if (!out) return;
  const period = 5;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - period;
    last = now;
    if (late > 20) appendFileSync(out, `${Date.now()} ${late.toFixed(1)}\n`);
  }, period);
  timer.unref();
  appendFileSync(out, `${Date.now()} 0 activated\n`);
};

exports.deactivate = function () {};
