import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { aggregate, nodeMaps } from '../../src/model/analysis/flatCum';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { cleanPath } from '../../src/model/base/cleanPath';
import { frameTable } from '../../src/model/analysis/frameTable';
import { walkFlatCum } from '../../src/model/analysis/sampleWalk';
import type { Filters, Granularity } from '../../src/model/profile/queries';
import { computeTop } from '../../src/model/analysis/topRows';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { SYNTHETIC } from './support/syntheticProfiles';

const fn = (name: string, file = '/app/a.go') => ({ name, file });
const SPEC: ProfileSpec = {
  sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
  functions: [fn('main.main'), fn('main.fib'), fn('main.dup', '/app/one.go'), fn('main.dup', '/app/two.go'), fn('main.inl')],
  locations: [
    { lines: [[1, 10]] }, // 1 main
    { lines: [[2, 20]] }, // 2 fib:20
    { lines: [[2, 21]] }, // 3 fib:21
    { lines: [[3, 30]] }, // 4 dup (one.go)
    { lines: [[4, 30]] }, // 5 dup (two.go)
    { lines: [[5, 50], [2, 22]] }, // 6 inl inlined into fib:22
  ],
  samples: [
    { locs: [2, 3, 2, 1], values: [1, 10] }, // recursion fib→fib→fib
    { locs: [6, 2, 1], values: [2, 20] }, // inlined leaf
    { locs: [4, 1], values: [4, 40] },
    { locs: [5, 1], values: [8, 80] },
    { locs: [1], values: [0, 0] },
  ],
};
const profile = loadProfile(buildProfile(SPEC));

function byName(granularity: Granularity, sampleIndex = 0, filters?: Filters) {
  const a = aggregate(profile, sampleIndex, granularity, filters);
  const out: Record<string, [number, number]> = {};
  for (let n = 0; n < a.nodes.count; n++) if (a.flat[n] || a.cum[n]) out[a.nodes.printable[n]] = [a.flat[n], a.cum[n]];
  return out;
}

describe('flat and cum', () => {
  test('by function: recursion counts once, flat goes to the innermost inlined frame, same names merge', () => {
    assert.deepEqual(byName('functions'), {
      'main.main': [0, 15],
      'main.fib': [1, 3],
      'main.inl': [2, 2],
      'main.dup': [12, 12],
    });
  });
  test('by line: each line is a node, files split same-named functions', () => {
    assert.deepEqual(byName('lines'), {
      'main.main /app/a.go:10': [0, 15],
      'main.fib /app/a.go:20': [1, 3],
      'main.fib /app/a.go:21': [0, 1],
      'main.fib /app/a.go:22': [0, 2],
      'main.inl /app/a.go:50': [2, 2],
      'main.dup /app/one.go:30': [4, 4],
      'main.dup /app/two.go:30': [8, 8],
    });
  });
  test('any sample index', () => {
    assert.deepEqual(byName('functions', 1)['main.main'], [0, 150]);
  });
  test('a hidden leaf passes its flat to the next visible frame', () => {
    assert.deepEqual(byName('functions', 0, { hide: 'inl' })['main.fib'], [3, 3]);
  });
  test('focus drops samples but not the total', () => {
    const a = aggregate(profile, 0, 'functions', { focus: 'fib' });
    assert.equal(a.total, 15);
    assert.deepEqual(byName('functions', 0, { focus: 'fib' })['main.main'], [0, 3]);
  });
  test('a bad sample index is refused', () => {
    assert.throws(() => aggregate(profile, 2, 'functions'), /sample index 2 is out of range: the profile has 2 sample types/);
  });
});

describe('the total is pprof’s', () => {
  const negative: ProfileSpec = {
    sampleTypes: [['inuse_space', 'bytes']],
    functions: [fn('main.a'), fn('main.b')],
    locations: [{ lines: [[1, 1]] }, { address: 0x5000, lines: [[2, 2]] }, { address: 0x5000, lines: [[2, 2]] }],
    samples: [
      { locs: [1], values: [100] },
      { locs: [1], values: [-100] },
      { locs: [2], values: [-30] },
      { locs: [3], values: [10] },
      { locs: [1], values: [7], labels: { k: 'v' } },
    ],
  };
  const delta = SYNTHETIC['a delta profile is totalled as decoded, before drop_frames'];
  const cases: [string, ProfileSpec, number[]][] = [
    ['sum of values without negatives', SPEC, [15, 150]],
    ['same stack and labels merge before magnitudes are summed; identical locations count as one', negative, [20 + 7]],
    ['stacks merge as decoded, before drop_frames makes them one; each sample type on its own', delta, [1100, 11]],
  ];
  for (const [name, spec, want] of cases) test(name, () => assert.deepEqual([...loadProfile(buildProfile(spec)).totals], want));
  test('aggregates and top report the loaded total, not one summed after drop_frames', () => {
    const p = loadProfile(buildProfile(delta));
    assert.equal(aggregate(p, 0, 'functions').total, 1100);
    assert.equal(aggregate(p, 0, 'lines', { focus: 'work' }).total, 1100);
    const top = computeTop(p, { sampleIndex: 0, granularity: 'functions' });
    assert.equal(top.total, 1100);
    assert.deepEqual(top.rows.map((r) => [r.name, r.flat, r.cum]), [['main.work', 100, 100], ['main.main', 0, 100]]);
  });
});

describe('top rows', () => {
  test('sorted by |flat|, then name, then |cum|', () => {
    const top = computeTop(profile, { sampleIndex: 0, granularity: 'functions' });
    assert.deepEqual(
      top.rows.map((r) => [r.name, r.flat, r.cum]),
      [['main.dup', 12, 12], ['main.inl', 2, 2], ['main.fib', 1, 3], ['main.main', 0, 15]],
    );
    assert.equal(top.total, 15);
    assert.deepEqual(top.sampleType, { type: 'samples', unit: 'count' });
  });
  test('line rows carry file and line', () => {
    const top = computeTop(profile, { sampleIndex: 0, granularity: 'lines' });
    assert.deepEqual(top.rows[0], { name: 'main.dup', file: '/app/two.go', line: 30, flat: 8, cum: 8 });
  });
  test('on the medium CPU profile, every row is present and the flats add up to the total', () => {
    const p = loadProfile(readFileSync(join(__dirname, '../fixtures/google-pprof/proftest-large.cpu.pb.gz')));
    const top = computeTop(p, { sampleIndex: 1, granularity: 'functions' });
    assert.equal(top.rows.reduce((s, r) => s + r.flat, 0), top.total);
    assert.equal(top.rows[0].name, 'time.Now');
  });
});

describe('file names as pprof prints them', () => {
  const cases: [string, string][] = [
    ['/proc/self/cwd/./pkg/a.go', 'pkg/a.go'],
    ['/proc/self/cwd/main.go', 'main.go'],
    ['pkg/../pkg/./b.go', 'pkg/b.go'],
    ['/a//b/../c.go', '/a/c.go'],
    ['../x.go', '../x.go'],
    ['/usr/lib/go/src/runtime/proc.go', '/usr/lib/go/src/runtime/proc.go'],
    ['', ''],
  ];
  for (const [path, want] of cases) test(`${JSON.stringify(path)} → ${JSON.stringify(want)}`, () => assert.equal(cleanPath(path), want));
});

describe('a function with many sampled lines', () => {
  test('gets one line node per distinct line', () => {
    const lines = Array.from({ length: 200 }, (_, i) => 1000 + (i % 80));
    const spec: ProfileSpec = {
      sampleTypes: [['samples', 'count']],
      functions: [fn('main.generated'), fn('main.main')],
      locations: [{ lines: [[2, 1]] }, ...lines.map((line) => ({ lines: [[1, line]] as [number, number][] }))],
      samples: lines.map((_, i) => ({ locs: [i + 2, 1], values: [1] })),
    };
    const p = loadProfile(buildProfile(spec));
    const a = aggregate(p, 0, 'lines');
    const rows = computeTop(p, { sampleIndex: 0, granularity: 'lines' }).rows.filter((r) => r.name === 'main.generated');
    assert.equal(rows.length, 80);
    assert.ok(rows.every((r) => r.flat === (r.line! - 1000 < 40 ? 3 : 2)));
    assert.equal(a.nodes.count, 81);
  });
});

describe('the one walk (sampleWalk)', () => {
  const fixtures = [
    'go-generated/cpu.pb.gz', // two sample types, one a multiple of the other
    'go-generated/heap.pb.gz', // four unrelated sample types
    'parca/query_testdata_alloc_space_delta.pb.gz', // negative values
    'google-pprof/proftest-large.cpu.pb.gz',
  ];
  const load = (f: string) => loadProfile(readFileSync(join(__dirname, '../fixtures', f)));
  const column = (a: Float64Array, nt: number, t: number) => Array.from({ length: a.length / nt }, (_, i) => a[i * nt + t]);

  for (const fixture of fixtures) {
    test(`${fixture}: every sample type in one pass equals one pass per sample type, both tables at once equal each alone`, () => {
      const p = load(fixture);
      const fn = frameTable(p, 'functions');
      const ln = frameTable(p, 'lines');
      const nt = p.sampleTypes.length;
      const [allFn, allLn] = walkFlatCum(p, nodeMaps(fn, ln), { sampleIndex: 'all' });
      for (let t = 0; t < nt; t++) {
        const [oneFn] = walkFlatCum(p, nodeMaps(fn), { sampleIndex: t });
        const [oneLn] = walkFlatCum(p, nodeMaps(ln), { sampleIndex: t });
        assert.deepEqual(column(allFn.flat, nt, t), Array.from(oneFn.flat), `flat by function, type ${t}`);
        assert.deepEqual(column(allFn.cum, nt, t), Array.from(oneFn.cum), `cum by function, type ${t}`);
        assert.deepEqual(column(allLn.flat, nt, t), Array.from(oneLn.flat), `flat by line, type ${t}`);
        assert.deepEqual(column(allLn.cum, nt, t), Array.from(oneLn.cum), `cum by line, type ${t}`);
      }
    });
  }

  for (const [name, keep] of [
    ['every sample', undefined],
    ['every other sample', (n: number) => Uint8Array.from({ length: n }, (_, s) => s % 2)],
  ] as const) {
    test(`a mapping that counts few frames (a scan of the stacks) equals the full one at those frames: ${name}`, () => {
      const p = load('go-generated/cpu.pb.gz');
      const fn = frameTable(p, 'functions');
      const weighing = { sampleIndex: 'all' as const, keep: keep?.(p.sampleCount) };
      const [full] = walkFlatCum(p, nodeMaps(fn), weighing);
      // Keep every tenth node: fewer than a quarter of the locations have one.
      const kept = new Set<number>();
      for (let n = 0; n < fn.nodes.count; n += 10) kept.add(n);
      const few = Int32Array.from(fn.frames, (n) => (kept.has(n) ? n : -1));
      let live = 0;
      for (let l = 0; l < p.locationCount; l++) if (few.subarray(fn.frameStart[l], fn.frameStart[l + 1]).some((n) => n >= 0)) live++;
      assert.ok(live > 0 && live <= p.locationCount / 4, `${live} of ${p.locationCount} locations have a node`);
      const nt = p.sampleTypes.length;
      assert.ok([...kept].some((n) => full.cum[n * nt] !== 0), 'some kept node has samples');
      const [sparse] = walkFlatCum(p, { frameStart: fn.frameStart, nodeOf: [few], nodeCount: [fn.nodes.count] }, weighing);
      for (let n = 0; n < fn.nodes.count; n++) {
        const want = kept.has(n) ? 1 : 0;
        for (let t = 0; t < nt; t++) {
          assert.equal(sparse.cum[n * nt + t], want * full.cum[n * nt + t], `cum of ${fn.nodes.names[n]}`);
          // A kept node is a leaf exactly where it was; a dropped leaf gives its flat to nobody.
          assert.equal(sparse.flat[n * nt + t], want * full.flat[n * nt + t], `flat of ${fn.nodes.names[n]}`);
        }
      }
    });
  }

  test('filters that drop samples and hide frames: the walk agrees with the stacks written out', () => {
    const filters = { focus: 'fib|inl', hide: 'inl' };
    const a = aggregate(profile, 0, 'functions', filters);
    // Samples kept by focus: the recursion (1) and the inlined leaf (2); main.inl hidden, so fib is their leaf.
    const got = Object.fromEntries(Array.from({ length: a.nodes.count }, (_, n) => [a.nodes.names[n], [a.flat[n], a.cum[n]]]).filter(([, v]) => (v as number[]).some((x) => x !== 0)));
    assert.deepEqual(got, { 'main.main': [0, 3], 'main.fib': [3, 3] });
  });
});
