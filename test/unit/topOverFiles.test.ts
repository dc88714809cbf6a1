// `top` over several files without their merge (src/cli/topOverFiles.ts, model/report/topParts.ts) gives
// the merge's text and --json, byte for byte, on every merge set of the oracle tests (and each set twice
// over, so that the files share stacks), at every granularity but addresses, under each kind of filter
// and for every sample type, on one thread and on two; where it cannot be exact (a negative value, a
// numeric tag filter, …) it steps aside and the merge answers. Hand-made profiles check the cases no
// fixture has: one name with two files across the files, and an edge inlined in one file but called in
// another.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { parseArgs, runMergedTop, runTop } from '../../src/cli';
import { topCounts } from '../../src/cli/topOverFiles';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import type { DecodedProfile } from '../../src/model/profile/profile';
import { MERGE_SETS_TWICE } from './support/comparedFixtures';
import { encodeProfile } from './support/encodeProfile';
import { FIXTURE_DIR } from './support/pprofOracle';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-top-'));
const workerPath = join(dir, 'mergeWorker.js');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  await esbuild.build({ entryPoints: [join(root, 'src/cli/mergeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'warning' });
});

const GRANULARITIES = ['functions', 'lines', 'files', 'filefunctions'];
const FILTERS: [string, string[]][] = [
  ['no filter', []],
  ['focus', ['--focus=main|runtime\\.mallocgc|fib']],
  ['ignore', ['--ignore=runtime']],
  ['hide', ['--hide=runtime\\.(mallocgc|mcall)|main\\.']],
  ['show', ['--show=main|runtime']],
  ['tagfocus', ['--tagfocus=a|b|api|1']],
];

const read = (file: string) => readFileSync(join(FIXTURE_DIR, file));
const typeCount = (file: string) => decodeProfile(read(file)).sampleTypes.length;

/** The new path's answer and the merge's, with whether the new one was taken. */
function both(files: readonly string[], extra: string[], reader: (f: string) => Uint8Array, twoThreads: boolean) {
  const args = parseArgs(['top', ...files, ...extra]);
  const joined = topCounts.joined;
  const ours = runTop(args, reader, 'UTC', twoThreads ? { workerPath, minBytes: 0 } : { minBytes: Infinity });
  return { ours, merged: runMergedTop(args, reader, 'UTC'), joined: topCounts.joined === joined + 1 };
}

describe('top over several files equals the top of their merge', () => {
  for (const [name, files] of MERGE_SETS_TWICE) {
    test(name, () => {
      let joined = 0;
      let runs = 0;
      const types = typeCount(files[0]);
      for (const granularity of GRANULARITIES) {
        for (const [how, filter] of FILTERS) {
          for (let t = 0; t < types; t++) {
            for (const json of [false, true]) {
              const extra = [`--granularity=${granularity}`, `--sample_index=${t}`, ...filter, ...(json ? ['--json'] : [])];
              const r = both(files, extra, read, runs % 3 === 0);
              assert.equal(r.ours, r.merged, `${granularity}, ${how}, sample type ${t}${json ? ', --json' : ''}`);
              runs++;
              if (r.joined) joined++;
            }
          }
        }
      }
      // Every answer is exact; most must come from the files' own tops. Two sets never do: one has a negative
      // value, and in the perf-style set two mappings of different files have the build id "unknown", which
      // the merge makes one mapping with the first one's file.
      const negative = files.some((f) => decodeProfile(read(f)).sampleValues.some((v) => v < 0));
      if (!negative && !name.startsWith('three perf-style')) assert.ok(joined >= runs * 0.8, `${joined} of ${runs} answers made without the merge`);
    });
  }

  test('a bad file, or files that cannot be merged, get the merge messages', () => {
    const bad = (f: string) => (f === 'bad' ? new Uint8Array([1, 2, 3]) : read(f));
    for (const files of [['go-generated/cpu.pb.gz', 'bad'], ['bad', 'go-generated/cpu.pb.gz'], ['go-generated/cpu.pb.gz', 'go-generated/heap.pb.gz']]) {
      const args = parseArgs(['top', ...files]);
      assert.throws(() => runTop(args, bad), (e: Error) => {
        assert.throws(() => runMergedTop(args, bad), { message: e.message });
        return true;
      });
    }
  });
});

/** A profile written by hand: functions (name, file), locations (their lines, innermost first) and samples (stacks, leaf first). */
interface Spec {
  readonly functions: [name: string, file: string][];
  readonly locations: [fn: number, line: number][][];
  readonly samples: [stack: number[], value: number][];
}

function handMade({ functions, locations, samples }: Spec): DecodedProfile {
  const lines = locations.flat();
  const starts = (lists: readonly unknown[][]) => Int32Array.from([0, ...lists.map((_, i) => lists.slice(0, i + 1).reduce((n, x) => n + x.length, 0))]);
  return {
    sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleIndex: 0,
    mappings: [],
    functionCount: functions.length,
    funcName: functions.map((f) => f[0]),
    funcSystemName: functions.map((f) => f[0]),
    funcFile: functions.map((f) => f[1]),
    funcStartLine: new Float64Array(functions.length),
    locationCount: locations.length,
    locAddress: Float64Array.from(locations, (_, i) => 0x1000 * (i + 1)),
    locMapping: new Int32Array(locations.length).fill(-1),
    locIsFolded: new Uint8Array(locations.length),
    locLineStart: starts(locations),
    lineFunction: Int32Array.from(lines, (l) => l[0]),
    lineNumber: Float64Array.from(lines, (l) => l[1]),
    sampleCount: samples.length,
    sampleValues: Float64Array.from(samples, (s) => s[1]),
    sampleLocStart: starts(samples.map((s) => s[0])),
    sampleLocs: Int32Array.from(samples.flatMap((s) => s[0])),
    labelStart: new Int32Array(samples.length + 1),
    labelKey: [],
    labelStr: [],
    labelNum: new Float64Array(0),
    labelUnit: [],
    dropFrames: '',
    keepFrames: '',
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    comments: [],
  } as unknown as DecodedProfile;
}

/** caller → callee, the callee inlined into the caller's location or called from a location of its own. */
const callerCallee = (files: [string, string], inlined: boolean): Spec => ({
  functions: [
    ['main.caller', files[0]],
    ['main.callee', files[1]],
  ],
  locations: inlined ? [[[1, 11], [0, 10]]] : [[[1, 11]], [[0, 10]]],
  samples: [[inlined ? [0] : [0, 1], 100]],
});

describe('what the merge decides across files', () => {
  const cases: [string, Spec[]][] = [
    ['one function name with a file in each file: the first file in merge order', [callerCallee(['a/caller.go', 'a/callee.go'], false), callerCallee(['b/caller.go', 'b/callee.go'], false)]],
    ['an edge inlined in one file and called in another is not inline', [callerCallee(['caller.go', 'callee.go'], true), callerCallee(['caller.go', 'callee.go'], false)]],
    ['an edge inlined in every file is inline', [callerCallee(['caller.go', 'callee.go'], true), callerCallee(['caller.go', 'callee.go'], true)]],
    [
      // The function table lists y.go's first, the samples use x.go's first: the merge numbers by use.
      'one function name with two files in one file: the file of its first use',
      [
        {
          functions: [['main.dup', 'y.go'], ['main.dup', 'x.go'], ['main.root', 'r.go']],
          locations: [[[0, 5]], [[1, 7]], [[2, 1]], [[1, 8], [2, 2]]],
          samples: [[[3], 5], [[1, 2], 10], [[0, 2], 20]],
        },
        callerCallee(['caller.go', 'callee.go'], false),
      ],
    ],
    [
      'a callee inlined at one site and called from another: partial-inline',
      [
        {
          functions: [['main.a', 'a.go'], ['main.b', 'b.go'], ['main.c', 'c.go']],
          locations: [[[2, 3], [0, 1]], [[2, 4]], [[1, 2]]],
          samples: [[[0], 10], [[1, 2], 20]],
        },
        callerCallee(['caller.go', 'callee.go'], true),
      ],
    ],
  ];
  for (const [name, profiles] of cases) {
    test(name, () => {
      const bytes = new Map(profiles.map((p, i) => [`p${i}`, encodeProfile(handMade(p))]));
      for (const order of [[...bytes.keys()], [...bytes.keys()].reverse()]) {
        for (const granularity of GRANULARITIES) {
          for (const json of [false, true]) {
            const r = both(order, [`--granularity=${granularity}`, ...(json ? ['--json'] : [])], (f) => bytes.get(f)!, false);
            assert.ok(r.joined, 'made without the merge');
            assert.equal(r.ours, r.merged, `${order.join(' ')} at ${granularity}`);
          }
        }
      }
    });
  }
});
