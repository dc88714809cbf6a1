// Every analysis on a comparison (the target merged with the negated, labelled base) reports both sides:
// net values exactly as `go tool pprof -top -diff_base` prints them, the base side as `go tool pprof -top`
// prints the base alone, and net + base as it prints the target alone. The comparisons are built both by
// our loader and by pprof itself (-proto -diff_base), whose label marks the base's samples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadComparison, loadProfile } from '../../src/model/decode/loadProfile';
import { computeTop } from '../../src/model/analysis/topRows';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import { flameTree, growthTuning } from '../../src/model/analysis/flame/flameTree';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { everyTypeInOnePass } from '../../src/model/analysis/sampleWalk';
import type { Profile } from '../../src/model/profile/profile';
import type { Filters, FlameGranularity, FlameTree, Granularity, LineIndex } from '../../src/model/profile/queries';
import { LineIndexTable, toLineIndexColumns } from '../../src/protocol/lineIndexColumns';
import { fromTopColumns, toTopColumns } from '../../src/protocol/topColumns';
import { childrenOf, naiveTree, treePaths } from './support/naiveTree';
import { pprofDiffProto, pprofRows } from './support/comparisonOracle';
import { FIXTURE_DIR } from './support/pprofOracle';

interface Pair {
  readonly base: string;
  readonly target: string;
  /** A focus that keeps some samples of each side and drops others. */
  readonly focus: string;
}

const PAIRS: readonly Pair[] = [
  { base: 'go-generated/heap.pb.gz', target: 'go-generated/heap-gc.pb.gz', focus: 'compress' },
  { base: 'go-generated/block.pb.gz', target: 'go-generated/mutex.pb.gz', focus: 'handleBlock' },
  // Different binaries: frames are matched by name.
  { base: 'parca/query_testdata_fib.pb.gz', target: 'go-generated/cpu.pb.gz', focus: 'runtime\\.' },
  { base: 'parca/query_testdata_alloc_objects.pb.gz', target: 'parca/query_testdata_many_1644509299337903000.pb.gz', focus: 'init' },
  // A profile against itself: nothing is left net, every base side is the profile's own.
  { base: 'go-generated/cpu.pb.gz', target: 'go-generated/cpu.pb.gz', focus: 'sort' },
];

const bytes = (f: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, f)));
const load = (f: string) => loadProfile(bytes(f));
const ours = (pair: Pair) => loadComparison(bytes(pair.base), bytes(pair.target), { mode: 'diff_base', normalize: false }, { base: pair.base, target: pair.target }).profile;

/** Both ways of building a pair's comparison; pprof's is made once, before the tests. */
const builders: { readonly name: string; readonly build: (pair: Pair) => Profile }[] = [{ name: 'loadComparison', build: ours }];
const fromPprof = new Map<Pair, Profile>();
builders.push({ name: 'pprof -proto -diff_base', build: (pair) => fromPprof.get(pair)! });

before(async () => {
  for (const pair of PAIRS) fromPprof.set(pair, loadProfile(await pprofDiffProto(pair.base, pair.target)));
});

/** Our top rows keyed by pprof's printed name, summed over rows of the same name, and in order. */
function ourRows(p: Profile, sampleIndex: number, granularity: Granularity, filters?: Filters) {
  const top = computeTop(p, { sampleIndex, granularity, filters });
  const order = top.rows.map((_, i) => top.aggregate.nodes.printable[top.nodeIds[i]]);
  const byName = new Map<string, { flat: number; cum: number; baseFlat: number; baseCum: number }>();
  top.rows.forEach((r, i) => {
    assert.ok(r.baseFlat !== undefined && r.baseCum !== undefined, `row ${order[i]} has the base side`);
    const e = byName.get(order[i]) ?? { flat: 0, cum: 0, baseFlat: 0, baseCum: 0 };
    byName.set(order[i], { flat: e.flat + r.flat, cum: e.cum + r.cum, baseFlat: e.baseFlat + r.baseFlat, baseCum: e.baseCum + r.baseCum });
  });
  return { top, order, byName };
}

async function assertBothSides(p: Profile, pair: Pair, sampleIndex: number, granularity: Granularity, filters: Filters = {}): Promise<number> {
  const unit = p.sampleTypes[sampleIndex].unit;
  const o = { sampleIndex, granularity, unit, ...filters };
  const [diff, base, target] = await Promise.all([pprofRows(pair.target, pair.base, o), pprofRows(pair.base, undefined, o), pprofRows(pair.target, undefined, o)]);
  const mine = ourRows(p, sampleIndex, granularity, filters);
  assert.deepEqual(mine.order, diff.order, 'the rows of pprof -top -diff_base, in its order');
  const zero = { flat: 0, cum: 0 };
  const names = new Set([...mine.byName.keys(), ...base.byName.keys(), ...target.byName.keys()]);
  for (const name of names) {
    const d = diff.byName.get(name) ?? zero;
    const b = base.byName.get(name) ?? zero;
    const t = target.byName.get(name) ?? zero;
    const m = mine.byName.get(name);
    if (!m) {
      // pprof leaves out a node whose net flat and cum are 0: the target has what the base has.
      assert.deepEqual([t.flat, t.cum], [b.flat, b.cum], `${name}: left out, so unchanged`);
      continue;
    }
    assert.deepEqual([m.flat, m.cum], [d.flat, d.cum], `${name}: net flat, cum as pprof -diff_base`);
    assert.deepEqual([m.baseFlat, m.baseCum], [b.flat, b.cum], `${name}: base side as pprof -top on the base`);
    assert.deepEqual([m.flat + m.baseFlat, m.cum + m.baseCum], [t.flat, t.cum], `${name}: net + base as pprof -top on the target`);
  }
  return diff.order.length;
}

describe('top rows of a comparison: net as pprof -diff_base, the base side as the base alone', () => {
  for (const pair of PAIRS) {
    for (const { name, build } of builders) {
      for (const granularity of ['functions', 'lines'] as const) {
        test(`${pair.base} → ${pair.target} (${name}) at ${granularity}, every sample type`, async () => {
          const p = build(pair);
          assert.ok(p.baseSample, 'the base samples are marked');
          let rows = 0;
          for (let t = 0; t < p.sampleTypes.length; t++) rows += await assertBothSides(p, pair, t, granularity);
          if (pair.base !== pair.target) assert.ok(rows > 0, 'some rows');
          else assert.equal(rows, 0, 'a profile against itself has no net row');
        });
      }
      test(`${pair.base} → ${pair.target} (${name}) with focus=${pair.focus}`, async () => {
        const p = build(pair);
        for (const granularity of ['functions', 'lines'] as const) await assertBothSides(p, pair, p.defaultSampleIndex, granularity, { focus: pair.focus });
      });
    }
  }

  test('the other granularities and filters, on the heap pair', async () => {
    const pair = PAIRS[0];
    const p = ours(pair);
    for (const granularity of ['filefunctions', 'files', 'addresses'] as const) assert.ok((await assertBothSides(p, pair, 1, granularity)) > 0, granularity);
    for (const filters of [{ ignore: 'regexp' }, { hide: 'runtime' }, { show: 'main\\.' }, { focus: 'flate', ignore: 'Close' }]) {
      assert.ok((await assertBothSides(p, pair, 1, 'functions', filters)) > 0, JSON.stringify(filters));
    }
  });

  test('the rows cross threads in columns with both sides', () => {
    const p = ours(PAIRS[0]);
    for (const granularity of ['functions', 'addresses'] as const) {
      const { rows, sampleType, total } = computeTop(p, { sampleIndex: 1, granularity });
      const columns = toTopColumns({ sampleType, total, rows });
      assert.ok(columns.baseFlat && columns.baseCum);
      assert.deepEqual(fromTopColumns(columns), { sampleType, total, rows });
    }
    const single = computeTop(load(PAIRS[0].target), { sampleIndex: 1, granularity: 'functions' });
    const columns = toTopColumns(single);
    assert.equal(columns.baseFlat, undefined, 'a single profile has no base side');
    assert.ok(fromTopColumns(columns).rows.every((r) => !('baseFlat' in r)));
  });
});

/** value == self + folded + the children's values, at every node, on each side. */
function assertAddsUp(t: FlameTree, label: string): void {
  const kids = childrenOf(t);
  const sides: [Float64Array, Float64Array, Float64Array][] = [[t.value, t.self, t.folded]];
  if (t.baseValue && t.baseSelf && t.baseFolded) sides.push([t.baseValue, t.baseSelf, t.baseFolded]);
  for (const [value, self, folded] of sides) {
    for (let i = 0; i < t.parent.length; i++) {
      const sum = self[i] + folded[i] + kids[i].reduce((a, c) => a + value[c], 0);
      assert.equal(sum, value[i], `${label}: node ${i} (${t.names[t.nodeName[i]]}) adds up`);
    }
  }
}

/** Every drawn node's values equal the full call trees of the target alone and of the base alone. */
function assertSidesOfTree(t: FlameTree, target: Profile, base: Profile, sampleIndex: number, filters: Filters | undefined, granularity: FlameGranularity, zoom: string, label: string) {
  const onTarget = naiveTree(target, sampleIndex, filters, granularity);
  const onBase = naiveTree(base, sampleIndex, filters, granularity);
  const paths = treePaths(t);
  for (let i = 1; i < paths.length; i++) {
    const path = zoom === '' ? paths[i] : `${zoom}\u0001${paths[i]}`;
    const tv = onTarget.get(path) ?? { value: 0, self: 0 };
    const bv = onBase.get(path) ?? { value: 0, self: 0 };
    assert.ok(t.value[i] !== 0, `${label}: ${path} is drawn only when the target has it`);
    assert.deepEqual([t.value[i], t.self[i]], [tv.value, tv.self], `${label}: ${path}, target side`);
    assert.deepEqual([t.baseValue![i], t.baseSelf![i]], [bv.value, bv.self], `${label}: ${path}, base side`);
  }
}

describe('the flame tree of a comparison: widths from the target, the base side on the same nodes', () => {
  for (const pair of PAIRS) {
    for (const { name, build } of builders) {
      test(`${pair.base} → ${pair.target} (${name}), every sample type, functions and files`, () => {
        const p = build(pair);
        const target = load(pair.target);
        const base = load(pair.base);
        for (let s = 0; s < p.sampleTypes.length; s++) {
          for (const granularity of ['functions', 'files'] as const) {
            const label = `#${s} ${granularity}`;
            const t = flameTree(p, { sampleIndex: s, granularity });
            assert.ok(t.baseValue && t.baseSelf && t.baseFolded && t.baseTotal !== undefined, 'the base side is there');
            assert.equal(t.value[0], target.totals[s], `${label}: root value is the target's total`);
            assert.equal(t.total, target.totals[s], `${label}: total is the target's`);
            assert.equal(t.baseValue[0], base.totals[s], `${label}: root base value is the base's total`);
            assert.equal(t.baseTotal, base.totals[s], `${label}: base total`);
            assertAddsUp(t, label);
            assertSidesOfTree(t, target, base, s, undefined, granularity, '', label);
          }
        }
      });
    }
  }

  test('a focus, a hide and a zoom work on both sides alike', () => {
    for (const pair of PAIRS.slice(0, 4)) {
      const p = ours(pair);
      const target = load(pair.target);
      const base = load(pair.base);
      const s = p.defaultSampleIndex;
      for (const filters of [{ focus: pair.focus }, { hide: 'runtime' }]) {
        const t = flameTree(p, { sampleIndex: s, filters });
        assertAddsUp(t, JSON.stringify(filters));
        assertSidesOfTree(t, target, base, s, filters, 'functions', '', `${pair.target} ${JSON.stringify(filters)}`);
      }
      // Zoom into the widest child of the root.
      const whole = flameTree(p, { sampleIndex: s });
      const child = childrenOf(whole)[0][0];
      const path = [whole.names[whole.nodeName[child]]];
      const zoomed = flameTree(p, { sampleIndex: s, path });
      assert.deepEqual([zoomed.value[0], zoomed.baseValue![0]], [whole.value[child], whole.baseValue![child]], 'the zoomed root is the node');
      assertAddsUp(zoomed, 'zoomed');
      assertSidesOfTree(zoomed, target, base, s, undefined, 'functions', path[0], `${pair.target} zoomed`);
    }
  });

  test('frames only the base has are not drawn; their weight is folded into a drawn ancestor', () => {
    const pair = PAIRS[2]; // different programs: most of the base's frames are not in the target
    const p = ours(pair);
    const base = load(pair.base);
    const t = flameTree(p, { sampleIndex: 1 });
    const onlyBase = [...naiveTree(base, 1).keys()].filter((k) => !k.includes('\u0001') && !naiveTree(load(pair.target), 1).has(k));
    assert.ok(onlyBase.length > 0, 'the base has root frames the target lacks');
    const drawnRoots = new Set(childrenOf(t)[0].map((c) => t.names[t.nodeName[c]]));
    for (const k of onlyBase) assert.ok(!drawnRoots.has(k), `${k} is not drawn`);
    assert.ok(t.baseFolded![0] > 0, "the root's base side keeps their weight");
    // Zooming into such a frame gives a root of width 0 on the target side, with its base side.
    const zoomed = flameTree(p, { sampleIndex: 1, path: [onlyBase[0]] });
    assert.equal(zoomed.value[0], 0);
    assert.equal(zoomed.baseValue![0], naiveTree(base, 1).get(onlyBase[0])!.value);
    assert.equal(zoomed.parent.length, 1, 'nothing under it is drawn');
  });

  test('a kept tree answers as fresh ones do, with the guess from a subsample taken too', () => {
    const tuning = { ...growthTuning };
    try {
      growthTuning.guessAbove = 50;
      growthTuning.subsample = 40;
      for (const pair of PAIRS.slice(0, 4)) {
        const kept = ours(pair);
        const s = kept.defaultSampleIndex;
        const first = flameTree(ours(pair), { sampleIndex: s, minFraction: 0 });
        assertSidesOfTree(first, load(pair.target), load(pair.base), s, undefined, 'functions', '', `${pair.target} guessed`);
        const path = [first.names[first.nodeName[childrenOf(first)[0][0]]]];
        const queries = [
          { sampleIndex: s },
          { sampleIndex: s, path, minFraction: 0 },
          { sampleIndex: (s + 1) % kept.sampleTypes.length },
          { sampleIndex: s, filters: { hide: 'runtime' } },
          { sampleIndex: s, minFraction: 0 },
        ];
        for (const [i, q] of queries.entries()) assert.deepEqual(flameTree(kept, q), flameTree(ours(pair), q), `${pair.target} query ${i}`);
        // A zoom asked first follows its path through every sample, the base's too.
        assert.deepEqual(flameTree(ours(pair), { sampleIndex: s, path, minFraction: 0 }), flameTree(kept, { sampleIndex: s, path, minFraction: 0 }));
      }
    } finally {
      Object.assign(growthTuning, tuning);
    }
  });

  test('a single profile has no base side', () => {
    const t = flameTree(load(PAIRS[0].target), { sampleIndex: 1 });
    assert.equal(t.baseValue, undefined);
    assert.equal(t.baseTotal, undefined);
  });
});

describe('callers and callees of a comparison', () => {
  test('net values are target - base and the base side is the base alone, for the heaviest functions', () => {
    for (const pair of PAIRS.slice(0, 4)) {
      const p = ours(pair);
      const target = load(pair.target);
      const base = load(pair.base);
      const s = p.defaultSampleIndex;
      const names = computeTop(p, { sampleIndex: s, granularity: 'functions' }).rows.slice(0, 5).map((r) => r.name);
      for (const name of names) {
        for (const filters of [undefined, { focus: pair.focus }]) {
          const q = { sampleIndex: s, name, filters };
          const c = callersCallees(p, q);
          const t = callersCallees(target, q);
          const b = callersCallees(base, q);
          const label = `${pair.target} ${name} ${JSON.stringify(filters)}`;
          assert.deepEqual([c.flat, c.cum, c.baseFlat, c.baseCum], [t.flat - b.flat, t.cum - b.cum, b.flat, b.cum], label);
          for (const side of ['callers', 'callees'] as const) {
            const tv = new Map(t[side].map((e) => [e.name, e.value]));
            const bv = new Map(b[side].map((e) => [e.name, e.value]));
            const all = new Set([...tv.keys(), ...bv.keys()]);
            assert.equal(c[side].length, all.size, `${label}: every ${side} entry of either side`);
            for (const e of c[side]) {
              assert.deepEqual([e.value, e.base], [(tv.get(e.name) ?? 0) - (bv.get(e.name) ?? 0), bv.get(e.name) ?? 0], `${label}: ${side} ${e.name}`);
            }
          }
        }
      }
    }
  });

  test('a limit sums the base side of what it leaves out', () => {
    const p = ours(PAIRS[0]);
    // The function with the most callees among those the base has.
    const names = computeTop(p, { sampleIndex: 1, granularity: 'functions' }).rows.filter((r) => r.baseCum! > 0).map((r) => r.name);
    const name = names.reduce((a, n) => (callersCallees(p, { sampleIndex: 1, name: n }).callees.length > callersCallees(p, { sampleIndex: 1, name: a }).callees.length ? n : a));
    const all = callersCallees(p, { sampleIndex: 1, name });
    assert.ok(all.callees.length > 2, 'enough callees to cut');
    const cut = callersCallees(p, { sampleIndex: 1, name, limit: 1 });
    const rest = all.callees.slice(1);
    assert.deepEqual(cut.calleesOmitted, { count: rest.length, value: rest.reduce((a, e) => a + e.value, 0), base: rest.reduce((a, e) => a + e.base!, 0) });
    assert.ok(rest.some((e) => e.base !== 0), 'some base side is summed');
  });
});

/** Per (file, line) and per (file, function): the numbers of sample type t, net and base. */
function keyedIndex(index: LineIndex, t: number, side: 'net' | 'base') {
  const nt = index.sampleTypes.length;
  const out = new Map<string, [number, number]>();
  for (const f of index.files) {
    const [lf, lc, ff, fc] = side === 'net' ? [f.lineFlat, f.lineCum, f.funcFlat, f.funcCum] : [f.lineBaseFlat!, f.lineBaseCum!, f.funcBaseFlat!, f.funcBaseCum!];
    f.lines.forEach((line, i) => {
      if (lf[i * nt + t] !== 0 || lc[i * nt + t] !== 0) out.set(`${f.file}:${line}`, [lf[i * nt + t], lc[i * nt + t]]);
    });
    f.functions.forEach((fn, i) => {
      if (ff[i * nt + t] !== 0 || fc[i * nt + t] !== 0) out.set(`${f.file} ${fn.name}`, [ff[i * nt + t], fc[i * nt + t]]);
    });
  }
  return out;
}

describe('the line index of a comparison', () => {
  for (const pair of PAIRS) {
    for (const { name, build } of builders) {
      test(`${pair.base} → ${pair.target} (${name}): the base side is the base's own index, net + base the target's`, () => {
        const p = build(pair);
        const index = lineIndex(p);
        const baseIndex = lineIndex(load(pair.base));
        const targetIndex = lineIndex(load(pair.target));
        assert.ok(index.files.every((f) => f.lineBaseFlat && f.lineBaseCum && f.funcBaseFlat && f.funcBaseCum), 'every file has the base side');
        for (let t = 0; t < p.sampleTypes.length; t++) {
          const net = keyedIndex(index, t, 'net');
          const base = keyedIndex(index, t, 'base');
          assert.deepEqual(base, keyedIndex(baseIndex, t, 'net'), `#${t}: base side`);
          const sum = new Map<string, [number, number]>();
          for (const k of new Set([...net.keys(), ...base.keys()])) {
            const [a, b] = net.get(k) ?? [0, 0];
            const [c, d] = base.get(k) ?? [0, 0];
            if (a + c !== 0 || b + d !== 0) sum.set(k, [a + c, b + d]);
          }
          assert.deepEqual(sum, keyedIndex(targetIndex, t, 'net'), `#${t}: net + base`);
        }
        // Across threads, in columns, both sides arrive.
        const table = new LineIndexTable(toLineIndexColumns(index));
        index.files.forEach((f, i) => assert.deepEqual({ ...table.file(i) }, { ...f, lines: f.lines }, f.file));
      });
    }
  }

  test('both ways of reading the index run on a comparison: from the top table and by their own pass', () => {
    const onePass = PAIRS.filter((pair) => everyTypeInOnePass(ours(pair)));
    const ownPass = PAIRS.filter((pair) => !everyTypeInOnePass(ours(pair)));
    assert.ok(onePass.length > 0 && ownPass.length > 0, `${onePass.length} and ${ownPass.length}`);
  });

  test('a single profile has no base side in its index or its columns', () => {
    const index = lineIndex(load(PAIRS[0].target));
    assert.ok(index.files.every((f) => f.lineBaseFlat === undefined));
    const c = toLineIndexColumns(index);
    assert.equal(c.lineBaseFlat, undefined);
    assert.equal(new LineIndexTable(c).file(0).funcBaseCum, undefined);
  });
});
