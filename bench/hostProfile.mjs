// Reads the extension host's CPU profile that bench/editor-probe records, and finds how long its event loop
// was blocked: the longest run of samples in which the main thread was not idle. A late timer alone cannot
// tell a blocked loop from a thread the machine did not schedule; the profile can, since a thread waiting
// for a core is sampled as idle (or not at all).
// A run's wall time is from its first busy sample to its last, plus one sampling interval (`ms`); `outerMs`
// adds the gap before its first busy sample, as an upper bound. Its time on a core (`cpuMs`) counts each
// sample for at most one interval: the profiler samples a running thread every interval, so a longer gap
// between samples is time the thread waited for one of the machine's cores, not time it spent working
// (on 2 cores, with the worker, Chromium and code-server busy, gaps of 20–50 ms occur even in an idle
// window, with an 8 KB profile). The runs are sorted by cpuMs.
// A stretch is the extension's (`ours`) when any of its samples has a frame from a script under `ourDir`:
// the extension's own code, or VS Code's code that it called (a postMessage serializing its payload).
import { readFileSync } from 'node:fs';

/** The busy stretches between two epoch-ms times, longest first, each with its most frequent frames. */
export function busyStretches(file, fromEpoch, toEpoch, ourDir = '\0') {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const clock = JSON.parse(readFileSync(`${file}.clock`, 'utf8'));
  const epochOf = (us) => clock.epochMs + (us - p.startTime) / 1000;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const ourUrl = (url) => url.includes(ourDir);
  const isOurs = new Map();
  const oursAt = (id) => {
    let v = isOurs.get(id);
    if (v === undefined) {
      v = ourUrl(byId.get(id).callFrame.url ?? '') || (parentOf.has(id) && oursAt(parentOf.get(id)));
      isOurs.set(id, v);
    }
    return v;
  };
  const where = (id) => {
    // The innermost frames with a script, so that native and builtin frames name their callers.
    const out = [];
    for (let x = id; x !== undefined && out.length < 3; x = parentOf.get(x)) {
      const f = byId.get(x).callFrame;
      if (f.url) out.push(`${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`);
    }
    return out.length > 0 ? out.join(' < ') : byId.get(id).callFrame.functionName;
  };
  // The interval the probe asked for (µs), which the median gap between samples shows.
  const interval = [...p.timeDeltas].sort((a, b) => a - b)[p.timeDeltas.length >> 1];
  const runs = [];
  let run;
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const before = t;
    t += p.timeDeltas[i];
    if (epochOf(t) < fromEpoch || epochOf(before) > toEpoch) continue;
    const id = p.samples[i];
    if (byId.get(id).callFrame.functionName === '(idle)') {
      if (run) runs.push(run);
      run = undefined;
      continue;
    }
    run ??= { outerFrom: before, from: t - interval, to: t, frames: new Map(), samples: 0, cpu: 0, ours: false };
    run.cpu += run.samples === 0 ? interval : Math.min(p.timeDeltas[i], interval);
    run.to = t;
    run.samples++;
    run.ours ||= oursAt(id);
    const w = where(id);
    run.frames.set(w, (run.frames.get(w) ?? 0) + 1);
  }
  if (run) runs.push(run);
  return runs
    .map((r) => ({ cpuMs: r.cpu / 1000, ms: (r.to - r.from) / 1000, outerMs: (r.to - r.outerFrom) / 1000, samples: r.samples, ours: r.ours, atMs: epochOf(r.from) - fromEpoch, frames: [...r.frames].sort((a, b) => b[1] - a[1]).slice(0, 5) }))
    .sort((a, b) => b.cpuMs - a.cpuMs || b.ms - a.ms);
}
