// Heap-like snapshots for the trend's tests: a few functions under main.main, each with its in-use bytes
// (and objects, one per kB) given per snapshot, split over two lines of the function, and a profile time.
import { buildProfile, type ProfileSpec } from './buildProfile';
import { int } from './protoWriter';

export const MB = 1 << 20;
const FILE = '/src/app/main.go';
/** Function i + 1 is called from main.main; leak.slow is called from cache.fill. */
const FUNCS = ['main.main', 'leak.grow', 'cache.fill', 'noise.churn', 'step.once', 'leak.slow', 'gone.soon'];
const STACKS: Record<string, number[]> = {
  'leak.grow': [2, 1],
  'cache.fill': [3, 1],
  'noise.churn': [4, 1],
  'step.once': [5, 1],
  'leak.slow': [6, 3, 1],
  'gone.soon': [7, 1],
};
/** The default sample types: inuse_space is the default, being the last. */
export const HEAP_TYPES: ProfileSpec['sampleTypes'] = [['inuse_objects', 'count'], ['inuse_space', 'bytes']];
/** The first snapshot's time, in nanoseconds since the epoch. */
export const T0 = 1_790_000_000n * 1_000_000_000n;

/**
 * A heap-like snapshot `minute` minutes in: each named function's in-use bytes (and objects, one per kB),
 * two lines per function so that line granularity has more than one row per function.
 */
export function snapshotBytes(minute: number, bytes: Record<string, number>, sampleTypes: ProfileSpec['sampleTypes'] = HEAP_TYPES): Uint8Array {
  const samples = Object.entries(bytes)
    .filter(([, v]) => v !== 0)
    .flatMap(([name, v]) => {
      const half = Math.floor(v / 2);
      const values = (x: number) => sampleTypes.map(([t]) => (t.endsWith('objects') ? Math.ceil(x / 1024) : x));
      return [
        { locs: STACKS[name], values: values(half) },
        { locs: [STACKS[name][0] + FUNCS.length - 1, ...STACKS[name].slice(1)], values: values(v - half) },
      ];
    });
  const spec: ProfileSpec = {
    sampleTypes,
    functions: FUNCS.map((name, i) => ({ name, file: FILE, startLine: 10 * i })),
    // Locations 1..7: line 10i+1 of function i; 8..13: line 10i+2 of functions 2..7.
    locations: [...FUNCS.map((_, i) => ({ lines: [[i + 1, 10 * i + 1]] as [number, number][] })), ...FUNCS.slice(1).map((_, i) => ({ lines: [[i + 2, 10 * (i + 1) + 2]] as [number, number][] }))],
    samples,
  };
  const time = T0 + BigInt(Math.round(minute * 60)) * 1_000_000_000n;
  return Uint8Array.from([...buildProfile(spec), ...int(9, time)]);
}

