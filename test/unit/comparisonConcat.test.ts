// The compare view's profile made by concatenating the two sides (concatComparison.ts) answers every
// question as the one made by pprof's exact merge: top rows at every granularity and sample type, the flame
// tree, callers/callees, the line index, the totals, the two sides' summaries and whether they are identical.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareDecoded, decodeSide } from '../../src/model/decode/loadProfile';
import { computeTop } from '../../src/model/analysis/topRows';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import { flameTree } from '../../src/model/analysis/flame/flameTree';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { concatenates } from '../../src/model/profile/concatComparison';
import type { CompareOptions } from '../../src/model/profile/comparison';
import type { DecodedProfile, Profile } from '../../src/model/profile/profile';
import { GRANULARITIES, type FlameTree } from '../../src/model/profile/queries';
import { treePaths } from './support/naiveTree';
import { FIXTURE_DIR } from './support/pprofOracle';

const decode = (f: string) => decodeSide(new Uint8Array(readFileSync(join(FIXTURE_DIR, f))), f);

/** The base loaded again at another address: every mapping (and so every address) moved, as ASLR moves them. */
function moved(p: DecodedProfile, by: bigint): DecodedProfile {
  return {
    ...p,
    mappings: p.mappings.map((m) => ({ ...m, start: m.start + by, limit: m.limit + by })),
    locAddress: p.locAddress.map((a, l) => (p.locMapping[l] >= 0 ? a + by : a)),
  };
}

/** The same samples, sample s's values times s % 3. */
function reweighted(p: DecodedProfile): DecodedProfile {
  const nt = p.sampleTypes.length;
  return { ...p, sampleValues: p.sampleValues.map((v, i) => v * (Math.floor(i / nt) % 3)) };
}
const LABELS = 'parca/parca_testdata_labels.pb.gz';

interface Pair {
  readonly name: string;
  readonly base: () => DecodedProfile;
  readonly target: () => DecodedProfile;
}
const pair = (base: string, target: string): Pair => ({ name: `${base} → ${target}`, base: () => decode(base), target: () => decode(target) });

const PAIRS: readonly Pair[] = [
  pair('go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz'),
  pair('go-generated/block.pb.gz', 'go-generated/mutex.pb.gz'),
  // Different binaries.
  pair('parca/query_testdata_fib.pb.gz', 'go-generated/cpu.pb.gz'),
  pair('parca/query_testdata_alloc_objects.pb.gz', 'parca/query_testdata_many_1644509299337903000.pb.gz'),
  // Labelled samples; the target's weights moved, some of its samples all 0 (the merge drops them).
  { name: 'labels → labels reweighted', base: () => decode(LABELS), target: () => reweighted(decode(LABELS)) },
  pair('google-pprof/report-sample.cpu.pb.gz', 'google-pprof/proftest-large.cpu.pb.gz'),
  // A profile against itself, and against itself at another address.
  pair('go-generated/cpu.pb.gz', 'go-generated/cpu.pb.gz'),
  { name: 'heap at another address → heap-gc', base: () => moved(decode('go-generated/heap.pb.gz'), 0x7f0000000000n), target: () => decode('go-generated/heap-gc.pb.gz') },
  { name: 'cpu at another address → cpu', base: () => moved(decode('go-generated/cpu.pb.gz'), 0x10000n), target: () => decode('go-generated/cpu.pb.gz') },
];

const labels = { base: 'base.pb.gz', target: 'target.pb.gz' };
const MODES: readonly CompareOptions[] = [
  { mode: 'diff_base', normalize: false },
  { mode: 'base', normalize: false },
];

/** Flame nodes by their path, with both sides' numbers. */
function byPath(t: FlameTree) {
  const paths = treePaths(t);
  const out = new Map<string, number[]>();
  paths.forEach((p, i) => out.set(p, [t.value[i], t.self[i], t.folded[i], t.baseValue![i], t.baseSelf![i], t.baseFolded![i]]));
  return out;
}

function assertSameAnswers(fast: Profile, exact: Profile, label: string): void {
  assert.deepEqual(Array.from(fast.totals), Array.from(exact.totals), `${label}: totals`);
  assert.ok(fast.baseSample && exact.baseSample, `${label}: both mark the base's samples`);
  for (let s = 0; s < exact.sampleTypes.length; s++) {
    for (const granularity of GRANULARITIES) {
      const a = computeTop(fast, { sampleIndex: s, granularity });
      const b = computeTop(exact, { sampleIndex: s, granularity });
      assert.equal(a.total, b.total, `${label}: #${s} ${granularity} total`);
      assert.deepEqual(a.rows, b.rows, `${label}: #${s} ${granularity} rows`);
    }
    for (const granularity of ['functions', 'files'] as const) {
      const a = flameTree(fast, { sampleIndex: s, granularity });
      const b = flameTree(exact, { sampleIndex: s, granularity });
      assert.deepEqual([a.total, a.baseTotal], [b.total, b.baseTotal], `${label}: #${s} ${granularity} flame totals`);
      assert.deepEqual(byPath(a), byPath(b), `${label}: #${s} ${granularity} flame tree`);
    }
    const names = computeTop(exact, { sampleIndex: s, granularity: 'functions' }).rows.slice(0, 4).map((r) => r.name);
    for (const name of names) {
      for (const granularity of ['functions', 'files'] as const) {
        const q = { sampleIndex: s, name, granularity };
        assert.deepEqual(callersCallees(fast, q), callersCallees(exact, q), `${label}: #${s} callers/callees of ${name} at ${granularity}`);
      }
    }
  }
  const a = lineIndex(fast);
  const b = lineIndex(exact);
  assert.deepEqual(a, b, `${label}: line index`);
}

describe('the compare view concatenates the two sides, with the answers of pprof’s merge', () => {
  for (const p of PAIRS) {
    for (const options of MODES) {
      test(`${p.name}, ${options.mode}`, () => {
        const base = p.base();
        const target = p.target();
        assert.ok(concatenates(base, target, options.normalize), 'the fast path is taken');
        const fast = compareDecoded(base, target, options, labels);
        const exact = compareDecoded(base, target, options, labels, { exact: true });
        assert.deepEqual(fast.comparison, exact.comparison, 'the summary of both sides, and identical');
        assertSameAnswers(fast.profile, exact.profile, options.mode);
        assert.equal(fast.profile.sampleTypes, exact.profile.sampleTypes);
        assert.deepEqual(
          [fast.profile.timeNanos, fast.profile.durationNanos, fast.profile.period, fast.profile.comments, fast.profile.mappings[0]?.file],
          [exact.profile.timeNanos, exact.profile.durationNanos, exact.profile.period, exact.profile.comments, exact.profile.mappings[0]?.file],
          'the header',
        );
      });
    }
  }

  test('a profile against itself is identical, and one against another is not', () => {
    const cpu = decode('go-generated/cpu.pb.gz');
    assert.equal(compareDecoded(cpu, cpu, MODES[0], labels).comparison.identical, true);
    assert.equal(compareDecoded(moved(cpu, 0x10000n), cpu, MODES[0], labels).comparison.identical, true, 'addresses count from their mapping');
    assert.equal(compareDecoded(decode('go-generated/heap.pb.gz'), decode('go-generated/heap-gc.pb.gz'), MODES[0], labels).comparison.identical, false);
  });

  test('a target decoded with room gets the base appended in place, with the same profile as a copy gives', () => {
    const columns = (p: DecodedProfile) =>
      [p.sampleCount, p.sampleValues, p.sampleLocStart, p.sampleLocs, p.labelStart, p.labelKey, p.labelStr, p.labelNum, p.labelUnit, p.lineFunction, p.funcName].map((c) =>
        typeof c === 'number' ? c : Array.from(c as ArrayLike<unknown>),
      );
    const roomy = (f: string, shared: boolean) => decodeSide(new Uint8Array(readFileSync(join(FIXTURE_DIR, f))), f, { shared, roomToAppend: true });
    const cases = [
      { base: 'google-pprof/report-sample.cpu.pb.gz', target: 'google-pprof/proftest-large.cpu.pb.gz', shared: true },
      { base: LABELS, target: LABELS, shared: false },
      { base: 'parca/query_testdata_fib.pb.gz', target: 'go-generated/cpu.pb.gz', shared: true },
    ];
    for (const c of cases) {
      const copied = compareDecoded(decode(c.base), decode(c.target), MODES[0], labels, { shared: c.shared });
      const target = roomy(c.target, c.shared);
      const appended = compareDecoded(decode(c.base), target, MODES[0], labels, { shared: c.shared, appendToTarget: true });
      assert.ok(appended.profile.sampleLocs.buffer === target.sampleLocs.buffer, `${c.target}: the base's frames follow the target's in its column`);
      assert.ok(appended.profile.sampleValues.buffer === target.sampleValues.buffer, `${c.target}: and its values`);
      assert.equal(appended.profile.sampleLocs.buffer instanceof SharedArrayBuffer, c.shared, `${c.target}: on shared memory when asked`);
      assert.deepEqual(columns(appended.profile), columns(copied.profile), `${c.target}: the same samples, labels and functions`);
      assert.deepEqual(appended.comparison, copied.comparison, `${c.target}: the same summary`);
    }
    // Without the room, or with a sample that the concatenation drops, the target is copied as before.
    const plain = decode('go-generated/heap-gc.pb.gz');
    assert.ok(compareDecoded(decode('go-generated/heap.pb.gz'), plain, MODES[0], labels, { appendToTarget: true }).profile.sampleLocs.buffer !== plain.sampleLocs.buffer, 'no room: copied');
    const withEmpty = { ...roomy(LABELS, false) };
    const reweightedRoomy = { ...withEmpty, sampleValues: new Float64Array(withEmpty.sampleValues.buffer, 0, withEmpty.sampleValues.length).map((v, i) => v * (Math.floor(i / withEmpty.sampleTypes.length) % 3)) };
    const dropped = compareDecoded(decode(LABELS), reweightedRoomy, MODES[0], labels, { appendToTarget: true }).profile;
    assert.ok(dropped.sampleLocs.buffer !== withEmpty.sampleLocs.buffer, 'a target sample of all 0 values: copied');
    assert.deepEqual(columns(dropped), columns(compareDecoded(decode(LABELS), reweighted(decode(LABELS)), MODES[0], labels).profile));
  });

  test('normalize, a negative value or a target already labelled as a base take the merge', () => {
    const heap = decode('go-generated/heap.pb.gz');
    assert.equal(concatenates(heap, heap, true), false, 'normalize');
    const negative = { ...heap, sampleValues: heap.sampleValues.map((v, i) => (i === 0 ? -1 : v)) };
    assert.equal(concatenates(heap, negative, false), false, 'a negative target value');
    assert.equal(concatenates(negative, heap, false), false, 'a negative base value');
    const diff = compareDecoded(heap, decode('go-generated/heap-gc.pb.gz'), MODES[0], labels, { exact: true }).profile;
    assert.equal(concatenates(heap, diff, false), false, 'a target with pprof::base labels');
  });
});
