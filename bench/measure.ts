// One benchmark process: reads a profile file, then times the engine on it and prints one JSON line.
// bench/run.mjs bundles this file and runs it in a child process per workload, so each workload gets a
// fresh heap and its own peak RSS.
//
//   node measure.js <file> <runs> [--flame]
import { readFileSync } from 'node:fs';
import { aggregate } from '../src/model/aggregate';
import { decodeProfile } from '../src/model/decode';
import { flameTree } from '../src/model/flameTree';
import { lineIndex } from '../src/model/lineIndex';
import { neighbours } from '../src/model/neighbours';
import { prepareProfile } from '../src/model/prepare';
import type { Profile } from '../src/model/profile';

const [file, runsArg, ...flags] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg) || 1);
const bytes = new Uint8Array(readFileSync(file));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** Bytes → flat and cum by function and by line, as `top` needs them. */
function flatCum(): { profile: Profile; ms: number; decodeMs: number } {
  const t0 = performance.now();
  const profile = prepareProfile(decodeProfile(bytes));
  const decodeMs = performance.now() - t0;
  aggregate(profile, profile.defaultSampleIndex, 'functions');
  aggregate(profile, profile.defaultSampleIndex, 'lines');
  return { profile, ms: performance.now() - t0, decodeMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const flatCumMs: number[] = [];
const decodeMs: number[] = [];
let peakRssAfterFirst = 0;
let samples = 0;
for (let i = 0; i < runs; i++) {
  gc();
  const r = flatCum();
  samples = r.profile.sampleCount;
  flatCumMs.push(r.ms);
  decodeMs.push(r.decodeMs);
  if (i === 0) peakRssAfterFirst = process.resourceUsage().maxRSS * 1024;
}
const out: Record<string, unknown> = {
  samples,
  flatCumMs: median(flatCumMs),
  flatCumFirstMs: flatCumMs[0],
  decodeMs: median(decodeMs),
  peakRss: peakRssAfterFirst,
};

if (flags.includes('--flame')) {
  gc();
  // A fresh decode, so the first flame tree pays for everything the worker has not built yet.
  const p = prepareProfile(decodeProfile(bytes));
  const s = p.defaultSampleIndex;
  const [tree, firstMs] = time(() => flameTree(p, { sampleIndex: s }));
  // Zoom into the widest node three levels down, the way a user clicks into the graph.
  const path: string[] = [];
  for (let node = 0, d = 0; d < 3; d++) {
    let best = -1;
    for (let i = node + 1; i < tree.parent.length; i++) if (tree.parent[i] === node && (best < 0 || tree.value[i] > tree.value[best])) best = i;
    if (best < 0) break;
    path.push(tree.names[tree.nodeName[best]]);
    node = best;
  }
  const [, zoomMs] = time(() => flameTree(p, { sampleIndex: s, path }));
  const other = (s + 1) % p.sampleTypes.length;
  const [, typeMs] = time(() => flameTree(p, { sampleIndex: other }));
  const [, againMs] = time(() => flameTree(p, { sampleIndex: s }));
  const [, neighboursMs] = time(() => neighbours(p, { sampleIndex: s, name: path[path.length - 1] ?? '' }));
  const [, lineIndexMs] = time(() => lineIndex(p));
  Object.assign(out, { flameNodes: tree.parent.length, firstFlameMs: firstMs, zoomMs, zoomDepth: path.length, sampleTypeMs: typeMs, flameAgainMs: againMs, neighboursMs, lineIndexMs });
}
process.stdout.write(JSON.stringify(out) + '\n');
