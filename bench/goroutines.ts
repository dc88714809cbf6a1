// One benchmark process for goroutine dumps: the grouping of a debug=2 dump (read the file, then
// groupGoroutines) beside the floor it is held to (read the file, decode it, split its lines). The two
// alternate, the order flipping each round, each run from a collected heap; one JSON line of medians.
//
//   node goroutines.js <dump.txt> <runs> [--warmup N]
import { readFileSync } from 'node:fs';
import { groupGoroutines } from '../src/model/report/goroutineDump';

const [file, runsArg, ...flags] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg) || 1);
const warmupAt = flags.indexOf('--warmup');
const warmups = warmupAt >= 0 ? Math.max(0, Number(flags[warmupAt + 1]) || 0) : 1;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(f: () => number): [number, number] {
  gc();
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** The floor: the bytes read, decoded as UTF-8 and split into lines. */
const readAndSplit = () => new TextDecoder('utf-8').decode(readFileSync(file)).split('\n').length;
const readAndGroup = () => groupGoroutines(readFileSync(file)).groups.length;

const group: number[] = [];
const split: number[] = [];
let lines = 0;
let groups = 0;
for (let i = 0; i < warmups; i++) {
  readAndSplit();
  readAndGroup();
}
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? ['group', 'split'] : ['split', 'group'];
  for (const which of order) {
    if (which === 'group') {
      const [n, ms] = timed(readAndGroup);
      groups = n;
      group.push(ms);
    } else {
      const [n, ms] = timed(readAndSplit);
      lines = n;
      split.push(ms);
    }
  }
}
const dump = groupGoroutines(readFileSync(file));
process.stdout.write(
  JSON.stringify({
    groupMs: median(group),
    splitMs: median(split),
    groupAllMs: group.map((x) => Math.round(x)),
    splitAllMs: split.map((x) => Math.round(x)),
    ratios: group.map((g, i) => +(g / split[i]).toFixed(2)),
    goroutines: dump.total,
    groups,
    lines,
    peakRss: process.resourceUsage().maxRSS * 1024,
  }) + '\n',
);
