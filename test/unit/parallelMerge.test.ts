// The CLI's merge on two threads (src/cli/parallelMerge.ts, with mergeWorker.ts bundled as esbuild.mjs
// bundles it) gives the one-thread merge's profile, column for column, on every set of fixtures the
// merge's oracle tests use, and on each set twice over (so that the two halves share samples, whose values
// add across them); a bad file or a file that cannot be merged, in either half, gets the one-thread
// merge's message. The same holds for a fleet's files, each labelled with its instance.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { loadMergedInParallel, mergeCounts, mergeInParallel } from '../../src/cli/parallelMerge';
import { mergeInstanceProfiles } from '../../src/model/decode/mergeInstances';
import { loadMerged } from '../../src/model/decode/loadProfile';
import { MERGE_SETS_TWICE, MERGES } from './support/comparedFixtures';
import { FIXTURE_DIR } from './support/pprofOracle';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-merge-'));
const workerPath = join(dir, 'mergeWorker.js');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const bytes = (f: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, f)));

before(async () => {
  await esbuild.build({ entryPoints: [join(root, 'src/cli/mergeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'warning' });
});

/** The merge on two threads, and whether the two threads made it. */
function onTwoThreads(inputs: Uint8Array[], names: string[]) {
  const before = mergeCounts.twoThreads;
  const profile = loadMergedInParallel(inputs, names, { workerPath, minBytes: 0 });
  return { profile, twoThreads: mergeCounts.twoThreads === before + 1 };
}

describe('merge on two threads', () => {
  for (const [name, files] of MERGE_SETS_TWICE) {
    test(name, () => {
      const inputs = files.map(bytes);
      const { profile, twoThreads } = onTwoThreads(inputs, files);
      assert.ok(twoThreads, 'the second thread merged half of the files');
      assert.deepEqual(profile, loadMerged(inputs, undefined, files));
    });
  }

  const instanceOf: [string, (i: number) => string][] = [
    // The halves are kept apart: the second thread's samples are appended, not hashed.
    ['each file an instance', (i) => `10.0.${i >> 8}.${i & 255}:6060`],
    // Two files of one instance, one in each half: their samples add up.
    ['one instance per two files', (i) => `10.0.0.${i % 2}:6060`],
  ];
  for (const [name, files] of MERGE_SETS_TWICE) for (const [how, instance] of instanceOf) {
    test(`${name}, ${how}`, () => {
      const inputs = files.map((f, i) => ({ bytes: bytes(f), name: f, instance: instance(i) }));
      const before = mergeCounts.twoThreads;
      const merged = mergeInParallel(inputs, { workerPath, minBytes: 0 });
      assert.equal(mergeCounts.twoThreads, before + 1, 'the second thread merged half of the files');
      assert.deepEqual(merged, mergeInstanceProfiles(inputs));
    });
  }

  test('without a thread script, one thread merges', () => {
    const files = MERGES['two heap profiles of one run'];
    const before = mergeCounts.twoThreads;
    const p = loadMergedInParallel(files.map(bytes), files, { workerPath: join(dir, 'missing.js'), minBytes: 0 });
    assert.equal(mergeCounts.twoThreads, before);
    assert.deepEqual(p, loadMerged(files.map(bytes), undefined, files));
  });

  const heap = 'go-generated/heap.pb.gz';
  const cpu = 'go-generated/cpu.pb.gz';
  const bad = new Uint8Array([1, 2, 3]);
  const cases: [string, string[], (Uint8Array | undefined)[]][] = [
    ['a bad file in the first half', ['a', 'b', 'c', 'd'], [bytes(heap), bad, bytes(heap), bytes(heap)]],
    ['a bad file in the second half', ['a', 'b', 'c', 'd'], [bytes(heap), bytes(heap), bytes(heap), bad]],
    ['a CPU profile among heap profiles, in the second half', ['a', 'b', 'c', 'd'], [bytes(heap), bytes(heap), bytes(cpu), bytes(heap)]],
    ['a CPU profile and a bad file after it', ['a', 'b', 'c', 'd'], [bytes(heap), bytes(cpu), bytes(heap), bad]],
  ];
  for (const [name, names, inputs] of cases) {
    test(`${name}: the one-thread merge's message`, () => {
      const all = inputs as Uint8Array[];
      const expected = (() => {
        try {
          loadMerged(all, undefined, names);
        } catch (e) {
          return e as Error;
        }
        assert.fail('the one-thread merge throws');
      })();
      assert.throws(() => loadMergedInParallel(all, names, { workerPath, minBytes: 0 }), (e: Error) => e.name === expected.name && e.message === expected.message);
    });
  }
});
