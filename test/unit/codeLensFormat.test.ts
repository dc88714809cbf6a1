import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileHeat, heatLevel } from '../../src/annotations/fileHeat';
import { isStale, lensTitle, STALE_NOTE } from '../../src/annotations/lensText';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { pprofList } from '../support/pprofList';
import { pprofTop } from '../support/pprofTop';

const FIXTURES = join(__dirname, '..', 'fixtures');
const CPU = join(FIXTURES, 'go-generated', 'cpu.pb.gz');
const BUILD_DIR = '/tmp/perf-anchors/goapp'; // where the fixture's service was built
// The demo workspace holds the very source the go-generated profiles were captured from.
const SOURCE = join(__dirname, '..', 'workspace');

const cpu = { type: 'cpu', unit: 'nanoseconds' };

describe('lens titles', () => {
  const cases: [string, number, number, { type: string; unit: string }, number, boolean, string][] = [
    ['cpu in seconds', 1.2e9, 3.4e9, cpu, 29e9, false, 'pprof cpu: flat 1.20s (4.14%) · cum 3.40s (11.72%)'],
    ['small shares with two significant digits', 10e6, 20e6, cpu, 9.53e9, false, 'pprof cpu: flat 10ms (0.1%) · cum 20ms (0.21%)'],
    ['bytes', 1536, 3 * 2 ** 20, { type: 'inuse_space', unit: 'bytes' }, 6 * 2 ** 20, false, 'pprof inuse_space: flat 1.50kB (0.024%) · cum 3MB (50.00%)'],
    ['counts print bare', 0, 7, { type: 'goroutine', unit: 'count' }, 7, false, 'pprof goroutine: flat 0 (0%) · cum 7 (100%)'],
    ['a file changed since the profile', 1.2e9, 3.4e9, cpu, 29e9, true, `pprof cpu: flat 1.20s (4.14%) · cum 3.40s (11.72%) ${STALE_NOTE}`],
  ];
  for (const [name, flat, cum, type, total, stale, want] of cases) {
    test(name, () => assert.equal(lensTitle(flat, cum, type, total, stale), want));
  }
});

describe('staleness', () => {
  const taken = Date.UTC(2024, 0, 1) * 1e6; // profile time in nanoseconds
  const cases: [string, number, number, boolean][] = [
    ['a file saved before the profile', Date.UTC(2023, 11, 31), taken, false],
    ['a file saved after the profile', Date.UTC(2024, 0, 2), taken, true],
    ['a profile without a time', Date.UTC(2024, 0, 2), 0, false],
  ];
  for (const [name, mtime, time, want] of cases) test(name, () => assert.equal(isStale(mtime, time), want));
});

describe('heat levels follow the flat share', () => {
  const cases: [string, number, number, number | undefined][] = [
    ['no value', 0, 0, undefined],
    ['only passed through (cum)', 0, 50, 0],
    ['a sliver of flat', 1, 1, 1],
    ['1% flat', 10, 10, 2],
    ['3% flat', 30, 30, 3],
    ['10% flat', 100, 100, 4],
    ['40% flat', 400, 400, 5],
    ['negative (delta profile) counts by magnitude', -400, -400, 5],
  ];
  for (const [name, flat, cum, want] of cases) test(name, () => assert.equal(heatLevel(flat, cum, 1000), want));
});

describe('lenses of the demo service match go tool pprof', () => {
  const index = lineIndex(loadProfile(readFileSync(CPU)));
  const t = index.sampleTypes.findIndex((s) => s.type === 'cpu');
  const file = index.files.find((f) => f.file === `${BUILD_DIR}/main.go`);
  // Functions: -top's flat and cum (-list's routine header adds up its lines, so recursion counts twice).
  const top = pprofTop(CPU, { sampleIndex: 'cpu', unit: 'nanoseconds' });
  const list = pprofList(CPU, { functions: '^main\\.', unit: 'ns', sampleIndex: 'cpu', sourcePath: SOURCE, trimPath: BUILD_DIR });
  const source = readFileSync(join(SOURCE, 'main.go'), 'utf8').split('\n');
  const lineText = (n: number) => source[n - 1];

  test('the line index has the file and pprof’s total', () => {
    assert.ok(file, 'main.go in the line index');
    assert.equal(index.totals[t], list.total);
    assert.equal(index.totals[t], top.total);
  });

  for (const threshold of [0.01, 0.001]) {
    test(`at a ${threshold * 100}% threshold: the functions and lines pprof reports hot, with its numbers`, () => {
      const lenses = new FileHeat(index, [file!], lineText).lenses(t, threshold);
      const hot = (v: number) => v !== 0 && Math.abs(v) >= threshold * top.total;
      const hotFunctions = top.rows.filter((r) => r.name.startsWith('main.') && hot(r.cum));
      assert.ok(hotFunctions.length > 3, 'pprof reports several hot functions');
      const functions = lenses.filter((l) => l.kind === 'function');
      assert.deepEqual(
        functions.map((l) => [l.name, l.flat, l.cum]).sort(),
        hotFunctions.map((r) => [r.name, r.flat, r.cum]).sort(),
      );

      const want = list.routines.flatMap((r) => [...r.lines].filter(([, v]) => hot(v.flat)).map(([line, v]) => [line, v.flat, v.cum]));
      assert.ok(want.length > 0, 'pprof reports hot lines');
      const got = lenses.filter((l) => l.kind === 'line').map((l) => [l.line, l.flat, l.cum]);
      assert.deepEqual(got.sort(), want.sort());
    });
  }

  test('a function lens sits on its declaration, found in the source when the profile has no start line', () => {
    const heat = new FileHeat(index, [file!], lineText);
    assert.ok(file!.functions.every((f) => f.startLine === 0), 'Go 1.19 profiles record no start lines');
    for (const fn of heat.functions) {
      const text = source[fn.line - 1];
      const local = fn.name.replace(/^main\./, '');
      if (/\.func\d+(\.\d+)*$/.test(local)) assert.match(text, /func\(/, fn.name);
      else assert.match(text, new RegExp(`^func (\\([^)]*\\) )?${local.replace(/^\(\*?\w+\)\./, '')}\\(`), fn.name);
    }
  });

  test('a file’s lenses are computed once per sample type and threshold', () => {
    const heat = new FileHeat(index, [file!], lineText);
    assert.equal(heat.lenses(t, 0.01), heat.lenses(t, 0.01));
    assert.notEqual(heat.lenses(t, 0.01), heat.lenses(t, 0.02));
  });

  test('two profile spellings of one local file are summed', () => {
    const one = new FileHeat(index, [file!], lineText);
    const two = new FileHeat(index, [file!, file!], lineText);
    const fib = (h: FileHeat) => h.functions.find((f) => f.name === 'main.fib')!;
    assert.equal(fib(two).cum[t], 2 * fib(one).cum[t]);
    assert.equal(fib(two).line, fib(one).line);
    assert.deepEqual(two.lenses(t, 0.01).map((l) => [l.line, l.flat / 2, l.cum / 2]), one.lenses(t, 0.005).map((l) => [l.line, l.flat, l.cum]));
  });

  test('a line belongs to the function whose frame names it, closures included', () => {
    const heat = new FileHeat(index, [file!], lineText);
    const lineOf = (text: string) => source.findIndex((l) => l.includes(text)) + 1;
    const cases: [string, string][] = [
      ['store.incr("k"', 'main.handleContend.func1'],
      ['h(w, r.WithContext(ctx))', 'main.labeled.func1.1'],
      ['sort.Float64s(xs)', 'main.leafSort'],
      ['func leafSort(n int) uint64 {', 'main.leafSort'],
    ];
    for (const [text, name] of cases) assert.equal(heat.functionAt(lineOf(text))?.name, name, text);
  });
});
