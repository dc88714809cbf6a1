// Runs in the same extension host as pprof Lens and records how long its event loop was blocked: a 5 ms
// timer that fires late by more than 20 ms means the loop was busy for that long. Each stall is appended
// to $PPROF_LENS_BENCH_STALLS as "<end epoch ms> <stall ms>", so the benchmark can look at any window.
// With $PPROF_LENS_BENCH_CPUPROFILE set it also records a CPU profile of the extension host, written to
// that file when $PPROF_LENS_BENCH_CPUPROFILE.stop appears, to show what the stalls were.
// Its command "pprof bench: Compare the Pair" runs pprofLens.compareProfiles with the argument object
// { base, target } read from $PPROF_LENS_BENCH_COMPARE (a JSON file of two paths), as a script or another
// extension would, and appends the epoch ms at which it ran it to that file's `.ran`.
const { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');

exports.activate = function (context) {
  const vscode = require('vscode');
  context.subscriptions.push(
    vscode.commands.registerCommand('pprofLensBench.comparePair', () => {
      const file = process.env.PPROF_LENS_BENCH_COMPARE;
      const { base, target } = JSON.parse(readFileSync(file, 'utf8'));
      appendFileSync(`${file}.ran`, `${Date.now()}\n`);
      return vscode.commands.executeCommand('pprofLens.compareProfiles', { base: vscode.Uri.file(base), target: vscode.Uri.file(target) });
    }),
  );
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
  const cpuprofile = process.env.PPROF_LENS_BENCH_CPUPROFILE;
  if (cpuprofile) profile(cpuprofile);
};

function profile(file) {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () =>
    session.post('Profiler.setSamplingInterval', { interval: 1000 }, () =>
      session.post('Profiler.start', () => {
        // The profile's clock (µs, monotonic) against epoch ms, to line it up with the stalls.
        writeFileSync(`${file}.clock`, JSON.stringify({ epochMs: Date.now(), perfMs: performance.now(), timeOrigin: performance.timeOrigin }));
        const poll = setInterval(() => {
          if (!existsSync(`${file}.stop`)) return;
          clearInterval(poll);
          // Written whole, then renamed: the benchmark reads the file as soon as it exists.
          session.post('Profiler.stop', (err, r) => {
            writeFileSync(`${file}.tmp`, err ? String(err) : JSON.stringify(r.profile));
            renameSync(`${file}.tmp`, file);
          });
        }, 200);
        poll.unref();
      }),
    ),
  );
}

exports.deactivate = function () {};
