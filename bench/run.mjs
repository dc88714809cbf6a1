#!/usr/bin/env node
// npm run bench: times the engine on workload L (bench/gen-large.mjs, 1M samples) and M (a real 20k-sample
// C++ profile), beside `go tool pprof -top` on the same files in the same run, and prints each measure with
// its target from PERF.md. The latest table is written into bench/README.md. Generated profiles are cached
// outside the repo, in ~/.cache/pprof-lens-bench (or $PPROF_LENS_BENCH_CACHE). `--only codelens` runs just
// the CodeLens measure (bench/codeLens.ts), `--only decode` just the shipped decoder beside the hand-written
// reference (bench/reference/handWrittenDecode), `--only compare` just the comparison and merge rows (the
// CLI's top --diff_base on two runs of L's program, and top over 20 runs of a program of M's size), `--only trend` just the trend
// over 60 heap snapshots (bench/gen-series.mjs) beside decoding them alone, and each replaces its rows in the README's table.
//
// `--only goroutines` just the grouping of a generated debug=2 dump (bench/gen-goroutines.mjs, bench/goroutines.ts).
// `--only fleet` just the fleet rows (bench/fleet.ts): the merge of 50 instance profiles of M's size, and
// capturing 20 local instances that each answer after 1 s.
// `--only inflate` just the web build's inflate on L: pako beside DecompressionStream('gzip') in Node
// (bench/inflate.ts, node:zlib as the anchor) and in a Chromium Web Worker (bench/inflateBrowser.mjs); the web
// build uses the faster one that works in VS Code's web worker, with the other as its fallback.
//
// `--only load` just the load generator's rows (bench/load.ts): autocannon in process against the Go test
// service's /light handler, its responses per second and the CPU it costs per 1,000 responses.
//
//   node bench/run.mjs [--no-pprof] [--no-scaling] [--only codelens|decode|compare|trend|goroutines|fleet|inflate|load]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ENGINE_ENV } from './engineEnv.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const cache = process.env.PPROF_LENS_BENCH_CACHE || join(homedir(), '.cache', 'pprof-lens-bench');
const argv = process.argv.slice(2);
const args = new Set(argv);
const only = args.has('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const M = join(repo, 'test/fixtures/google-pprof/proftest-large.cpu.pb.gz');
mkdirSync(cache, { recursive: true });

const log = (s) => process.stderr.write(s + '\n');
const sha = (b) => createHash('sha256').update(b).digest('hex').slice(0, 12);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The generated workload at `samples`, generated once per generator version; `stackSeed` draws another run's stacks. */
function workload(samples, stackSeed) {
  const run = stackSeed === undefined ? '' : `-stacks${stackSeed}`;
  const file = join(cache, `L-${samples}-seed42${run}-${sha(readFileSync(join(here, 'gen-large.mjs')))}.pb.gz`);
  if (!existsSync(file)) {
    log(`generating ${samples} samples${run} → ${file}`);
    const tmp = `${file}.tmp.pb.gz`;
    const args = [join(here, 'gen-large.mjs'), '--samples', String(samples), '--out', tmp];
    if (stackSeed !== undefined) args.push('--stackseed', String(stackSeed));
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`gen-large.mjs failed (exit ${r.status})`);
    renameSync(tmp, file);
  }
  return file;
}

/** The series of heap snapshots (bench/gen-series.mjs), generated once per generator version: its files in time order. */
async function seriesWorkload() {
  const dir = join(cache, `series-60x50000-seed7-${sha(readFileSync(join(here, 'gen-series.mjs')))}`);
  const done = join(dir, 'complete');
  if (!existsSync(done)) {
    log(`generating 60 heap snapshots → ${dir}`);
    const { generateSeries } = await import('./gen-series.mjs');
    generateSeries(dir, { snapshots: 60, samples: 50_000, seed: 7 });
    writeFileSync(done, '');
  }
  return Array.from({ length: 60 }, (_, k) => join(dir, `heap-${String(k).padStart(2, '0')}.pb.gz`));
}

/**
 * Bundles a bench/*.ts script with the engine, so the numbers are those of the shipped code (no tsx), and
 * beside it the CLI's merge thread, as dist/ holds it beside cli.js (without it the CLI merges on one thread).
 */
async function buildMeasure(name = 'measure') {
  const out = join(cache, `${name}.js`);
  const options = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
  await esbuild.build({ ...options, entryPoints: [join(here, `${name}.ts`)], outfile: out });
  await esbuild.build({ ...options, entryPoints: [join(repo, 'src/cli/mergeWorker.ts')], outfile: join(cache, 'mergeWorker.js') });
  return out;
}

function measure(script, file, runs, ...flags) {
  // The engine in the environment of the extension's engine process (src/worker/engineEnv.ts); the CLI's
  // rows as a shell runs the CLI.
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', script, file, String(runs), ...flags], {
    env: flags.includes('--cli') ? process.env : ENGINE_ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`measuring ${file} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

// Measured runs per workload, after warm-up runs that let V8 optimize the code on the same workload.
const RUNS = { M: 9, L: 3, L2M: 3, decode: 21, diff: 3, trend: 9 };
const WARMUPS = { M: 5, L: 1, decode: 3, diff: 1, trend: 1 };

/** Wall time of `go tool pprof -top` (it reads, decodes and aggregates, like our flat/cum measure); `file` may be an argument list. */
function pprofTop(file, runs) {
  const tmp = join(cache, 'pprof-tmp');
  mkdirSync(tmp, { recursive: true });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const args = ['tool', 'pprof', '-top', ...(Array.isArray(file) ? file : [file])];
    const r = spawnSync('go', args, { env: { ...process.env, PPROF_TMPDIR: tmp, HOME: tmp }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`go tool pprof failed: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The CodeLens rows: the vscode-free work of provideCodeLenses on a generated 2,000-line Go file. */
async function codeLensRows() {
  const r = spawnSync(process.execPath, [await buildMeasure('codeLens')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`measuring CodeLens failed (exit ${r.status})`);
  const c = JSON.parse(r.stdout.trim().split('\n').pop());
  log(`CodeLens: ${c.lines} lines, ${c.functions} functions; first call in the process ${fine(c.atDefault.coldMs)} (threshold 0: ${fine(c.everyLine.coldMs)})`);
  const shown = (s) => `${fine(s.firstMs)} / ${fine(s.cachedMs)} (${s.lenses} lenses)`;
  const d = c.atDefault;
  return [
    { measure: 'CodeLens for one 2,000-line file (first / cached)', value: d.firstMs, shown: shown(d), target: '≤ 5 ms', ok: d.firstMs <= 5 && d.cachedMs <= 5, pprof: '' },
    { measure: 'CodeLens, same file at threshold 0 (a lens on every line)', value: c.everyLine.firstMs, shown: shown(c.everyLine), target: '', ok: undefined, pprof: '' },
  ];
}

/** The decode rows: L's inflated bytes → Profile by the shipped decoder and by the hand-written reference, alternating in one process. */
function decodeRows(script, L) {
  const d = measure(script, L, RUNS.decode, '--warmup', String(WARMUPS.decode), '--decode-compare');
  const ratio = d.decodeMs / d.referenceMs;
  const paired = median(d.decodeAllMs.map((x, i) => x / d.referenceAllMs[i]));
  log(`decode runs: protobufjs Reader ${d.decodeAllMs.join(' ')} ms; hand-written ${d.referenceAllMs.join(' ')} ms; median of the rounds' ratios ${paired.toFixed(2)}x`);
  return [
    { measure: 'L: decode (protobufjs Reader)', value: d.decodeMs, shown: `${ms(d.decodeMs)} = ${ratio.toFixed(2)}x the hand-written`, target: '≤ 1.1x the hand-written decoder', ok: ratio <= 1.1, pprof: '' },
    { measure: 'L: decode (hand-written reference)', value: d.referenceMs, shown: ms(d.referenceMs), target: '', ok: undefined, pprof: '' },
  ];
}

/**
 * The comparison rows: the CLI's `top --diff_base=L₁ L₂` (two runs of L's program, 1M samples each: stack
 * seeds 1 and 2) and `top` over 20 runs of one program of M's size (stack seeds 1–20), each beside
 * `go tool pprof -top` with the same arguments in the same run.
 */
function compareRows(script) {
  const L = workload(1_000_000, 1);
  const L2 = workload(1_000_000, 2);
  const twenty = Array.from({ length: 20 }, (_, i) => workload(20_430, i + 1));
  log('measuring top --diff_base on L₂ against L₁ …');
  const diff = measure(script, L2, RUNS.diff, '--warmup', String(WARMUPS.diff), '--cli', 'top', L2, `--diff_base=${L}`);
  log(`runs: ${diff.topAllMs.join(' ')} ms, peak RSS ${mb(diff.peakRss)}`);
  log('measuring top over 20 profiles of M’s size …');
  const merge = measure(script, twenty[0], RUNS.M, '--warmup', String(WARMUPS.M), '--cli', 'top', ...twenty);
  log(`runs: ${merge.topAllMs.join(' ')} ms`);
  let pprofDiff, pprofMerge;
  if (hasGo && !args.has('--no-pprof')) {
    log('go tool pprof -top -diff_base on L₂ against L₁ (slow) …');
    pprofDiff = pprofTop([`-diff_base=${L}`, L2], 1);
    log('go tool pprof -top over the 20 profiles …');
    pprofMerge = pprofTop(twenty, 3);
  }
  const ratio = (ours, theirs) => (theirs === undefined ? undefined : theirs / ours);
  const shown = (ours, theirs) => (theirs === undefined ? '–' : `${ms(theirs)} (${(theirs / ours).toFixed(1)}x)`);
  const rd = ratio(diff.topMs, pprofDiff);
  const rm = ratio(merge.topMs, pprofMerge);
  return [
    { measure: 'L₂ against L₁: top --diff_base (2 × 1M samples)', value: diff.topMs, shown: ms(diff.topMs), target: '≥ 20x pprof', ok: rd === undefined ? undefined : rd >= 20, pprof: shown(diff.topMs, pprofDiff) },
    { measure: '20 profiles of M’s size: top over their merge', value: merge.topMs, shown: ms(merge.topMs), target: '≥ 15x pprof', ok: rm === undefined ? undefined : rm >= 15, pprof: shown(merge.topMs, pprofMerge) },
  ];
}

/** The trend row: the worker's trend over 60 heap snapshots of ~50k samples, and decoding the 60 alone, alternating in one process. */
async function trendRows(script) {
  const files = await seriesWorkload();
  log('measuring trend over 60 heap snapshots beside decoding them …');
  const t = measure(script, files[0], RUNS.trend, '--warmup', String(WARMUPS.trend), '--trend', ...files);
  // Each round times both, back to back. The verdict is on CPU time (every thread of the process): the
  // machine's other work moves wall time by 2x from one round to the next, CPU time much less.
  const cpu = median(t.cpuRatios);
  const wall = median(t.ratios);
  log(`trend runs: ${t.trendAllMs.join(' ')} ms (CPU ${t.trendCpuAllMs.join(' ')}); decode runs: ${t.decodeAllMs.join(' ')} ms (CPU ${t.decodeCpuAllMs.join(' ')}); ` +
    `per-round ratios: wall ${t.ratios.join(' ')}, CPU ${t.cpuRatios.join(' ')}; ${t.samples} samples, ${t.rows} rows, ranked first ${t.first}; peak RSS ${mb(t.peakRss)}`);
  return [
    {
      measure: 'trend over 60 heap snapshots (~50k samples each)',
      value: t.trendCpuMs,
      shown: `${ms(t.trendCpuMs)} CPU: ${cpu.toFixed(2)}x decoding them (wall: ${ms(t.trendMs)}, ${wall.toFixed(2)}x); medians of ${t.ratios.length} rounds`,
      target: '≤ 1.3x decoding the 60 files alone',
      ok: cpu <= 1.3,
      pprof: '',
    },
    { measure: 'decoding the 60 snapshots alone', value: t.decodeCpuMs, shown: `${ms(t.decodeCpuMs)} CPU (wall: ${ms(t.decodeMs)})`, target: '', ok: undefined, pprof: '' },
  ];
}

const fine = (v) => (v < 10 ? `${v.toFixed(2)} ms` : ms(v));
const tableRow = (r) => `| ${r.measure} | ${r.shown} | ${r.target}${r.ok === undefined ? '' : r.ok ? ' ✓' : ' **missed**'} | ${r.pprof} |`;
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const README = join(here, 'README.md');

/**
 * The goroutine row: a generated debug=2 dump of 100,000 goroutines (bench/gen-goroutines.mjs) grouped by
 * bench/goroutines.ts, beside reading the file and splitting its lines, alternating in one process.
 */
async function goroutineRows() {
  const gen = join(here, 'gen-goroutines.mjs');
  const dump = join(cache, `goroutines-100000-3000-seed42-${sha(readFileSync(gen))}.txt`);
  if (!existsSync(dump)) {
    log(`generating a dump of 100,000 goroutines → ${dump}`);
    const r = spawnSync(process.execPath, [gen, '--goroutines', '100000', '--stacks', '3000', '--out', `${dump}.tmp`], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`gen-goroutines.mjs failed (exit ${r.status})`);
    renameSync(`${dump}.tmp`, dump);
  }
  const script = await buildMeasure('goroutines');
  log(`grouping the dump (${mb(statSync(dump).size)}), beside reading it and splitting its lines, load ${loadavg()[0].toFixed(1)} …`);
  const g = measure(script, dump, 7, '--warmup', '2');
  const paired = median(g.ratios);
  log(`runs: grouping ${g.groupAllMs.join(' ')} ms; read + split ${g.splitAllMs.join(' ')} ms; ratios ${g.ratios.join(' ')}`);
  return [
    {
      measure: 'goroutine dump of 100,000 (debug=2): grouped',
      value: g.groupMs,
      shown: `${ms(g.groupMs)} = ${paired.toFixed(2)}x read + split (${ms(g.splitMs)})`,
      target: '≤ 2x reading the file and splitting its lines',
      ok: paired <= 2,
      pprof: '',
    },
  ];
}

/**
 * The fleet rows (bench/fleet.ts, child processes): the worker's merge of 50 runs of a program of M's size
 * (stack seeds 1–50, as the 20-profile row makes them), each labelled with its instance, beside
 * `go tool pprof -top` over the same 50 files, the two alternated; and capturing 20 loopback instances of the Go test service
 * whose answers each wait 1 s, beside one capture of one of them.
 */
async function fleetRows() {
  const script = await buildMeasure('fleet');
  const fifty = Array.from({ length: 50 }, (_, i) => workload(20_430, i + 1));
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  // Rounds of one process of ours (3 runs after 2 warm-ups) and one go tool pprof, alternated: this
  // machine has spells of minutes in which everything runs slower, and each ratio should compare the two
  // under the same spell rather than ours in one and pprof's in the next. Five rounds: with three, one
  // spell moved the medians by a tenth.
  const withPprof = hasGo && !args.has('--no-pprof');
  const rounds = [];
  for (let round = 0; round < 5; round++) {
    log(`round ${round + 1}: merging 50 profiles of M’s size with an instance label, load ${load()} …`);
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', script, '--merge', '3', '2', ...fifty], { env: ENGINE_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`measuring the fleet merge failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    const pprofMs = withPprof ? pprofTop(fifty, 1) : undefined;
    const roundRatio = pprofMs === undefined ? '' : ` (${(pprofMs / m.mergeMs).toFixed(1)}x this round)`;
    log(`runs: ${m.allMs.join(' ')} ms; to the merged profile in memory ${m.inMemoryAllMs.join(' ')} ms; pprof ${ms(pprofMs)}${roundRatio}; ${m.samples} samples, ${mb(m.bytes)} gzipped, peak RSS ${mb(m.peakRss)}`);
    rounds.push({ ...m, pprofMs });
  }
  const m = {
    mergeMs: median(rounds.flatMap((x) => x.allMs)),
    inMemoryMs: median(rounds.flatMap((x) => x.inMemoryAllMs)),
  };
  const pprofFifty = withPprof ? median(rounds.map((x) => x.pprofMs)) : undefined;
  // The target is judged on the medians of each side; the median of the rounds' own ratios (each side in
  // the same spell) is printed beside it.
  const ratio = pprofFifty === undefined ? undefined : pprofFifty / m.mergeMs;
  const roundsRatio = withPprof ? median(rounds.map((x) => x.pprofMs / x.mergeMs)) : undefined;
  log(`fleet merge: ${ms(m.mergeMs)} (median of ${rounds.length * 3} runs in ${rounds.length} processes); pprof ${ms(pprofFifty)} (median of ${rounds.length}); ratio ${ratio === undefined ? '–' : ratio.toFixed(1)}x (target ≥ 15x); load ${load()}`);

  const rows = [
    {
      measure: '50 instance profiles of M’s size: merged with an instance label',
      value: m.mergeMs,
      shown: `${ms(m.mergeMs)} to the gzipped bytes (${ms(m.inMemoryMs)} to the merged profile in memory)`,
      target: '≥ 15x pprof -top',
      ok: ratio === undefined ? undefined : ratio >= 15,
      pprof: ratio === undefined ? '–' : `${ms(pprofFifty)} (${ratio.toFixed(1)}x; ${(pprofFifty / m.inMemoryMs).toFixed(1)}x to memory; rounds' median ${roundsRatio.toFixed(1)}x)`,
    },
  ];
  for (const concurrency of [20, 8]) {
    log(`capturing 20 instances answering after 1 s, concurrency ${concurrency}, load ${load()} …`);
    const c = spawnSync(process.execPath, ['--expose-gc', script, '--capture', '20', String(concurrency)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PPROF_LENS_REPO: repo },
    });
    if (c.status !== 0) throw new Error(`measuring the fleet capture failed (exit ${c.status})`);
    const f = JSON.parse(c.stdout.trim().split('\n').pop());
    const x = f.fleetMs / f.singleMs;
    log(`single ${f.singleAllMs.join(' ')} ms; fleet ${f.fleetAllMs.join(' ')} ms; ratio ${x.toFixed(2)}x (target < 2x at concurrency 20); load ${load()}`);
    rows.push({
      measure: `20 instances each answering after 1 s: fleet capture (concurrency ${concurrency})`,
      value: f.fleetMs,
      shown: `${ms(f.fleetMs)} = ${x.toFixed(2)}x one capture (${ms(f.singleMs)})`,
      target: concurrency === 20 ? '< 2x one capture' : '',
      ok: concurrency === 20 ? x < 2 : undefined,
      pprof: '',
    });
  }
  return rows;
}

/**
 * The web build's inflate on L: DecompressionStream('gzip') and pako, in Node beside node:zlib and where the
 * web build runs them, a Chromium Web Worker. The web build inflates ahead with DecompressionStream and falls
 * back on pako; the target says that is the faster order there.
 */
async function inflateRows(L) {
  const script = await buildMeasure('inflate');
  log('inflating L with node:zlib, pako and DecompressionStream …');
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', script, L, '5'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`measuring inflate failed (exit ${r.status})`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  log(`node:zlib ${m.zlibAllMs.map((x) => x.toFixed(0)).join(' ')} ms; pako ${m.pakoAllMs.map((x) => x.toFixed(0)).join(' ')} ms; DecompressionStream ${m.streamAllMs.map((x) => x.toFixed(0)).join(' ')} ms`);
  const vsZlib = (v) => `${ms(v)} = ${(v / m.zlibMs).toFixed(2)}x node:zlib (${ms(m.zlibMs)})`;
  log('inflating L in a Web Worker of Chromium …');
  const { inflateInBrowser } = await import('./inflateBrowser.mjs');
  const b = await inflateInBrowser(L, 5);
  log(`Chromium worker: pako ${b.pakoAllMs.map((x) => x.toFixed(0)).join(' ')} ms; DecompressionStream ${b.streamAllMs.map((x) => x.toFixed(0)).join(' ')} ms`);
  return [
    { measure: 'L: inflate in Node, pako / DecompressionStream(\'gzip\')', value: m.pakoMs, shown: `${vsZlib(m.pakoMs)} / ${vsZlib(m.streamMs)}`, target: '', ok: undefined, pprof: '' },
    { measure: 'L: inflate in a Chromium Web Worker, DecompressionStream (the web build\'s) / pako (its fallback)', value: b.streamMs, shown: `${ms(b.streamMs)} / ${ms(b.pakoMs)}`, target: 'DecompressionStream ≤ pako', ok: b.streamMs <= b.pakoMs, pprof: '' },
  ];
}

/**
 * The load generator's own cost (bench/load.ts, a child process standing for the extension host): autocannon
 * against the Go test service's /light handler, which answers at once, so the generator is what limits it.
 */
async function loadRows() {
  const script = await buildMeasure('load');
  const rows = [];
  for (const connections of [8]) {
    log(`autocannon on /light, ${connections} connections, 3 rounds of 5 s, load ${loadavg().map((x) => x.toFixed(1)).join(' ')} …`);
    const r = spawnSync(process.execPath, [script, '3', '5', String(connections)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PPROF_LENS_REPO: repo } });
    if (r.status !== 0) throw new Error(`measuring the load generator failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    log(`req/s ${m.allRps.join(' ')}; CPU ms per 1,000 requests ${m.allCpuMsPer1000.join(' ')}; event-loop delay p99 ${m.allLoopDelayP99Ms.join(' ')} ms`);
    rows.push(
      {
        measure: `load generator: requests/s against the light handler (${connections} connections, in process)`,
        value: m.rps,
        shown: `${Math.round(m.rps).toLocaleString('en-US')} req/s`,
        target: '',
        ok: undefined,
        pprof: '',
      },
      {
        measure: 'load generator: extension-host CPU per 1,000 requests',
        value: m.cpuMsPer1000,
        shown: `${m.cpuMsPer1000.toFixed(1)} ms (${((m.cpuMsPer1000 * m.rps) / 1e4).toFixed(0)}% of a core at that rate)`,
        target: '',
        ok: undefined,
        pprof: '',
      },
      {
        measure: 'load generator: extension-host event-loop delay p99 during the run',
        value: m.loopDelayP99Ms,
        shown: `${m.loopDelayP99Ms.toFixed(1)} ms`,
        target: '≤ 50 ms',
        ok: m.loopDelayP99Ms <= 50,
        pprof: '',
      },
    );
  }
  return rows;
}

/** `--only codelens|decode|compare|trend|goroutines|fleet|inflate|load`: the rows are replaced in (or added to) the README's latest table; the rest stays. */
async function onlyRows(rows) {
  process.stdout.write('\n' + rows.map(tableRow).join('\n') + '\n');
  let text = readFileSync(README, 'utf8');
  if (!text.includes(END)) throw new Error(`${README} has no ${END} marker`);
  for (const r of rows) {
    const line = tableRow(r);
    const old = text.split('\n').find((l) => l.startsWith(`| ${r.measure} |`));
    text = old !== undefined ? text.replace(old, () => line) : text.replace(END, () => `${line}\n${END}`);
  }
  writeFileSync(README, text);
  log(`\nwrote ${README}`);
}

const ms = (v) => (v === undefined ? '–' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
const mb = (v) => `${(v / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  if (only === 'codelens') return onlyRows(await codeLensRows());
  if (only === 'decode') return onlyRows(decodeRows(await buildMeasure(), workload(1_000_000)));
  if (only === 'compare') return onlyRows(compareRows(await buildMeasure()));
  if (only === 'trend') return onlyRows(await trendRows(await buildMeasure()));
  if (only === 'goroutines') return onlyRows(await goroutineRows());
  if (only === 'fleet') return onlyRows(await fleetRows());
  if (only === 'inflate') return onlyRows(await inflateRows(workload(1_000_000)));
  if (only === 'load') return onlyRows(await loadRows());
  if (only !== undefined) throw new Error(`--only: unknown measure "${only}" (known: codelens, decode, compare, trend, goroutines, fleet, inflate, load)`);
  const started = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const load0 = loadavg()[0];
  const L = workload(1_000_000);
  const scaling = !args.has('--no-scaling');
  const L250 = scaling ? workload(250_000) : undefined;
  const L2M = scaling ? workload(2_000_000) : undefined;
  const script = await buildMeasure();

  log('measuring M …');
  const m = measure(script, M, RUNS.M, '--warmup', String(WARMUPS.M));
  log('measuring L …');
  const l = measure(script, L, RUNS.L, '--warmup', String(WARMUPS.L), '--flame');
  let s250, s2m;
  if (scaling) {
    log('measuring scaling …');
    s250 = measure(script, L250, RUNS.L, '--warmup', String(WARMUPS.L));
    s2m = measure(script, L2M, RUNS.L2M, '--warmup', String(WARMUPS.L));
  }
  log(`runs: M ${m.flatCumAllMs.join(' ')} ms; L ${l.flatCumAllMs.join(' ')} ms; L first flame ${l.firstFlameAllMs.join(' ')} ms`);
  log('measuring L decode beside the hand-written reference …');
  const decode = decodeRows(script, L);
  let pprofM, pprofL;
  if (hasGo && !args.has('--no-pprof')) {
    log('go tool pprof -top on M …');
    pprofM = pprofTop(M, 3);
    log('go tool pprof -top on L (slow) …');
    pprofL = pprofTop(L, 1);
  }

  const rows = [];
  const row = (measure, value, shown, target, ok, pprof) => rows.push({ measure, shown, target, ok, pprof, value });
  const vsPprof = (ours, theirs) => (theirs === undefined ? '–' : `${ms(theirs)} (${(theirs / ours).toFixed(1)}x)`);
  row('L: bytes → flat/cum by function and line', l.flatCumMs, ms(l.flatCumMs), '≤ 1.5 s, ≥ 25x pprof', l.flatCumMs <= 1500 && (pprofL === undefined || pprofL / l.flatCumMs >= 25), vsPprof(l.flatCumMs, pprofL));
  row('L: of which decode (gunzip, protobuf, ids)', l.decodeMs, ms(l.decodeMs), '', undefined, '');
  rows.push(...decode);
  rows.push(...(await inflateRows(L)));
  row('L: peak RSS of the process doing it', l.peakRss, mb(l.peakRss), '≤ 600 MB', l.peakRss <= 600 * 1024 * 1024, '');
  row('M: bytes → flat/cum', m.flatCumMs, ms(m.flatCumMs), '≤ 60 ms', m.flatCumMs <= 60, vsPprof(m.flatCumMs, pprofM));
  row(`L: first flame payload after decode (${l.flameNodes} nodes)`, l.firstFlameMs, ms(l.firstFlameMs), '≤ 0.5 s', l.firstFlameMs <= 500, '');
  row(`L: zoom into a node ${l.zoomDepth} levels down`, l.zoomMs, ms(l.zoomMs), '≤ 150 ms', l.zoomMs <= 150, '');
  row('L: change sample type (new flame tree)', l.sampleTypeMs, ms(l.sampleTypeMs), '≤ 150 ms', l.sampleTypeMs <= 150, '');
  // Ratios to bytes → flat/cum in this run (PERF.md): absolute times move with the machine's load.
  const share = (measure, v, most) => row(measure, v, `${ms(v)} = ${(v / l.flatCumMs).toFixed(2)}x`, `≤ ${most}x bytes → flat/cum`, v / l.flatCumMs <= most, '');
  share('L: callers/callees of a function', l.neighboursMs, 0.1);
  share('L: line index, every sample type, after the top table', l.lineIndexAfterTopMs, 0.4);
  share('L: line index, every sample type, on the scan thread from the table thread’s sums (the editor’s way)', l.lineIndexFromSumsMs, 0.4);
  share('L: line index, every sample type, before any top table', l.lineIndexMs, 0.4);
  if (scaling) {
    const r4 = l.flatCumMs / s250.flatCumMs;
    const r2 = s2m.flatCumMs / l.flatCumMs;
    row('scaling: 250k → 1M samples (4x)', r4, `${ms(s250.flatCumMs)} → ${ms(l.flatCumMs)} = ${r4.toFixed(2)}x`, '≤ 4.4x', r4 <= 4.4, '');
    row('scaling: 1M → 2M samples (2x)', r2, `${ms(l.flatCumMs)} → ${ms(s2m.flatCumMs)} = ${r2.toFixed(2)}x`, '≤ 2.2x', r2 <= 2.2, '');
  }
  log('measuring CodeLens …');
  rows.push(...(await codeLensRows()));
  rows.push(...(await goroutineRows()));
  rows.push(...compareRows(script));
  rows.push(...(await trendRows(script)));
  rows.push(...(await fleetRows()));
  rows.push(...(await loadRows()));

  const sizes = `L = ${(statSync(L).size / 1e6).toFixed(1)} MB gzip, ${l.samples} samples; M = ${(statSync(M).size / 1e6).toFixed(1)} MB gzip, ${m.samples} samples`;
  const machine = `${cpus().length} cores, Node ${process.versions.node}${hasGo ? `, ${spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim().replace(/^go version /, '')}` : ', no go'}, load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
  const table = [
    '| measure | ours | target | go tool pprof -top (ratio) |',
    '|---|---|---|---|',
    ...rows.map(tableRow),
  ].join('\n');
  const report = `Run ${started}: ${machine}.\n${sizes}. Times are medians of warm runs in one process per workload (L: ${RUNS.L} runs after ${WARMUPS.L} warm-up, M: ${RUNS.M} after ${WARMUPS.M}).\n\n${table}\n`;
  process.stdout.write('\n' + report);

  const text = existsSync(README) ? readFileSync(README, 'utf8') : '';
  const block = `${START}\n${report}${END}`;
  const next = text.includes(START) ? text.replace(new RegExp(`${START}[\\s\\S]*?${END}`), () => block) : `${text}\n## Latest run\n\n${block}\n`;
  writeFileSync(README, next);
  log(`\nwrote ${README}`);
}

main().catch((e) => {
  log(`bench: ${e.message}`);
  process.exit(1);
});
