// One benchmark process: reads a profile file, then times the engine on it and prints one JSON line.
// bench/run.mjs bundles this file and runs it in a child process per workload, so each workload gets a
// fresh heap and its own peak RSS. Every measure is the median of warm runs: the code is first run
// (and optimized by V8) on the same workload, and each run starts from a collected heap.
//
//   node measure.js <file> <runs> [--warmup N] [--flame | --decode-compare | --cli top <file>... [options] | --trend <file>...]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { aggregate } from '../src/model/analysis/flatCum';
import { decodeProfile } from '../src/model/decode/decodeProfile';
import { loadProfile } from '../src/model/decode/loadProfile';
import { isGzip } from '../src/model/decode/sniffBytes';
import { decodeProfile as handWrittenDecode } from './reference/handWrittenDecode/decodeProfile';
import { flameTree } from '../src/model/analysis/flame/flameTree';
import { lineIndex } from '../src/model/analysis/lineIndex';
import { adoptUnfilteredEveryType, unfilteredEveryType } from '../src/model/analysis/flatCum';
import { callersCallees } from '../src/model/analysis/callersCallees';
import type { DecodedProfile, Profile } from '../src/model/profile/profile';
import type { FlameTree } from '../src/model/profile/queries';
import { parseArgs, runTop } from '../src/cli';
import { Analysis } from '../src/worker/analysis';

const [file, runsArg, ...flags] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg) || 1);
const warmupAt = flags.indexOf('--warmup');
const warmups = warmupAt >= 0 ? Math.max(0, Number(flags[warmupAt + 1]) || 0) : 0;
const bytes = new Uint8Array(readFileSync(file));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Bytes → flat and cum by function and by line, as `top` needs them. */
function flatCum(): { profile: Profile; ms: number; decodeMs: number } {
  const t0 = performance.now();
  const profile = loadProfile(bytes);
  const decodeMs = performance.now() - t0;
  aggregate(profile, profile.defaultSampleIndex, 'functions');
  aggregate(profile, profile.defaultSampleIndex, 'lines');
  return { profile, ms: performance.now() - t0, decodeMs };
}

/**
 * The shipped decoder (protobufjs's Reader as the wire layer) and the hand-written one it replaced, on the
 * same inflated bytes, so the ratio is that of the protobuf pass and id resolution alone. They alternate, and
 * the order flips each round, so neither always runs on a heap the other has just filled.
 */
function decodeComparison(): Record<string, unknown> {
  const raw = isGzip(bytes) ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const shipped: number[] = [];
  const reference: number[] = [];
  const timed = (decode: (b: Uint8Array) => DecodedProfile, into: number[]) => {
    gc();
    const [p, ms] = time(() => decode(raw));
    into.push(ms);
    return p.sampleCount;
  };
  let n = 0;
  for (let i = 0; i < warmups + runs; i++) {
    const first = i % 2 === 0;
    const a = timed(first ? decodeProfile : handWrittenDecode, first ? shipped : reference);
    const b = timed(first ? handWrittenDecode : decodeProfile, first ? reference : shipped);
    if (a !== b) throw new Error(`the decoders disagree: ${a} and ${b} samples`);
    n = a;
  }
  shipped.splice(0, warmups);
  reference.splice(0, warmups);
  return {
    samples: n,
    decodeMs: median(shipped),
    decodeAllMs: shipped.map((x) => Math.round(x)),
    referenceMs: median(reference),
    referenceAllMs: reference.map((x) => Math.round(x)),
  };
}

/**
 * `--cli top …`: the CLI's `top` in this process, from reading the files to the printed table (merges and
 * comparisons included), as `go tool pprof -top` does it from its start to its output.
 */
if (flags.includes('--cli')) {
  const argv = flags.slice(flags.indexOf('--cli') + 1);
  const times: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    gc();
    const [, ms] = time(() => runTop(parseArgs(argv), (f) => readFileSync(f)));
    if (i >= warmups) times.push(ms);
  }
  const out = { topMs: median(times), topAllMs: times.map((x) => Math.round(x)), peakRss: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

/**
 * `--trend <file>...`: the worker's trend over a series (each file read, loaded, aggregated and dropped in
 * turn), beside loading the same files alone (read + gunzip + decode + ids + pprof's read rules, each profile
 * dropped). They alternate, the order flipped each round, so neither always meets the heap the other left.
 */
if (flags.includes('--trend')) {
  const files = flags.slice(flags.indexOf('--trend') + 1);
  const decodeAll = () => {
    let samples = 0;
    for (const f of files) samples += loadProfile(readFileSync(f)).sampleCount;
    return samples;
  };
  const trendAll = () => new Analysis((f) => readFileSync(f)).trend(files, { granularity: 'functions' });
  const decodeTimes: number[] = [];
  const trendTimes: number[] = [];
  // CPU time too (every thread of the process): on a machine whose cores other work takes, wall time also
  // counts the waits for a core, and those move by 2x from one round to the next.
  const decodeCpu: number[] = [];
  const trendCpu: number[] = [];
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let samples = 0;
  let rows = 0;
  let first = '';
  for (let i = 0; i < warmups + runs; i++) {
    const order = i % 2 === 0 ? ['decode', 'trend'] : ['trend', 'decode'];
    for (const which of order) {
      gc();
      const c0 = cpuMs();
      if (which === 'decode') {
        const [n, ms] = time(decodeAll);
        samples = n;
        if (i >= warmups) (decodeTimes.push(ms), decodeCpu.push(cpuMs() - c0));
      } else {
        const [t, ms] = time(trendAll);
        rows = t.rows.length;
        first = t.rows[0]?.name ?? '';
        if (i >= warmups) (trendTimes.push(ms), trendCpu.push(cpuMs() - c0));
      }
    }
  }
  const round = (xs: number[]) => xs.map((x) => Math.round(x));
  const out = {
    files: files.length,
    samples,
    rows,
    first,
    decodeMs: median(decodeTimes),
    decodeAllMs: round(decodeTimes),
    trendMs: median(trendTimes),
    trendAllMs: round(trendTimes),
    ratios: trendTimes.map((x, i) => Number((x / decodeTimes[i]).toFixed(3))),
    decodeCpuMs: median(decodeCpu),
    decodeCpuAllMs: round(decodeCpu),
    trendCpuMs: median(trendCpu),
    trendCpuAllMs: round(trendCpu),
    cpuRatios: trendCpu.map((x, i) => Number((x / decodeCpu[i]).toFixed(3))),
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

if (flags.includes('--decode-compare')) {
  process.stdout.write(JSON.stringify(decodeComparison()) + '\n');
  process.exit(0);
}

const flatCumMs: number[] = [];
const decodeMs: number[] = [];
const lineIndexAfterTopMs: number[] = [];
const lineIndexFromSumsMs: number[] = [];
let peakRssAfterFirst = 0;
let samples = 0;
for (let i = 0; i < warmups + runs; i++) {
  gc();
  const r = flatCum();
  samples = r.profile.sampleCount;
  if (i === 0) peakRssAfterFirst = process.resourceUsage().maxRSS * 1024;
  // The line index as the source annotations ask for it once the editor has shown the profile's top table.
  gc();
  const [, indexMs] = time(() => lineIndex(r.profile));
  // The same on another thread, as the editor's scan thread makes it: the profile held there (another object,
  // so its own frame tables), the table thread's unfiltered sums adopted (worker/siblingSums.ts).
  const sums = unfilteredEveryType(r.profile);
  const elsewhere = { ...r.profile };
  gc();
  const [, fromSumsMs] = time(() => {
    if (sums) adoptUnfilteredEveryType(elsewhere, sums);
    return lineIndex(elsewhere);
  });
  if (i < warmups) continue;
  lineIndexFromSumsMs.push(fromSumsMs);
  flatCumMs.push(r.ms);
  decodeMs.push(r.decodeMs);
  lineIndexAfterTopMs.push(indexMs);
}
const out: Record<string, unknown> = {
  samples,
  flatCumMs: median(flatCumMs),
  flatCumAllMs: flatCumMs.map((x) => Math.round(x)),
  decodeMs: median(decodeMs),
  lineIndexAfterTopMs: median(lineIndexAfterTopMs),
  lineIndexFromSumsMs: median(lineIndexFromSumsMs),
  peakRss: peakRssAfterFirst,
};

/** The widest node `levels` levels down, as a user clicks into the graph: the names of its path. */
function widestPath(tree: FlameTree, levels: number): string[] {
  const path: string[] = [];
  for (let node = 0, d = 0; d < levels; d++) {
    let best = -1;
    for (let i = node + 1; i < tree.parent.length; i++) if (tree.parent[i] === node && (best < 0 || tree.value[i] > tree.value[best])) best = i;
    if (best < 0) break;
    path.push(tree.names[tree.nodeName[best]]);
    node = best;
  }
  return path;
}

/**
 * On a freshly decoded profile: the first flame tree (which pays for everything the worker has not built
 * yet), then the interactions, then the line index before any top table (its pass then serves the top table).
 */
function flameSession() {
  gc();
  const p = loadProfile(bytes);
  const s = p.defaultSampleIndex;
  const [tree, firstMs] = time(() => flameTree(p, { sampleIndex: s }));
  const path = widestPath(tree, 3);
  const [, zoomMs] = time(() => flameTree(p, { sampleIndex: s, path }));
  const other = (s + 1) % p.sampleTypes.length;
  const [, typeMs] = time(() => flameTree(p, { sampleIndex: other }));
  const [, againMs] = time(() => flameTree(p, { sampleIndex: s }));
  const [, neighboursMs] = time(() => callersCallees(p, { sampleIndex: s, name: path[path.length - 1] ?? '' }));
  const [, lineIndexMs] = time(() => lineIndex(p));
  return { flameNodes: tree.parent.length, firstMs, zoomMs, zoomDepth: path.length, typeMs, againMs, neighboursMs, lineIndexMs };
}

if (flags.includes('--flame')) {
  const sessions: ReturnType<typeof flameSession>[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const r = flameSession();
    if (i >= warmups) sessions.push(r);
  }
  const med = (k: keyof ReturnType<typeof flameSession>) => median(sessions.map((r) => r[k]));
  Object.assign(out, {
    flameNodes: sessions[0].flameNodes,
    firstFlameMs: med('firstMs'),
    firstFlameAllMs: sessions.map((r) => Math.round(r.firstMs)),
    zoomMs: med('zoomMs'),
    zoomDepth: sessions[0].zoomDepth,
    sampleTypeMs: med('typeMs'),
    flameAgainMs: med('againMs'),
    neighboursMs: med('neighboursMs'),
    lineIndexMs: med('lineIndexMs'),
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
