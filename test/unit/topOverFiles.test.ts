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
import { MERGES } from './support/comparedFixtures';
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
  const sets = Object.entries(MERGES).flatMap(([name, files]) => [
    [name, files],
    [`${name}, twice over`, [...files, ...files]],
  ]) as [string, string[]][];
  for (const [name, files] of sets) {
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

/** A profile of two functions per stack, written by hand. */
function handMade(o: { fnFile: string[]; inlined: boolean; names?: string[] }): DecodedProfile {
  const names = o.names ?? ['main.caller', 'main.callee'];
  // Location 0 (leaf): callee inlined into caller when `inlined`, else callee alone; location 1: caller.
  const lines = o.inlined ? [1, 0] : [1];
  const locLineStart = o.inlined ? [0, 2, 3] : [0, 1, 2];
  return {
    sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }],
    defaultSampleIndex: 0,
    mappings: [],
    functionCount: 2,
    funcName: names,
    funcSystemName: names,
    funcFile: o.fnFile,
    funcStartLine: new Float64Array(2),
    locationCount: 2,
    locAddress: new Float64Array([0x1000, 0x2000]),
    locMapping: new Int32Array([-1, -1]),
    locIsFolded: new Uint8Array(2),
    locLineStart: Int32Array.from(locLineStart),
    lineFunction: Int32Array.from([...lines, 0]),
    lineNumber: Float64Array.from([...lines.map((_, i) => 10 + i), 20]),
    sampleCount: 1,
    sampleValues: new Float64Array([100]),
    sampleLocStart: Int32Array.from([0, o.inlined ? 1 : 2]),
    sampleLocs: Int32Array.from(o.inlined ? [0] : [0, 1]),
    labelStart: new Int32Array(2),
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

describe('what the merge decides across files', () => {
  const cases: [string, DecodedProfile[]][] = [
    [
      'one function name with a file in each file: the first file in merge order',
      [handMade({ fnFile: ['a/caller.go', 'a/callee.go'], inlined: false }), handMade({ fnFile: ['b/caller.go', 'b/callee.go'], inlined: false })],
    ],
    [
      'an edge inlined in one file and called in another is not inline',
      [handMade({ fnFile: ['caller.go', 'callee.go'], inlined: true }), handMade({ fnFile: ['caller.go', 'callee.go'], inlined: false })],
    ],
    [
      'an edge inlined in every file is inline',
      [handMade({ fnFile: ['caller.go', 'callee.go'], inlined: true }), handMade({ fnFile: ['caller.go', 'callee.go'], inlined: true })],
    ],
  ];
  for (const [name, profiles] of cases) {
    test(name, () => {
      const bytes = new Map(profiles.map((p, i) => [`p${i}`, encodeProfile(p)]));
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
