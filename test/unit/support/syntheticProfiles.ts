// Hand-made profiles for the shapes the real fixtures lack. Each is checked against go tool pprof itself.
import type { ProfileSpec } from './buildProfile';

const F = (name: string, file = '/src/app/main.go', startLine = 1) => ({ name, file, startLine });

export const SYNTHETIC: Record<string, ProfileSpec> = {
  // drop_frames cuts the matching frame and everything it called; a match at the root is kept.
  'drop_frames prunes beneath the first dropped frame': {
    sampleTypes: [['samples', 'count']],
    functions: [F('main.main'), F('main.work'), F('runtime.mallocgc', '/go/malloc.go'), F('runtime.memclr', '/go/memclr.s'), F('runtime.goexit', '/go/asm.s')],
    locations: [
      { lines: [[1, 10]] }, // 1 main.main
      { lines: [[2, 20]] }, // 2 main.work
      { lines: [[3, 30]] }, // 3 runtime.mallocgc
      { lines: [[4, 40]] }, // 4 runtime.memclr
      { lines: [[4, 41], [2, 21]] }, // 5 memclr inlined into work
      { lines: [[5, 50]] }, // 6 runtime.goexit (root)
    ],
    samples: [
      { locs: [4, 3, 2, 1, 6], values: [5] },
      { locs: [5, 1, 6], values: [3] },
      { locs: [3, 6], values: [2] },
      { locs: [2, 1], values: [1] },
    ],
    dropFrames: 'runtime\\.(mallocgc|memclr|goexit)',
  },
  'keep_frames rescues a frame drop_frames matches': {
    sampleTypes: [['samples', 'count']],
    functions: [F('main.main'), F('runtime.mallocgc(unsigned long)', '/go/malloc.go'), F('runtime.memclr', '/go/memclr.s')],
    locations: [{ lines: [[1, 10]] }, { lines: [[2, 30]] }, { lines: [[3, 40]] }],
    samples: [
      { locs: [3, 2, 1], values: [4] },
      { locs: [2, 1], values: [1] },
    ],
    dropFrames: 'runtime\\..*',
    keepFrames: 'runtime\\.mallocgc',
  },
  'recursion counts cum once per sample, also through inlined frames': {
    sampleTypes: [['cpu', 'nanoseconds']],
    functions: [F('main.fib'), F('main.main'), F('main.step')],
    locations: [{ lines: [[1, 5]] }, { lines: [[1, 7]] }, { lines: [[2, 3]] }, { lines: [[3, 9], [1, 6]] }],
    samples: [
      { locs: [1, 2, 2, 1, 3], values: [10_000_000] },
      { locs: [4, 2, 4, 3], values: [20_000_000] },
      { locs: [1, 3], values: [0] },
    ],
  },
  'names, files and lines as pprof prints them': {
    sampleTypes: [['alloc_space', 'bytes'], ['alloc_objects', 'count']],
    functions: [
      F('main.a', '/proc/self/cwd/./pkg/a.go'),
      F('main.b', 'pkg/../pkg/./b.go'),
      F('main.dup', '/src/one.go'),
      F('main.dup', '/src/two.go'),
      F('', '/src/anon.go', 77),
      F('main.root', '/proc/self/cwd/main.go'),
    ],
    mappings: [{ file: '/usr/bin/server', buildId: 'abc' }, { file: '/lib/libc.so.6' }, { file: 'https://example.com/bin' }],
    locations: [
      { mapping: 1, lines: [[1, 11]] },
      { mapping: 1, lines: [[2, 0]] },
      { mapping: 1, lines: [[3, 5]] },
      { mapping: 1, lines: [[4, 5]] },
      { mapping: 1, lines: [[5, 12]] },
      { mapping: 2, lines: [] },
      { mapping: 3, lines: [] },
      { lines: [] },
      { mapping: 1, lines: [[6, 1]] },
    ],
    samples: [
      { locs: [1, 9], values: [1536, 1] },
      { locs: [2, 3, 9], values: [1 << 20, 2] },
      { locs: [4, 9], values: [3 << 20, 3] },
      { locs: [5, 9], values: [100, 1] },
      { locs: [6, 5, 9], values: [2048, 4] },
      { locs: [7, 9], values: [4096, 5] },
      { locs: [8, 9], values: [8192, 6] },
    ],
    defaultSampleType: 'alloc_objects',
  },
  'negative values cancel, and the total sums magnitudes': {
    sampleTypes: [['inuse_space', 'bytes']],
    functions: [F('main.grow'), F('main.shrink'), F('main.main')],
    locations: [
      { lines: [[1, 1]] },
      { lines: [[2, 2]] },
      { lines: [[3, 3]] },
      { address: 0x9000, lines: [[2, 7]] }, // 4 and 5 are the same location to pprof's merge
      { address: 0x9000, lines: [[2, 7]] },
    ],
    samples: [
      { locs: [1, 3], values: [4096] },
      { locs: [1, 3], values: [-4096] },
      { locs: [2, 3], values: [-1024] },
      { locs: [3], values: [512] },
      { locs: [4, 3], values: [-300] },
      { locs: [5, 3], values: [100] },
      { locs: [2, 3], values: [64], labels: { k: 'v' } },
    ],
  },
  // pprof merges samples before it applies drop_frames: stacks that differ only beneath a dropped frame
  // do not cancel in the total, though they become one stack.
  'a delta profile is totalled as decoded, before drop_frames': {
    sampleTypes: [['inuse_space', 'bytes'], ['inuse_objects', 'count']],
    functions: [F('main.main'), F('main.work'), F('runtime.grow', '/go/grow.go'), F('runtime.shrink', '/go/shrink.go')],
    locations: [{ lines: [[1, 10]] }, { lines: [[2, 20]] }, { lines: [[3, 30]] }, { lines: [[4, 40]] }],
    samples: [
      { locs: [3, 2, 1], values: [500, 5] },
      { locs: [4, 2, 1], values: [-500, 5] },
      { locs: [2, 1], values: [100, 1] },
    ],
    dropFrames: 'runtime\\..*',
  },
  'inlined frames are marked inline or partial-inline': {
    sampleTypes: [['samples', 'count']],
    functions: [F('main.main'), F('main.helper'), F('main.caller'), F('main.leaf')],
    locations: [
      { lines: [[2, 5], [1, 10]] }, // helper inlined into main
      { lines: [[2, 6]] }, // helper called
      { lines: [[3, 7]] },
      { lines: [[4, 8], [2, 9], [3, 1]] }, // leaf inlined into helper inlined into caller
    ],
    samples: [
      { locs: [1], values: [3] },
      { locs: [2, 3, 4], values: [2] },
      { locs: [4, 1], values: [1] },
    ],
  },
};

/** Filter cases on the synthetic profiles, pprof's option names. */
export const SYNTHETIC_FILTERS: { profile: string; filters: Record<string, string> }[] = [
  { profile: 'inlined frames are marked inline or partial-inline', filters: { hide: 'helper' } },
  { profile: 'inlined frames are marked inline or partial-inline', filters: { show: 'leaf|caller' } },
  { profile: 'names, files and lines as pprof prints them', filters: { focus: 'libc' } },
  { profile: 'names, files and lines as pprof prints them', filters: { hide: 'server' } },
  { profile: 'names, files and lines as pprof prints them', filters: { ignore: 'two\\.go' } },
  { profile: 'drop_frames prunes beneath the first dropped frame', filters: { focus: 'memclr' } },
];
