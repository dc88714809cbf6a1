// The trend's ranking on synthetic series of heap-like snapshots: a steady leak, a sawtooth that grows
// faster but is cleared, a one-off step, noise, and a slow leak beneath a larger cache; and the mechanics:
// time order, the union of nodes, filters and granularity, the sample type, the worker's file-reading trend.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { trend, TrendBuilder } from '../../src/model/analysis/trend';
import { growthOf } from '../../src/model/analysis/trendScore';
import { computeTop } from '../../src/model/analysis/topRows';
import { loadProfile } from '../../src/model/decode/loadProfile';
import type { Profile } from '../../src/model/profile/profile';
import type { Filters, Granularity } from '../../src/model/profile/queries';
import type { TrendResult, TrendRow } from '../../src/model/profile/trendQueries';
import { Analysis } from '../../src/worker/analysis';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { SYNTHETIC } from './support/syntheticProfiles';
import { MB, snapshotBytes, T0 } from './support/heapSeries';

/** `n` snapshots a minute apart; `of[name](i)` is the function's bytes in snapshot i (rounded). */
function series(n: number, of: Record<string, (i: number) => number>): Profile[] {
  return Array.from({ length: n }, (_, i) => loadProfile(snapshotBytes(i, Object.fromEntries(Object.entries(of).map(([k, f]) => [k, Math.round(f(i))])))));
}

const row = (t: TrendResult, name: string): TrendRow => {
  const r = t.rows.find((x) => x.name === name);
  assert.ok(r, `a row for ${name}`);
  return r;
};
const rank = (t: TrendResult, name: string) => t.rows.findIndex((r) => r.name === name);

/** Deterministic noise in [0, 1). */
function noise(seed: number): (i: number) => number {
  return (i) => {
    let x = (seed * 2654435761 + i * 40503) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 2246822507) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 3266489909) >>> 0;
    return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
  };
}

describe('growthOf: one series', () => {
  const minutes = (n: number, every = 1) => Float64Array.from({ length: n }, (_, i) => i * every);
  const cases: { name: string; values: number[]; every?: number; want: Partial<ReturnType<typeof growthOf>> }[] = [
    { name: 'steady growth: steadiness 1, every step up, score = growth', values: [0, 1, 2, 3, 4], want: { growth: 4, slope: 1, ups: 4, steps: 4, steadiness: 1, score: 4 } },
    { name: 'slope is per minute, snapshots 30 s apart', values: [0, 1, 2, 3], every: 0.5, want: { slope: 2, growth: 3 } },
    { name: 'a cleared sawtooth: steadiness 0, score 0', values: [0, 3, 6, 0, 3, 6], want: { growth: 6, ups: 4, steadiness: 0, score: 0 } },
    { name: 'a single step: steady but one step of four up', values: [0, 0, 4, 4, 4], want: { growth: 4, ups: 1, steadiness: 1, score: 1 } },
    { name: 'flat: no growth, score 0', values: [5, 5, 5], want: { growth: 0, slope: 0, ups: 0, steadiness: 1, score: 0 } },
    { name: 'shrinking: steadiness 0, score 0', values: [4, 3, 2], want: { growth: -2, slope: -1, steadiness: 0, score: 0 } },
    { name: 'one snapshot: no steps, score 0', values: [7], want: { growth: 0, steps: 0, score: 0 } },
    { name: 'a small dip: steadiness 1 − dip / range', values: [0, 4, 3, 8], want: { steadiness: 1 - 1 / 8, ups: 2, score: 8 * (7 / 8) ** 2 * (2 / 3) } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const g = growthOf(c.values, minutes(c.values.length, c.every));
      for (const [k, v] of Object.entries(c.want)) assert.ok(Math.abs((g as unknown as Record<string, number>)[k] - (v as number)) < 1e-9, `${k}: ${(g as unknown as Record<string, number>)[k]} ≠ ${v}`);
    });
  }
});

describe('the score ranks steady growth first', () => {
  const n = 10;
  test('steady growth above a sawtooth that grows 3x faster, is cleared, and ends at its peak', () => {
    const t = trend(series(n, { 'leak.grow': (i) => i * MB, 'cache.fill': (i) => (i % 5) * 3 * MB }), { granularity: 'functions' });
    const leak = row(t, 'leak.grow');
    const cache = row(t, 'cache.fill');
    assert.ok(cache.growth > leak.growth, 'the sawtooth ends higher above its start than the leak');
    assert.equal(leak.steadiness, 1);
    assert.equal(cache.steadiness, 0);
    assert.ok(rank(t, 'leak.grow') < rank(t, 'cache.fill'));
    assert.equal(t.rows[0].name, 'leak.grow');
    assert.equal(leak.score, 9 * MB);
  });

  test('a single step ranks below steady growth of the same size', () => {
    const t = trend(series(n, { 'leak.grow': (i) => i * MB, 'step.once': (i) => (i >= 5 ? 9 * MB : 0) }), { granularity: 'functions' });
    assert.equal(row(t, 'step.once').growth, row(t, 'leak.grow').growth);
    assert.deepEqual([row(t, 'step.once').ups, row(t, 'step.once').steps], [1, 9]);
    assert.ok(row(t, 'step.once').score < row(t, 'leak.grow').score / 5);
    assert.deepEqual(t.rows.slice(0, 2).map((r) => r.name), ['leak.grow', 'step.once']);
  });

  test('noise scores near 0, even ten times larger than the leak', () => {
    // Independent draws rise at every step now and then (1 in n! series); near 0 is on the whole.
    const shares: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const wobble = noise(seed);
      const t = trend(series(n, { 'leak.grow': (i) => i * MB, 'noise.churn': (i) => Math.round((50 + 90 * wobble(i)) * MB) }), { granularity: 'functions' });
      const churn = row(t, 'noise.churn');
      const range = Math.max(...churn.flat) - Math.min(...churn.flat);
      shares.push(churn.score / range);
      assert.ok(churn.score < 0.15 * range, `seed ${seed}: noise scores ${churn.score / MB} MB over a range of ${range / MB} MB`);
      assert.equal(t.rows[0].name, 'leak.grow', `seed ${seed}`);
    }
    const mean = shares.reduce((a, b) => a + b) / shares.length;
    assert.ok(mean < 0.03, `noise scores ${mean} of its range on average`);
  });

  test('a slow steady leak beneath a larger sawtooth cache is found first', () => {
    const t = trend(series(n, { 'cache.fill': (i) => (i % 3) * 40 * MB, 'leak.slow': (i) => (i + 1) * 100 * 1024 }), { granularity: 'functions' });
    assert.equal(t.rows[0].name, 'leak.slow');
    // Its caller's cum carries the leak too, but the ranking is by flat.
    assert.ok(row(t, 'cache.fill').cum.every((c, i) => c === row(t, 'cache.fill').flat[i] + row(t, 'leak.slow').flat[i]));
    assert.ok(row(t, 'leak.slow').score > 100 * row(t, 'cache.fill').score);
  });

  test('steady growth with small dips and flat steps stays above a faster cleared cache', () => {
    const t = trend(
      series(12, { 'leak.grow': (i) => [0, 10, 10, 20, 30, 28, 40, 50, 50, 60, 70, 80][i] * 0.1 * MB, 'cache.fill': (i) => (i % 4) * 5 * MB + i * 100 * 1024 }),
      { granularity: 'functions' },
    );
    assert.equal(t.rows[0].name, 'leak.grow');
    assert.ok(row(t, 'leak.grow').steadiness > 0.9);
  });
});

describe('the series', () => {
  test('snapshots are ordered by profile time, not by the order given; equal times keep that order', () => {
    const bytes = [3, 0, 2, 1].map((m) => snapshotBytes(m, { 'leak.grow': (m + 1) * MB }));
    const tie = snapshotBytes(2, { 'leak.grow': 10 * MB });
    const t = trend([...bytes, tie].map((b) => loadProfile(b)), { granularity: 'functions' });
    const t0 = Number(T0 / 1_000_000n);
    assert.deepEqual(t.times, [0, 1, 2, 2, 3].map((m) => t0 + m * 60_000));
    assert.deepEqual(row(t, 'leak.grow').flat, [1, 2, 3, 10, 4].map((x) => x * MB));
    assert.deepEqual(t.totals, [1, 2, 3, 10, 4].map((x) => x * MB));
  });

  test('rows are the union of the snapshots’ nodes, 0 where a node is absent', () => {
    const t = trend(series(4, { 'leak.grow': (i) => (i + 1) * MB, 'gone.soon': (i) => (i < 2 ? MB : 0), 'step.once': (i) => (i === 3 ? MB : 0) }), { granularity: 'functions' });
    assert.deepEqual(t.rows.map((r) => r.name).sort(), ['gone.soon', 'leak.grow', 'main.main', 'step.once']);
    assert.deepEqual(row(t, 'gone.soon').flat, [MB, MB, 0, 0]);
    assert.deepEqual(row(t, 'step.once').cum, [0, 0, 0, MB]);
    assert.deepEqual(row(t, 'main.main').flat, [0, 0, 0, 0]);
    assert.deepEqual(row(t, 'main.main').cum, [2 * MB, 3 * MB, 3 * MB, 5 * MB]);
  });

  const shapes: { name: string; granularity: Granularity; filters?: Filters }[] = [
    { name: 'lines', granularity: 'lines' },
    { name: 'focus', granularity: 'functions', filters: { focus: 'cache' } },
    { name: 'hide at lines', granularity: 'lines', filters: { hide: 'cache' } },
    { name: 'ignore and show', granularity: 'functions', filters: { ignore: 'noise', show: 'leak|main' } },
    { name: 'files', granularity: 'files' },
    { name: 'addresses', granularity: 'addresses' },
  ];
  for (const s of shapes) {
    test(`${s.name}: each snapshot's flat and cum are those of its own top`, () => {
      const snaps = series(5, { 'leak.grow': (i) => i * MB, 'cache.fill': (i) => (i % 2) * MB, 'leak.slow': (i) => (i + 1) * 1000, 'noise.churn': (i) => (i + 3) * 7777 });
      const t = trend(snaps, { granularity: s.granularity, filters: s.filters });
      const key = (r: { name: string; line?: number; address?: string }) => `${r.name}|${r.line ?? ''}|${r.address ?? ''}`;
      snaps.forEach((p, j) => {
        const top = computeTop(p, { sampleIndex: 1, granularity: s.granularity, filters: s.filters }, true);
        const mine = t.rows.filter((r) => r.flat[j] !== 0 || r.cum[j] !== 0).map((r) => [key(r), r.flat[j], r.cum[j]]);
        const theirs = top.rows.map((r) => [key(r), r.flat, r.cum]);
        assert.deepEqual(mine.sort(), theirs.sort(), `snapshot ${j}`);
      });
      if (s.granularity === 'lines') assert.ok(t.rows.every((r) => typeof r.line === 'number' && r.line > 0));
      if (s.granularity === 'functions') assert.ok(t.rows.every((r) => r.line === undefined));
    });
  }
});

test('nameless frames and line-less locations (the frame table’s path) beside named ones: each snapshot is its own top', () => {
  const odd = SYNTHETIC['names, files and lines as pprof prints them'];
  const named: ProfileSpec = {
    sampleTypes: odd.sampleTypes,
    functions: [{ name: 'main.dup', file: '/src/three.go' }, { name: 'main.root', file: '/proc/self/cwd/main.go' }, { name: 'main.new' }],
    locations: [{ lines: [[1, 5]] }, { lines: [[2, 1]] }, { lines: [[3, 9]] }],
    samples: [
      { locs: [1, 2], values: [4 << 20, 4] },
      { locs: [3, 2], values: [512, 1] },
    ],
    defaultSampleType: odd.defaultSampleType,
  };
  for (const granularity of ['functions', 'files', 'lines'] as const) {
    const snaps = [buildProfile(named), buildProfile(odd), buildProfile(named)].map((b) => loadProfile(b));
    const t = trend(snaps, { granularity });
    snaps.forEach((p, j) => {
      const top = computeTop(p, { sampleIndex: p.defaultSampleIndex, granularity }, true);
      const key = (r: { name: string; line?: number }) => `${r.name}|${r.line ?? ''}`;
      const mine = t.rows.filter((r) => r.flat[j] !== 0 || r.cum[j] !== 0).map((r) => [key(r), r.flat[j], r.cum[j]]);
      assert.deepEqual(mine.sort(), top.rows.map((r) => [key(r), r.flat, r.cum]).sort(), `${granularity}, snapshot ${j}`);
    });
  }
  const t = trend([buildProfile(named), buildProfile(odd)].map((b) => loadProfile(b)), { granularity: 'functions' });
  assert.deepEqual(row(t, 'main.dup').flat, [4, 3]);
  assert.ok(t.rows.some((r) => r.name === '[server]') && t.rows.some((r) => r.name === '<unknown>'), 'line-less locations are rows');
});

describe('each hand-made shape of the oracle tests, as a series of two: each snapshot is its own top', () => {
  for (const [name, spec] of Object.entries(SYNTHETIC)) {
    for (const granularity of ['functions', 'lines'] as const) {
      test(`${name}, at ${granularity}`, () => {
        const snaps = [loadProfile(buildProfile(spec)), loadProfile(buildProfile(spec))];
        const t = trend(snaps, { granularity });
        const top = computeTop(snaps[0], { sampleIndex: snaps[0].defaultSampleIndex, granularity }, true);
        const key = (r: { name: string; line?: number }) => `${r.name}|${r.line ?? ''}`;
        for (const j of [0, 1]) {
          const mine = t.rows.filter((r) => r.flat[j] !== 0 || r.cum[j] !== 0).map((r) => [key(r), r.flat[j], r.cum[j]]);
          assert.deepEqual(mine.sort(), top.rows.map((r) => [key(r), r.flat, r.cum]).sort(), `snapshot ${j}`);
        }
        assert.ok(t.rows.every((r) => r.growth === 0 && r.score === 0));
      });
    }
  }
});

describe('the sample type', () => {
  const four: ProfileSpec['sampleTypes'] = [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']];
  const snaps = [0, 1, 2].map((m) => loadProfile(snapshotBytes(m, { 'leak.grow': (m + 1) * MB }, four)));

  test('the default is the first snapshot’s (the last sample type); a name or an index picks another', () => {
    assert.deepEqual(trend(snaps, { granularity: 'functions' }).sampleType, { type: 'inuse_space', unit: 'bytes' });
    const objects = trend(snaps, { granularity: 'functions', sampleIndex: 'inuse_objects' });
    assert.deepEqual(row(objects, 'leak.grow').flat, [1024, 2048, 3072]);
    assert.equal(trend(snaps, { granularity: 'functions', sampleIndex: 1 }).sampleType.type, 'alloc_space');
    assert.equal(trend(snaps, { granularity: 'functions', sampleIndex: 'inuse_alloc_space' }).sampleType.type, 'alloc_space');
  });

  test('a snapshot without the sample type: one line naming it', () => {
    const other = loadProfile(snapshotBytes(5, { 'leak.grow': MB }, [['samples', 'count']]));
    assert.throws(
      () => trend([snaps[0], other], { granularity: 'functions' }, ['a.pb.gz', 'b.pb.gz']),
      /^ProfileError: b\.pb\.gz: has no inuse_space\/bytes samples \(its sample types: samples\/count\); a trend needs snapshots of one kind$/,
    );
    assert.throws(() => trend(snaps, { granularity: 'functions', sampleIndex: 'cpu' }, ['a', 'b', 'c']), /^ProfileError: a: sample_index "cpu" must be one of: alloc_objects, alloc_space, inuse_objects, inuse_space$/);
  });

  test('read out of time order with different defaults, the earliest snapshot’s default is asked for', () => {
    const allocs = loadProfile(snapshotBytes(0, { 'leak.grow': MB }, [['alloc_space', 'bytes'], ['inuse_space', 'bytes']]));
    const builder = new TrendBuilder({ granularity: 'functions' });
    builder.add(loadProfile(snapshotBytes(3, { 'leak.grow': MB }, [['inuse_space', 'bytes'], ['alloc_space', 'bytes']])), 'later.pb.gz');
    builder.add(allocs, 'earlier.pb.gz');
    assert.throws(() => builder.finish(), /earlier\.pb\.gz: the earliest snapshot's default sample type is inuse_space, later\.pb\.gz's is alloc_space; choose one with sample_index/);
  });

  test('no snapshot: an error', () => {
    assert.throws(() => trend([], { granularity: 'functions' }), /a trend needs at least one snapshot/);
  });
});

describe('the worker’s trend reads one file at a time', () => {
  const files = new Map<string, Uint8Array>([2, 0, 1].map((m) => [`/s/heap-${m}.pb.gz`, snapshotBytes(m, { 'leak.grow': (m + 1) * MB, 'cache.fill': (m % 2) * 5 * MB })]));
  const read = (path: string) => {
    const b = files.get(path);
    if (!b) throw new Error('ENOENT: no such file');
    return b;
  };

  test('the same answer as trend() over the loaded profiles', () => {
    const paths = [...files.keys()];
    const viaWorker = new Analysis(read).trend(paths, { granularity: 'functions' });
    assert.deepEqual(viaWorker, trend(paths.map((f) => loadProfile(read(f))), { granularity: 'functions' }));
    assert.equal(viaWorker.rows[0].name, 'leak.grow');
  });

  test('a missing or broken file is named', () => {
    assert.throws(() => new Analysis(read).trend(['/s/heap-0.pb.gz', '/s/gone.pb.gz'], { granularity: 'functions' }), /cannot read \/s\/gone\.pb\.gz: ENOENT/);
    files.set('/s/text.pb.gz', new TextEncoder().encode('hello\nworld\n'));
    assert.throws(() => new Analysis(read).trend(['/s/heap-0.pb.gz', '/s/text.pb.gz'], { granularity: 'functions' }), /^ProfileError: \/s\/text\.pb\.gz: this is a text file/);
  });
});
