// Callers and callees of a function equal what `go tool pprof -peek` prints for it: each caller and callee
// edge counted once per sample, recursion not making a function its own caller, flat and cum as in -top.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { aggregate } from '../../src/model/analysis/flatCum';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import type { Profile } from '../../src/model/profile/profile';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { FIXTURE_DIR } from './support/pprofOracle';
import { pprofPeek } from './support/pprofPeek';

const load = (f: string) => loadProfile(readFileSync(join(FIXTURE_DIR, f)));

/** The named functions with the largest cum, plus any asked for by name. */
function hottest(p: Profile, sampleIndex: number, n: number, extra: string[]): string[] {
  const agg = aggregate(p, sampleIndex, 'functions');
  const ids = Array.from({ length: agg.nodes.count }, (_, i) => i).filter((i) => agg.nodes.names[i] !== '');
  ids.sort((a, b) => Math.abs(agg.cum[b]) - Math.abs(agg.cum[a]));
  return [...new Set([...ids.slice(0, n).map((i) => agg.nodes.names[i]), ...extra])];
}

const CASES = [
  { fixture: 'go-generated/cpu.pb.gz', sampleIndex: 1, extra: ['main.walkA', 'main.walkB', 'sort.pdqsort', 'main.fib', 'runtime.mallocgc'] },
  { fixture: 'parca/query_testdata_fib.pb.gz', sampleIndex: 1, extra: ['math/big.karatsuba', 'math/big.nat.divRecursiveStep'] },
  { fixture: 'go-generated/heap.pb.gz', sampleIndex: 3, extra: [] },
  { fixture: 'parca/query_testdata_alloc_space_delta.pb.gz', sampleIndex: 3, extra: ['github.com/google/btree.(*node).iterate'] },
  { fixture: 'go-generated/mutex.pb.gz', sampleIndex: 1, extra: [] },
];

describe('callersCallees equal go tool pprof -peek', { concurrency: 2 }, () => {
  for (const { fixture, sampleIndex, extra } of CASES) {
    test(fixture, async () => {
      const p = load(fixture);
      const names = hottest(p, sampleIndex, 12, extra);
      const peek = await pprofPeek(fixture, sampleIndex, p.sampleTypes[sampleIndex].unit, names);
      assert.equal(peek.size, names.length, 'pprof printed a block for every function');
      for (const name of names) {
        const theirs = peek.get(name)!;
        const ours = callersCallees(p, { sampleIndex, name });
        assert.equal(ours.flat, theirs.flat, `flat of ${name}`);
        assert.equal(ours.cum, theirs.cum, `cum of ${name}`);
        assert.deepEqual(new Map(ours.callers.map((c) => [c.name, c.value])), theirs.callers, `callers of ${name}`);
        assert.deepEqual(new Map(ours.callees.map((c) => [c.name, c.value])), theirs.callees, `callees of ${name}`);
      }
    });
  }
});

describe('callersCallees of files equal go tool pprof -peek -files', { concurrency: 2 }, () => {
  // Fixtures without start lines, where pprof keeps one node per file (see the next test for the others).
  for (const { fixture, sampleIndex } of CASES.slice(0, 3)) {
    test(fixture, async () => {
      const p = load(fixture);
      const agg = aggregate(p, sampleIndex, 'files');
      const ids = Array.from({ length: agg.nodes.count }, (_, i) => i).sort((a, b) => Math.abs(agg.cum[b]) - Math.abs(agg.cum[a]));
      const files = ids.slice(0, 10).map((i) => agg.nodes.printable[i]);
      const peek = await pprofPeek(fixture, sampleIndex, p.sampleTypes[sampleIndex].unit, files, 'files');
      assert.equal(peek.size, files.length, 'pprof printed a block for every file');
      for (const file of files) {
        const theirs = peek.get(file)!;
        const ours = callersCallees(p, { sampleIndex, granularity: 'files', name: file });
        assert.equal(ours.flat, theirs.flat, `flat of ${file}`);
        assert.equal(ours.cum, theirs.cum, `cum of ${file}`);
        assert.deepEqual(new Map(ours.callers.map((c) => [c.name, c.value])), theirs.callers, `callers of ${file}`);
        assert.deepEqual(new Map(ours.callees.map((c) => [c.name, c.value])), theirs.callees, `callees of ${file}`);
      }
    });
  }

  test('a file that start lines split into several nodes is one, with its calls inside it left out', () => {
    const p = load('parca/query_testdata_single-stack.pb.gz');
    const n = callersCallees(p, { sampleIndex: 0, granularity: 'files', name: 'runtime/proc.go' });
    assert.equal(n.cum, 52631578);
    assert.deepEqual(n.callers.map((c) => c.name), ['runtime/asm_amd64.s']);
    assert.deepEqual(n.callees.map((c) => c.name), ['runtime/lock_futex.go']);
  });
});

describe('callersCallees', () => {
  test('a recursive function is not its own caller or callee', () => {
    const p = load('go-generated/cpu.pb.gz');
    const n = callersCallees(p, { sampleIndex: 1, name: 'sort.pdqsort' });
    assert.ok(n.callees.length > 0 && n.callers.length > 0);
    assert.ok(!n.callers.some((c) => c.name === 'sort.pdqsort'));
    assert.ok(!n.callees.some((c) => c.name === 'sort.pdqsort'));
  });

  test('callers and callees are sorted by value, widest first', () => {
    const p = load('go-generated/cpu.pb.gz');
    const n = callersCallees(p, { sampleIndex: 1, name: 'runtime.mallocgc' });
    for (const list of [n.callers, n.callees]) {
      for (let i = 1; i < list.length; i++) assert.ok(Math.abs(list[i - 1].value) >= Math.abs(list[i].value));
    }
  });

  test('filters apply: focus keeps only the stacks it matches', () => {
    const p = load('go-generated/cpu.pb.gz');
    const all = callersCallees(p, { sampleIndex: 1, name: 'runtime.mallocgc' });
    const focused = callersCallees(p, { sampleIndex: 1, name: 'runtime.mallocgc', filters: { focus: 'growslice' } });
    assert.ok(focused.cum > 0 && focused.cum < all.cum);
    assert.deepEqual(focused.callers.map((c) => c.name), ['runtime.growslice']);
    assert.equal(focused.total, all.total, 'the total is pprof’s, before filters');
  });

  test('a limit keeps the heaviest callers and callees and counts the rest', () => {
    const p = load('go-generated/cpu.pb.gz');
    const all = callersCallees(p, { sampleIndex: 1, name: 'runtime.systemstack' });
    assert.ok(all.callers.length > 3 && all.callees.length > 3);
    const two = callersCallees(p, { sampleIndex: 1, name: 'runtime.systemstack', limit: 2 });
    assert.deepEqual([two.callers, two.callees], [all.callers.slice(0, 2), all.callees.slice(0, 2)]);
    const rest = (xs: typeof all.callers) => ({ count: xs.length - 2, value: xs.slice(2).reduce((a, x) => a + x.value, 0) });
    assert.deepEqual([two.callersOmitted, two.calleesOmitted], [rest(all.callers), rest(all.callees)]);
    assert.deepEqual([two.flat, two.cum, two.total], [all.flat, all.cum, all.total]);
    const roomy = callersCallees(p, { sampleIndex: 1, name: 'runtime.systemstack', limit: 10_000 });
    assert.deepEqual(roomy, all, 'nothing omitted, nothing added');
  });

  test('an unknown name has no callersCallees', () => {
    const p = load('go-generated/cpu.pb.gz');
    const n = callersCallees(p, { sampleIndex: 1, name: 'no.such.function' });
    assert.deepEqual({ flat: n.flat, cum: n.cum, callers: n.callers, callees: n.callees }, { flat: 0, cum: 0, callers: [], callees: [] });
    assert.ok(n.total > 0);
  });
});

describe('callersCallees on stacks written out', () => {
  const fn = (name: string) => ({ name, file: 'a.go' });
  // main calls mid, which calls leaf directly or through helper; helper is inlined into mid at one call site.
  const spec: ProfileSpec = {
    sampleTypes: [['samples', 'count']],
    functions: [fn('main'), fn('mid'), fn('leaf'), fn('helper')],
    locations: [
      { lines: [[1, 1]] }, // 1 main
      { lines: [[2, 2]] }, // 2 mid
      { lines: [[3, 3]] }, // 3 leaf
      { lines: [[4, 4], [2, 5]] }, // 4 helper inlined into mid
    ],
    samples: [
      { locs: [3, 2, 1], values: [3] }, // leaf ← mid ← main
      { locs: [3, 4, 1], values: [2] }, // leaf ← helper (inlined in mid) ← main
      { locs: [2, 2, 1], values: [5] }, // mid ← mid ← main: a recursive call
      { locs: [], values: [7] }, // no stack
    ],
  };
  const p = loadProfile(buildProfile(spec));
  const peek = (name: string, filters?: { hide?: string; focus?: string }) => {
    const n = callersCallees(p, { sampleIndex: 0, name, filters });
    return { flat: n.flat, cum: n.cum, callers: Object.fromEntries(n.callers.map((c) => [c.name, c.value])), callees: Object.fromEntries(n.callees.map((c) => [c.name, c.value])) };
  };
  const cases: [string, string, { hide?: string; focus?: string } | undefined, ReturnType<typeof peek>][] = [
    ['a frame inside an inlined location', 'helper', undefined, { flat: 0, cum: 2, callers: { mid: 2 }, callees: { leaf: 2 } }],
    ['recursion counts once, and a function is not its own caller', 'mid', undefined, { flat: 5, cum: 10, callers: { main: 10 }, callees: { leaf: 3, helper: 2 } }],
    ['a hidden frame passes its edges to its neighbours', 'leaf', { hide: '^mid$' }, { flat: 5, cum: 5, callers: { main: 3, helper: 2 }, callees: {} }],
    ['hidden frames inside a location', 'main', { hide: '^(mid|helper)$' }, { flat: 5, cum: 10, callers: {}, callees: { leaf: 5 } }],
    ['focus drops the other samples', 'main', { focus: 'helper' }, { flat: 0, cum: 2, callers: {}, callees: { mid: 2 } }],
  ];
  for (const [name, fnName, filters, want] of cases) test(name, () => assert.deepEqual(peek(fnName, filters), want));
});
