// The pruned flame tree: exact at full detail (equal to a naive call tree of every stack), balanced at every
// node when pruned (value == self + folded + children), and a function's cum in it equals go tool pprof's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { flameTree, growthTuning } from '../../src/model/analysis/flame/flameTree';
import { frameTable, stackFrames } from '../../src/model/analysis/frameTable';
import type { Profile } from '../../src/model/profile/profile';
import type { Filters, FlameTree } from '../../src/model/profile/queries';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { childrenOf, naiveTree, treePaths } from './support/naiveTree';
import { FIXTURE_DIR, fixtureProfiles, parseTopText, pprofTop } from './support/pprofOracle';

const load = (f: string) => loadProfile(readFileSync(join(FIXTURE_DIR, f)));
const FULL = { minFraction: 0, maxNodes: 1e9 };

function sumValues(p: Profile, t: number): number {
  let s = 0;
  for (let i = 0; i < p.sampleCount; i++) s += p.sampleValues[i * p.sampleTypes.length + t];
  return s;
}

/** value == self + folded + sum of children, at every node; children widest first; preorder. */
function assertBalanced(t: FlameTree, what: string): void {
  const kids = childrenOf(t);
  for (let i = 0; i < t.parent.length; i++) {
    assert.ok(t.parent[i] < i, `${what}: node ${i} comes after its parent`);
    const sum = kids[i].reduce((a, c) => a + t.value[c], 0);
    assert.equal(sum + t.self[i] + t.folded[i], t.value[i], `${what}: node ${i} (${t.names[t.nodeName[i]]}) balances`);
    for (let k = 1; k < kids[i].length; k++) {
      assert.ok(Math.abs(t.value[kids[i][k - 1]]) >= Math.abs(t.value[kids[i][k]]), `${what}: children of ${i} widest first`);
    }
  }
}

function assertEqualsNaive(t: FlameTree, naive: Map<string, { value: number; self: number }>, prefix: string, what: string): void {
  const paths = treePaths(t);
  let expected = 0;
  for (const key of naive.keys()) if (prefix === '' || key.startsWith(prefix + '\u0001')) expected++;
  assert.equal(t.parent.length - 1, expected, `${what}: node count`);
  for (let i = 1; i < paths.length; i++) {
    const key = prefix === '' ? paths[i] : `${prefix}\u0001${paths[i]}`;
    const n = naive.get(key);
    assert.ok(n, `${what}: ${key} is a real stack prefix`);
    assert.equal(t.value[i], n.value, `${what}: value of ${key}`);
    assert.equal(t.self[i], n.self, `${what}: self of ${key}`);
    assert.equal(t.folded[i], 0, `${what}: nothing folded at full detail`);
  }
}

describe('flame tree at full detail equals the naive call tree', () => {
  for (const fixture of fixtureProfiles()) {
    test(fixture, () => {
      const p = load(fixture);
      p.sampleTypes.forEach((_, sampleIndex) => {
        const t = flameTree(p, { sampleIndex, ...FULL });
        assertEqualsNaive(t, naiveTree(p, sampleIndex), '', `${fixture} #${sampleIndex}`);
        assert.equal(t.value[0], sumValues(p, sampleIndex), 'root value is the sum of all samples');
      });
    });
  }
  const filterCases: [string, Filters][] = [
    ['focus', { focus: 'sort\\.' }],
    ['ignore', { ignore: 'runtime\\.' }],
    ['hide', { hide: 'runtime\\.' }],
    ['show', { show: 'main\\.' }],
    ['hide an inlined frame', { hide: 'isNaN' }],
    ['tagfocus', { tagfocus: 'handler=json' }],
  ];
  for (const [name, filters] of filterCases) {
    test(`with ${name} on go-generated/cpu`, () => {
      const p = load('go-generated/cpu.pb.gz');
      const t = flameTree(p, { sampleIndex: 1, filters, ...FULL });
      const naive = naiveTree(p, 1, filters);
      assert.ok(naive.size > 0, 'the filter keeps something');
      assertEqualsNaive(t, naive, '', name);
    });
  }
});

describe('flame tree of files', () => {
  for (const fixture of fixtureProfiles()) {
    test(`${fixture} at full detail equals the naive call tree of files`, () => {
      const p = load(fixture);
      p.sampleTypes.forEach((_, sampleIndex) => {
        const t = flameTree(p, { sampleIndex, granularity: 'files', ...FULL });
        assertEqualsNaive(t, naiveTree(p, sampleIndex, undefined, 'files'), '', `${fixture} #${sampleIndex}`);
        assert.equal(t.value[0], sumValues(p, sampleIndex), 'root value is the sum of all samples');
      });
    });
  }

  test('frames are files, and a zoom path of files finds its subtree', () => {
    const p = load('go-generated/cpu.pb.gz');
    const t = flameTree(p, { sampleIndex: 1, granularity: 'files', ...FULL });
    const names = new Set(t.names.slice(1));
    assert.ok([...names].every((n) => /\.(go|s)$/.test(n) || n.startsWith('[')), [...names].join(' '));
    const kids = childrenOf(t);
    const child = kids[0][0];
    const zoomed = flameTree(p, { sampleIndex: 1, granularity: 'files', path: [t.names[t.nodeName[child]]], ...FULL });
    assert.equal(zoomed.value[0], t.value[child]);
  });

  test('a file that start lines split into several nodes is one frame, so a zoom path through it is found', () => {
    // Every function here has a start line, so pprof's -files keeps a node per function: three for proc.go.
    const p = load('parca/query_testdata_single-stack.pb.gz');
    const path = ['runtime/asm_amd64.s', 'runtime/proc.go', 'runtime/proc.go', 'runtime/proc.go', 'runtime/lock_futex.go'];
    const t = flameTree(p, { sampleIndex: 0, granularity: 'files', path, ...FULL });
    assert.equal(t.value[0], sumValues(p, 0));
    assert.deepEqual(treePaths(t).slice(1), ['runtime/lock_futex.go', 'runtime/lock_futex.go\u0001runtime/sys_linux_amd64.s']);
  });
});

describe('pruned flame tree', () => {
  const shapes = [
    { name: 'default pruning', shape: {} },
    { name: 'a wide threshold', shape: { minFraction: 0.05 } },
    { name: 'a tight node cap', shape: { minFraction: 0, maxNodes: 7 } },
    { name: 'a cap of one node', shape: { maxNodes: 1 } },
  ];
  for (const fixture of fixtureProfiles()) {
    test(`${fixture}: every node balances and the root holds the total`, () => {
      const p = load(fixture);
      p.sampleTypes.forEach((_, sampleIndex) => {
        for (const { name, shape } of shapes) {
          const t = flameTree(p, { sampleIndex, ...shape });
          const what = `${fixture} #${sampleIndex} ${name}`;
          assertBalanced(t, what);
          assert.equal(t.value[0], sumValues(p, sampleIndex), `${what}: root value`);
          if (shape.maxNodes) assert.ok(t.parent.length <= shape.maxNodes, `${what}: at most maxNodes`);
        }
      });
    });
  }

  test('children narrower than minFraction of the root are folded into their parent', () => {
    const p = load('go-generated/cpu.pb.gz');
    const t = flameTree(p, { sampleIndex: 1, minFraction: 0.05 });
    for (let i = 1; i < t.parent.length; i++) assert.ok(t.value[i] >= 0.05 * t.value[0], `node ${i} is wide enough`);
    const folded = t.folded.reduce((a, b) => a + b, 0);
    assert.ok(folded > 0, 'something was folded');
    assert.ok(t.parent.length < flameTree(p, { sampleIndex: 1, ...FULL }).parent.length);
  });

  test('the node cap keeps the widest nodes', () => {
    const p = load('go-generated/cpu.pb.gz');
    const full = flameTree(p, { sampleIndex: 1, ...FULL });
    const capped = flameTree(p, { sampleIndex: 1, minFraction: 0, maxNodes: 40 });
    assert.equal(capped.parent.length, 40);
    const widest = Array.from(full.value).sort((a, b) => b - a);
    const kept = Array.from(capped.value).sort((a, b) => b - a);
    // Ties at the cut may pick either node, so compare values, not names.
    assert.deepEqual(kept, widest.slice(0, 40));
  });

  test('total is pprof’s total, and negative values (a delta profile) still balance', () => {
    const fixture = 'parca/query_testdata_alloc_space_delta.pb.gz';
    const p = load(fixture);
    const t = flameTree(p, { sampleIndex: 3 });
    let abs = 0;
    for (let s = 0; s < p.sampleCount; s++) abs += Math.abs(p.sampleValues[s * p.sampleTypes.length + 3]);
    assert.equal(t.total, abs);
    assert.ok(Array.from(t.value).some((v) => v < 0), 'some node is negative');
    assertBalanced(t, fixture);
  });
});

describe('the stack trie kept between queries', () => {
  test('a sequence of queries on one profile answers as fresh profiles do', () => {
    const fixture = 'go-generated/cpu.pb.gz';
    const kept = load(fixture);
    const queries = [
      { sampleIndex: 1 },
      { sampleIndex: 1, path: ['main.walkB', 'main.walkC'], minFraction: 0 },
      { sampleIndex: 0, filters: { focus: 'sort' } },
      { sampleIndex: 1, filters: { hide: 'runtime\\.' }, ...FULL },
      { sampleIndex: 0, ...FULL },
      { sampleIndex: 1, filters: { tagfocus: 'handler=json' }, path: ['main.walkA'] },
      { sampleIndex: 1 },
    ];
    for (const [i, q] of queries.entries()) {
      assert.deepEqual(flameTree(kept, q), flameTree(load(fixture), q), `query ${i}`);
    }
  });
});

describe('zoom', () => {
  test('a path recomputes that node’s subtree at full detail', () => {
    const p = load('go-generated/cpu.pb.gz');
    const pruned = flameTree(p, { sampleIndex: 1, minFraction: 0.1 });
    const paths = treePaths(pruned);
    const naive = naiveTree(p, 1);
    let zoomed = 0;
    for (let i = 1; i < paths.length; i++) {
      const path = paths[i].split('\u0001');
      const sub = flameTree(p, { sampleIndex: 1, path, ...FULL });
      assert.equal(sub.names[sub.nodeName[0]], path[path.length - 1]);
      assert.equal(sub.value[0], pruned.value[i], `root of the zoom into ${paths[i]}`);
      assertEqualsNaive(sub, naive, paths[i], `zoom into ${paths[i]}`);
      zoomed++;
    }
    assert.ok(zoomed >= 3, 'the pruned tree had nodes to zoom into');
  });

  test('a default zoom is pruned relative to the zoomed node, not to the whole profile', () => {
    const p = load('go-generated/cpu.pb.gz');
    const whole = flameTree(p, { sampleIndex: 1, minFraction: 0.2 });
    const child = 1;
    const path = [whole.names[whole.nodeName[child]]];
    const sub = flameTree(p, { sampleIndex: 1, path, minFraction: 0.2 });
    const under = childrenOf(whole)[child].length;
    assert.ok(sub.parent.length - 1 > under, 'the zoom shows more than the whole-profile tree showed below that node');
  });

  test('a path that is not in the profile gives an empty root', () => {
    const p = load('go-generated/cpu.pb.gz');
    const t = flameTree(p, { sampleIndex: 1, path: ['runtime.main', 'no.such.function'] });
    assert.equal(t.parent.length, 1);
    assert.equal(t.value[0], 0);
    assert.equal(t.names[t.nodeName[0]], 'no.such.function');
  });
});

describe('recursion', () => {
  const cases = [
    { fixture: 'parca/query_testdata_fib.pb.gz', fn: 'math/big.karatsuba' },
    { fixture: 'go-generated/cpu.pb.gz', fn: 'main.walkA' },
    { fixture: 'go-generated/cpu.pb.gz', fn: 'main.fib' },
    { fixture: 'go-generated/cpu.pb.gz', fn: 'sort.pdqsort' },
  ];
  for (const { fixture, fn } of cases) {
    test(`${fn} in ${fixture} is counted once per sample`, () => {
      const p = load(fixture);
      const sampleIndex = p.defaultSampleIndex;
      const t = flameTree(p, { sampleIndex, ...FULL });
      let everyNode = 0;
      for (let i = 1; i < t.parent.length; i++) if (t.names[t.nodeName[i]] === fn) everyNode += t.value[i];
      const once = weightOfStacksThrough(p, sampleIndex, fn);
      assert.ok(everyNode > once, `${fn} recurses in ${fixture}, so summing every node would count it twice`);
      assert.equal(cumFromTree(t).get(fn), once);
    });
  }
});

/** The sum of the values of the samples whose stack shows fn at least once. */
function weightOfStacksThrough(p: Profile, sampleIndex: number, fn: string): number {
  const table = frameTable(p, 'functions');
  const buf = new Int32Array(table.maxDepth + 1);
  let sum = 0;
  for (let s = 0; s < p.sampleCount; s++) {
    const n = stackFrames(p, table, s, buf);
    for (let i = 0; i < n; i++) {
      if (table.nodes.names[buf[i]] === fn) {
        sum += p.sampleValues[s * p.sampleTypes.length + sampleIndex];
        break;
      }
    }
  }
  return sum;
}

/** cum of each function in the tree: the values of its outermost nodes (no ancestor of the same name). */
function cumFromTree(t: FlameTree): Map<string, number> {
  const out = new Map<string, number>();
  const outer = (i: number, name: number) => {
    for (let a = t.parent[i]; a > 0; a = t.parent[a]) if (t.nodeName[a] === name) return false;
    return true;
  };
  for (let i = 1; i < t.parent.length; i++) {
    if (!outer(i, t.nodeName[i])) continue;
    const name = t.names[t.nodeName[i]];
    out.set(name, (out.get(name) ?? 0) + t.value[i]);
  }
  return out;
}

describe('a function’s cum in the tree equals go tool pprof -top', { concurrency: 2 }, () => {
  const fixtures = [
    'parca/query_testdata_fib.pb.gz',
    'go-generated/cpu.pb.gz',
    'go-generated/heap.pb.gz',
    'google-pprof/cppbench.cpu_no_samples_type.pb.gz',
    'parca/normalizer_node-profile.pb.gz',
    'parca/query_testdata_fgprof.pb.gz',
  ];
  for (const fixture of fixtures) {
    test(fixture, async () => {
      const p = load(fixture);
      const sampleIndex = p.defaultSampleIndex;
      const top = parseTopText(await pprofTop(fixture, { sampleIndex, unit: p.sampleTypes[sampleIndex].unit }));
      const cum = cumFromTree(flameTree(p, { sampleIndex, ...FULL }));
      assert.ok(top.rows.length >= 3, 'pprof shows rows');
      for (const row of top.rows) {
        const name = row.name.replace(/ \((partial-)?inline\)$/, '');
        assert.equal(cum.get(name) ?? 0, row.cum, `cum of ${name}`);
      }
    });
  }
});

describe('deep stacks', () => {
  // Stacks of 40 frames sharing prefixes of many lengths, so rows are refilled and chains cut at every
  // offset; some locations hold inlined frames, and one function recurses.
  const fns = Array.from({ length: 30 }, (_, i) => ({ name: `pkg.f${i}`, file: `f${i % 4}.go` }));
  const locations = fns.map((_, i) => ({ lines: i % 5 === 0 ? [[i + 1, 10], [((i + 7) % 30) + 1, 20]] as [number, number][] : [[i + 1, 10]] as [number, number][] }));
  const stack = (shared: number, tail: number, len: number) => {
    const root = Array.from({ length: shared }, (_, d) => (d % 29) + 1);
    const rest = Array.from({ length: len - shared }, (_, d) => ((tail + d * 7) % 30) + 1);
    return [...root, ...rest].reverse();
  };
  const spec: ProfileSpec = {
    sampleTypes: [['samples', 'count']],
    functions: fns,
    locations,
    samples: [0, 5, 11, 12, 13, 14, 25, 26, 27, 39, 40].flatMap((shared, k) => [
      { locs: stack(shared, k, 40), values: [k + 1] },
      { locs: stack(shared, k + 3, 40), values: [2] },
      { locs: stack(shared, k, Math.max(shared, 20)), values: [5] },
    ]),
  };
  test('equal the naive call tree', () => {
    const p = loadProfile(buildProfile(spec));
    const t = flameTree(p, { sampleIndex: 0, ...FULL });
    assertEqualsNaive(t, naiveTree(p, 0), '', 'deep stacks');
  });
  test('zoom deep into them', () => {
    const p = loadProfile(buildProfile(spec));
    const naive = naiveTree(p, 0);
    const deepest = [...naive.keys()].filter((k) => k.split('\u0001').length === 30);
    assert.ok(deepest.length > 0);
    for (const key of deepest.slice(0, 5)) {
      const sub = flameTree(p, { sampleIndex: 0, path: key.split('\u0001'), ...FULL });
      assert.equal(sub.value[0], naive.get(key)!.value);
      assertEqualsNaive(sub, naive, key, `zoom into depth 30`);
    }
  });
});

// Big profiles grow the trie from a guess made on a subsample; small ones never need to. With the
// thresholds lowered, every fixture takes that path, and must still come out exact.
describe('grown from a subsample’s guess', () => {
  const guessing = <T>(f: () => T): T => {
    const saved = { ...growthTuning };
    Object.assign(growthTuning, { guessAbove: 0, subsample: 40 });
    try {
      return f();
    } finally {
      Object.assign(growthTuning, saved);
    }
  };
  test('a sequence of queries on one profile answers as fresh profiles do', () => {
    const fixture = 'go-generated/cpu.pb.gz';
    const kept = load(fixture);
    const queries = [
      { sampleIndex: 1 },
      { sampleIndex: 1, path: ['main.walkB', 'main.walkC'], minFraction: 0.001 },
      { sampleIndex: 0, filters: { focus: 'sort' } },
      { sampleIndex: 0, minFraction: 0.02, maxNodes: 30 },
      { sampleIndex: 1, filters: { tagfocus: 'handler=json' }, path: ['main.walkA'] },
      { sampleIndex: 0, ...FULL },
      { sampleIndex: 1 },
    ];
    for (const [i, q] of queries.entries()) {
      assert.deepEqual(guessing(() => flameTree(kept, q)), flameTree(load(fixture), q), `query ${i}`);
    }
  });
  for (const fixture of fixtureProfiles()) {
    test(`${fixture}: the same trees, at full detail and pruned`, () => {
      for (const sampleIndex of load(fixture).sampleTypes.keys()) {
        for (const shape of [FULL, {}, { minFraction: 0.01, maxNodes: 50 }]) {
          const expected = flameTree(load(fixture), { sampleIndex, ...shape });
          const guessed = guessing(() => flameTree(load(fixture), { sampleIndex, ...shape }));
          assert.deepEqual(treePaths(guessed), treePaths(expected), `${fixture} #${sampleIndex}: nodes`);
          assert.deepEqual([...guessed.value], [...expected.value], `${fixture} #${sampleIndex}: values`);
          assert.deepEqual([...guessed.self], [...expected.self], `${fixture} #${sampleIndex}: self`);
          assert.deepEqual([...guessed.folded], [...expected.folded], `${fixture} #${sampleIndex}: folded`);
        }
      }
    });
  }
});
