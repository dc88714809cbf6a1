// loadComparison, the profile the compare view opens, and loadMerged: what they say about the two sides
// and about bad input. The numbers themselves are pprof's (mergeProfiles.test.ts, compareOracle.test.ts);
// here the view's profile is checked against the CLI's, which those tests hold to pprof.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseArgs, runTop } from '../../src/cli';
import { computeTop } from '../../src/model/analysis/topRows';
import { binaryPath, loadComparison, loadMerged, loadProfile } from '../../src/model/decode/loadProfile';
import { BASE_LABEL_KEY, type CompareOptions } from '../../src/model/profile/comparison';
import { mergeProfiles } from '../../src/model/profile/mergeProfiles';
import { ProfileError, type Profile } from '../../src/model/profile/profile';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { assertAgreesWithPprof } from './support/agreesWithPprof';
import { FIXTURE_DIR, pprofProto, pprofTmp } from './support/pprofOracle';

const bytes = (f: string) => readFileSync(join(FIXTURE_DIR, f));
const HEAP = 'go-generated/heap.pb.gz';
const HEAP_GC = 'go-generated/heap-gc.pb.gz';
const CPU = 'go-generated/cpu.pb.gz';
const names = { base: 'before.pb.gz', target: 'after.pb.gz' };
const DIFF: CompareOptions = { mode: 'diff_base', normalize: false };
const BASE: CompareOptions = { mode: 'base', normalize: false };

const compare = (base: string, target: string, options: CompareOptions) => loadComparison(bytes(base), bytes(target), options, names);

/** The CLI's --json top for the same comparison (held to pprof by compareOracle.test.ts). */
function cliTop(base: string, target: string, flag: 'base' | 'diff_base', sampleIndex: number, normalize = false) {
  const argv = ['top', join(FIXTURE_DIR, target), `--${flag}=${join(FIXTURE_DIR, base)}`, `--sample_index=${sampleIndex}`, '--json'];
  return JSON.parse(runTop(parseArgs(normalize ? [...argv, '--normalize'] : argv), (f) => readFileSync(f))) as {
    total: number;
    rows: { name: string; flat: number; cum: number }[];
  };
}

const netRows = (p: Profile, sampleIndex: number) =>
  computeTop(p, { sampleIndex, granularity: 'functions', filters: {} })
    .rows.filter((r) => r.flat !== 0 || r.cum !== 0)
    .map((r) => ({ name: r.name, flat: r.flat, cum: r.cum }));

describe('loadComparison', () => {
  for (const normalize of [false, true]) {
    test(`diff_base${normalize ? ' with normalize' : ''}: the net rows and the total are those of top --diff_base`, () => {
      const { profile, comparison } = compare(HEAP, HEAP_GC, { mode: 'diff_base', normalize });
      profile.sampleTypes.forEach((_, t) => {
        const cli = cliTop(HEAP, HEAP_GC, 'diff_base', t, normalize);
        assert.equal(profile.totals[t], cli.total, `total of type ${t}`);
        assert.deepEqual(netRows(profile, t), cli.rows.map(({ name, flat, cum }) => ({ name, flat, cum })));
      });
      assert.ok(profile.baseSample, 'the base’s samples are marked');
      assert.equal(comparison.identical, false);
      assert.equal(comparison.differentBinaries, false);
    });
  }

  test('base: the profile still keeps the base apart, and its total is that of top --base (the net)', () => {
    const { profile } = compare(HEAP, HEAP_GC, BASE);
    assert.ok(profile.baseSample && profile.baseSample.some((b) => b === 1));
    profile.sampleTypes.forEach((_, t) => {
      const cli = cliTop(HEAP, HEAP_GC, 'base', t);
      assert.equal(profile.totals[t], cli.total, `total of type ${t}`);
      assert.deepEqual(netRows(profile, t), cli.rows.filter((r) => r.flat !== 0 || r.cum !== 0).map(({ name, flat, cum }) => ({ name, flat, cum })));
    });
  });

  test('the sides: sample counts, totals (the target’s after normalize), times', () => {
    const { comparison } = compare(HEAP, HEAP_GC, { mode: 'diff_base', normalize: true });
    const base = decodeProfile(bytes(HEAP));
    const target = decodeProfile(bytes(HEAP_GC));
    assert.equal(comparison.base.sampleCount, base.sampleCount);
    assert.equal(comparison.target.sampleCount, target.sampleCount);
    assert.deepEqual(comparison.base.totals, Array.from(loadProfile(bytes(HEAP)).totals));
    comparison.target.totals.forEach((total, t) => {
      // Scaled to the base's sum; each sample rounds by at most a half.
      assert.ok(Math.abs(total - comparison.base.totals[t]) <= target.sampleCount / 2, `type ${t}: ${total} vs ${comparison.base.totals[t]}`);
    });
    assert.equal(comparison.base.timeNanos, base.timeNanos);
    assert.equal(comparison.target.durationNanos, target.durationNanos);
  });

  for (const options of [DIFF, BASE]) {
    test(`a profile compared with itself (${options.mode}) is identical, and every net value is 0`, () => {
      const { profile, comparison } = compare(CPU, CPU, options);
      assert.equal(comparison.identical, true);
      profile.sampleTypes.forEach((_, t) => {
        const top = computeTop(profile, { sampleIndex: t, granularity: 'functions', filters: {} });
        assert.ok(top.rows.every((r) => r.flat === 0 && r.cum === 0), 'no net value');
        assert.equal(profile.totals[t], options.mode === 'base' ? 0 : comparison.base.totals[t]);
      });
    });
  }

  test('profiles of different binaries are said to be so', () => {
    assert.equal(compare('parca/query_testdata_fib.pb.gz', CPU, DIFF).comparison.differentBinaries, true);
    assert.equal(compare('parca/symbolizer_testdata_normal-cpu.stripped.pprof', 'parca/symbolizer_testdata_stripped-cpu.stripped.pprof', DIFF).comparison.differentBinaries, true);
  });

  test("two runs of one go test are one binary, though each was built in its own temporary folder", () => {
    assert.equal(binaryPath('/tmp/go-build1234/b001/gotest.test'), binaryPath('/tmp/go-build98/b001/gotest.test'));
    assert.equal(binaryPath('C:\\Temp\\go-build77\\b001\\x.test.exe'), binaryPath('C:\\Temp\\go-build8\\b001\\x.test.exe'));
    assert.notEqual(binaryPath('/tmp/go-build1/b001/a.test'), binaryPath('/tmp/go-build1/b001/b.test'));
    assert.notEqual(binaryPath('/usr/bin/server'), binaryPath('/opt/bin/server'));
  });

  test('sample types that do not match: the message names both profiles, their kinds and types', () => {
    assert.throws(
      () => compare(HEAP, CPU, DIFF),
      (e: unknown) => {
        assert.ok(e instanceof ProfileError);
        assert.equal(
          e.message,
          'cannot compare before.pb.gz (a heap profile: alloc_objects/count, alloc_space/bytes, inuse_objects/count, inuse_space/bytes) ' +
            'with after.pb.gz (a CPU profile: samples/count, cpu/nanoseconds): their sample types differ',
        );
        return true;
      },
    );
    assert.throws(() => compare('go-generated/goroutine.pb.gz', 'go-generated/block.pb.gz', BASE), /before\.pb\.gz \(a goroutine profile: goroutine\/count\) with after\.pb\.gz \(a block or mutex profile: contentions\/count, delay\/nanoseconds\)/);
  });

  for (const side of ['base', 'target'] as const) {
    test(`a malformed ${side}: the message names it`, () => {
      const good = bytes(HEAP);
      const bad = new TextEncoder().encode('<!doctype html><html>login</html>');
      const [b, t] = side === 'base' ? [bad, good] : [good, bad];
      assert.throws(() => loadComparison(b, t, DIFF, names), (e: unknown) => e instanceof ProfileError && e.message.startsWith(`${names[side]}: this is an HTML page`));
    });
  }
});

describe('a -diff_base profile written by go tool pprof -proto, opened alone', () => {
  test('has pprof’s total (the base’s) and its base samples marked', async () => {
    const file = join(pprofTmp, 'diff-base-written.pb.gz');
    writeFileSync(file, await pprofProto({ files: [HEAP_GC], diffBase: [HEAP] }));
    const p = loadProfile(readFileSync(file));
    assert.ok(p.baseSample?.some((b) => b === 1));
    for (const [t, { unit }] of p.sampleTypes.entries()) {
      await assertAgreesWithPprof(file, file, { sampleIndex: t, unit });
      assert.equal(p.totals[t], compare(HEAP, HEAP_GC, DIFF).profile.totals[t]);
    }
  });
});

describe('loadMerged', () => {
  test('labels per source keep the sources apart; without them, equal samples add up', () => {
    const single = mergeProfiles([{ profile: decodeProfile(bytes(HEAP)) }]);
    const apart = loadMerged([bytes(HEAP), bytes(HEAP)], [{ instance: 'a:1' }, { instance: 'b:2' }]);
    assert.equal(apart.sampleCount, 2 * single.sampleCount);
    const instances = new Set<string>();
    for (let s = 0; s < apart.sampleCount; s++) {
      const j = apart.labelKey.indexOf('instance', apart.labelStart[s]);
      assert.ok(j >= 0 && j < apart.labelStart[s + 1], `sample ${s} has an instance`);
      instances.add(apart.labelStr[j]!);
    }
    assert.deepEqual([...instances].sort(), ['a:1', 'b:2']);
    const together = loadMerged([bytes(HEAP), bytes(HEAP)]);
    assert.equal(together.sampleCount, single.sampleCount);
    assert.deepEqual(Array.from(together.sampleValues), Array.from(single.sampleValues, (v) => 2 * v));
    assert.deepEqual(Array.from(apart.totals), Array.from(together.totals));
  });

  test('a source label replaces the sample’s own string label of that key, as pprof’s SetLabel does', () => {
    const p = loadMerged([bytes(CPU)], [{ handler: 'all' }]);
    for (let s = 0; s < p.sampleCount; s++) {
      const values = p.labelKey.slice(p.labelStart[s], p.labelStart[s + 1]).flatMap((k, i) => (k === 'handler' ? [p.labelStr[p.labelStart[s] + i]] : []));
      assert.deepEqual(values, ['all']);
    }
    assert.ok(!p.labelKey.includes(BASE_LABEL_KEY));
  });

  test('a malformed source is named; sources of other types are refused with both named', () => {
    assert.throws(() => loadMerged([bytes(HEAP), new Uint8Array([1, 2, 3])], undefined, ['a.pb.gz', 'b.pb.gz']), /^ProfileError: b\.pb\.gz: /);
    assert.throws(() => loadMerged([bytes(HEAP), bytes(CPU)], undefined, ['a.pb.gz', 'b.pb.gz']), /cannot merge a\.pb\.gz \(a heap profile: .*\) with b\.pb\.gz \(a CPU profile: .*\): their sample types differ/);
  });
});
