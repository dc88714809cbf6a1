// The line index behind the source annotations: per file and line, and per function, flat and cum for
// every sample type, equal to what `go tool pprof -lines -top`, `-top` and `-list` print.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { cleanPath } from '../../src/model/base/cleanPath';
import { aggregate } from '../../src/model/analysis/flatCum';
import { everyTypeInOnePass } from '../../src/model/analysis/sampleWalk';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { Analysis } from '../../src/worker/analysis';
import type { LineIndex } from '../../src/model/profile/queries';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { FIXTURE_DIR, parseTopText, pprofTop } from './support/pprofOracle';
import { pprofLinesTop, pprofList } from './support/pprofPeek';

const load = (f: string) => loadProfile(readFileSync(join(FIXTURE_DIR, f)));

/** Our numbers keyed as pprof prints them: "clean/file:line" and function name. */
function keyed(index: LineIndex, t: number) {
  const nt = index.sampleTypes.length;
  const lines = new Map<string, { flat: number; cum: number }>();
  const funcs = new Map<string, { flat: number; cum: number; startLine: number; files: number }>();
  for (const f of index.files) {
    f.lines.forEach((line, i) => lines.set(`${cleanPath(f.file)}:${line}`, { flat: f.lineFlat[i * nt + t], cum: f.lineCum[i * nt + t] }));
    f.functions.forEach((fn, i) => {
      // pprof keys a function by name alone; the index keeps one entry per file.
      const e = funcs.get(fn.name) ?? { flat: 0, cum: 0, startLine: fn.startLine, files: 0 };
      funcs.set(fn.name, { ...e, flat: e.flat + f.funcFlat[i * nt + t], cum: e.cum + f.funcCum[i * nt + t], files: e.files + 1 });
    });
  }
  return { lines, funcs };
}

const GO_FIXTURES = [
  'go-generated/cpu.pb.gz',
  'go-generated/heap.pb.gz',
  'go-generated/block.pb.gz',
  'go-generated/mutex.pb.gz',
  'go-generated/goroutine.pb.gz',
  'parca/query_testdata_fib.pb.gz',
  'parca/query_testdata_alloc_space_delta.pb.gz',
  'parca/query_testdata_profile-with-labels.pb.gz',
];

describe('line index equals go tool pprof', { concurrency: 2 }, () => {
  for (const fixture of GO_FIXTURES) {
    test(`${fixture}: every line and function, every sample type`, async () => {
      const p = load(fixture);
      const index = lineIndex(p);
      assert.deepEqual(index.sampleTypes, p.sampleTypes);
      for (let t = 0; t < p.sampleTypes.length; t++) {
        const unit = p.sampleTypes[t].unit;
        const [lineRows, top] = await Promise.all([pprofLinesTop(fixture, t, unit), pprofTop(fixture, { sampleIndex: t, unit })]);
        const ours = keyed(index, t);
        // pprof keys lines by function too; a line shared by two functions has one row each.
        const theirs = new Map<string, { flat: number; cum: number; rows: number }>();
        for (const r of lineRows) {
          const k = `${r.file}:${r.line}`;
          const e = theirs.get(k) ?? { flat: 0, cum: 0, rows: 0 };
          theirs.set(k, { flat: e.flat + r.flat, cum: e.cum + r.cum, rows: e.rows + 1 });
        }
        assert.ok(theirs.size > 0, `${fixture} #${t}: pprof printed lines`);
        for (const [k, e] of theirs) {
          const mine = ours.lines.get(k);
          assert.ok(mine, `${fixture} #${t}: ${k} is in the index`);
          assert.equal(mine.flat, e.flat, `${fixture} #${t}: flat of ${k}`);
          if (e.rows === 1) assert.equal(mine.cum, e.cum, `${fixture} #${t}: cum of ${k}`);
        }
        for (const [k, e] of ours.lines) {
          // pprof prints a line-0 frame as "name file", which cannot be told apart from a name with a space.
          if (k.endsWith(':0')) continue;
          if (e.flat !== 0 || e.cum !== 0) assert.ok(theirs.has(k), `${fixture} #${t}: pprof also shows ${k}`);
        }
        for (const row of parseTopText(top).rows) {
          const name = row.name.replace(/ \((partial-)?inline\)$/, '');
          const mine = ours.funcs.get(name);
          if (!mine) continue; // a function without a file has no place in a source file
          assert.equal(mine.flat, row.flat, `${fixture} #${t}: flat of ${name}`);
          if (mine.files === 1) assert.equal(mine.cum, row.cum, `${fixture} #${t}: cum of ${name}`);
        }
      }
    });
  }

  test('recursive lines are counted once per sample, as -list counts them', async () => {
    const fixture = 'go-generated/cpu.pb.gz';
    const ours = keyed(lineIndex(load(fixture)), 1);
    const listed = await pprofList(fixture, 1, 'nanoseconds', '^main\\.walk[ABC]$', join(FIXTURE_DIR, '..', 'workspace'), '/tmp/perf-anchors/goapp');
    assert.ok(listed.length >= 6, 'pprof listed the recursive functions');
    for (const row of listed) {
      const mine = ours.lines.get(`/tmp/perf-anchors/goapp/main.go:${row.line}`) ?? { flat: 0, cum: 0 };
      assert.equal(mine.flat, row.flat, `flat of main.go:${row.line}`);
      assert.equal(mine.cum, row.cum, `cum of main.go:${row.line}`);
    }
    const walkB = ours.funcs.get('main.walkB')!;
    assert.ok(walkB.cum <= 9530000000, 'a function’s cum never passes the total, though -list’s per-function sum does');
  });
});

describe('line index before and after the top table', () => {
  // Asked first, the index makes its own pass over its own keys; asked after the top table, it reads the
  // top table's unfiltered sums and corrects the lines that several functions share. Same numbers.
  const fixtures = [...GO_FIXTURES, 'google-pprof/proftest-large.cpu.pb.gz', 'google-pprof/report-sample.cpu.pb.gz', 'google-pprof/go.nomappings.crash.pb.gz'];
  for (const fixture of fixtures) {
    test(`${fixture}: the index's own pass gives the numbers read off the top table`, () => {
      const own = lineIndex(load(fixture));
      const p = load(fixture);
      aggregate(p, p.defaultSampleIndex, 'functions');
      assert.deepEqual(lineIndex(p), own);
    });
  }
});

describe('line index from another thread’s top table', () => {
  // The editor's scan thread takes the table thread's unfiltered sums of the same profile (worker/siblingSums.ts)
  // and reads the index off them, with frame tables it builds itself. Same numbers as its own pass. The top
  // table makes every sample type's sums only when one pass gives them all (everyTypeInOnePass); otherwise
  // there is nothing to hand over.
  const fixtures = [...GO_FIXTURES, 'google-pprof/proftest-large.cpu.pb.gz', 'parca/query_testdata_profile-with-labels.pb.gz', 'parca/query_testdata_fgprof.pb.gz'];
  const ownHead = (bytes: Uint8Array, name: string) => {
    const a = new Analysis();
    a.open('h', bytes.slice(), name);
    return a.lineIndexHead('h');
  };
  let handedOver = 0;
  for (const fixture of fixtures) {
    test(`${fixture}: sums made on one profile object, the index read on another`, () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, fixture)));
      const table = new Analysis();
      table.open('h', bytes.slice(), fixture);
      table.topColumns('h', { sampleIndex: 0, granularity: 'functions' });
      const sums = table.unfilteredSums('h');
      assert.equal(sums !== undefined, everyTypeInOnePass(load(fixture)), 'sums for every sample type exactly when one pass gives them');
      if (!sums) return;
      handedOver++;
      const scan = new Analysis();
      scan.open('h', bytes.slice(), fixture);
      scan.adoptUnfilteredSums('h', sums);
      assert.deepEqual(scan.lineIndexHead('h'), ownHead(bytes, fixture));
    });
  }
  test('most of these profiles have the sums to hand over', () => assert.ok(handedOver >= 5, `${handedOver}`));
});

describe('line index shape', () => {
  test('files sorted, lines ascending, functions by start line; totals per sample type', () => {
    const p = load('go-generated/cpu.pb.gz');
    const index = lineIndex(p);
    const files = index.files.map((f) => f.file);
    assert.deepEqual(files, [...files].sort());
    for (const f of index.files) {
      for (let i = 1; i < f.lines.length; i++) assert.ok(f.lines[i - 1] < f.lines[i], `${f.file} lines ascend`);
      for (let i = 1; i < f.functions.length; i++) assert.ok(f.functions[i - 1].startLine <= f.functions[i].startLine);
      assert.equal(f.lineFlat.length, f.lines.length * 2);
      assert.equal(f.funcCum.length, f.functions.length * 2);
    }
    assert.deepEqual(index.totals, [953, 9530000000]);
  });

  test('frames without a file are left out; an unsymbolized leaf gives no line flat', () => {
    const bytes = buildProfile({
      sampleTypes: [['samples', 'count']],
      functions: [{ name: 'main.run', file: 'main.go', startLine: 3 }, { name: 'nofile' }],
      mappings: [{ file: '/bin/app' }],
      locations: [{ lines: [[1, 5]] }, { lines: [[2, 9]] }, { mapping: 1, lines: [] }],
      samples: [
        { locs: [3, 1], values: [4] },
        { locs: [2, 1], values: [6] },
        { locs: [1, 1], values: [1] },
      ],
    });
    const index = lineIndex(loadProfile(bytes));
    assert.equal(index.files.length, 1);
    const [f] = index.files;
    assert.equal(f.file, 'main.go');
    assert.deepEqual(Array.from(f.lines), [5]);
    assert.deepEqual(Array.from(f.lineFlat), [1], 'only the sample whose leaf is main.go:5');
    assert.deepEqual(Array.from(f.lineCum), [11], 'the recursive sample counts once');
    assert.deepEqual(f.functions, [{ name: 'main.run', startLine: 3 }]);
  });
});

describe('line index of a profile without sample types', () => {
  test('is empty', () => {
    const bytes = buildProfile({ sampleTypes: [], functions: [{ name: 'main.run', file: 'main.go' }], locations: [{ lines: [[1, 5]] }], samples: [{ locs: [1], values: [] }] });
    assert.deepEqual(lineIndex(loadProfile(bytes)), { sampleTypes: [], totals: [], files: [] });
  });
});

describe('a line that two functions share (a closure written on one line)', () => {
  // main.run calls its closure main.run.func1 on line 5 of a.go; both frames name a.go:5.
  const spec = (sampleTypes: ProfileSpec['sampleTypes'], values: number[][]): ProfileSpec => ({
    sampleTypes,
    functions: [{ name: 'main.run', file: 'a.go', startLine: 3 }, { name: 'main.run.func1', file: 'a.go', startLine: 5 }, { name: 'main.other', file: 'b.go', startLine: 9 }],
    locations: [{ lines: [[2, 5]] }, { lines: [[1, 5]] }, { lines: [[1, 7]] }, { lines: [[3, 9]] }],
    samples: [
      { locs: [1, 2], values: values[0] }, // the closure, called from run's line 5
      { locs: [2], values: values[1] }, // run itself on line 5
      { locs: [4, 3], values: values[2] }, // other, called from run's line 7
    ],
  });
  const cases: [string, ProfileSpec][] = [
    // One sample type a multiple of the other: the index can be read off the top table's pass (when that came first).
    ['sample types in proportion', spec([['samples', 'count'], ['cpu', 'nanoseconds']], [[1, 10], [2, 20], [4, 40]])],
    // Unrelated sample types: the index has its own pass.
    ['unrelated sample types', spec([['alloc_objects', 'count'], ['alloc_space', 'bytes']], [[1, 100], [2, 30], [4, 7]])],
  ];
  for (const [name, s] of cases) {
    test(`${name}: the line counts a sample once, each function its own`, () => {
      const index = lineIndex(loadProfile(buildProfile(s)));
      const a = index.files.find((f) => f.file === 'a.go')!;
      const v = s.samples.map((x) => x.values);
      for (let t = 0; t < 2; t++) {
        const at = (line: number) => a.lines.indexOf(line) * 2 + t;
        assert.deepEqual([a.lineFlat[at(5)], a.lineCum[at(5)]], [v[0][t] + v[1][t], v[0][t] + v[1][t]], `a.go:5, type ${t}`);
        assert.deepEqual([a.lineFlat[at(7)], a.lineCum[at(7)]], [0, v[2][t]], `a.go:7, type ${t}`);
        const fn = (name: string) => a.functions.findIndex((f) => f.name === name) * 2 + t;
        assert.deepEqual([a.funcFlat[fn('main.run')], a.funcCum[fn('main.run')]], [v[1][t], v[0][t] + v[1][t] + v[2][t]], `main.run, type ${t}`);
        assert.deepEqual([a.funcFlat[fn('main.run.func1')], a.funcCum[fn('main.run.func1')]], [v[0][t], v[0][t]], `main.run.func1, type ${t}`);
      }
    });
    test(`${name}: the same numbers when the top table came first`, () => {
      const p = loadProfile(buildProfile(s));
      aggregate(p, p.defaultSampleIndex, 'lines');
      assert.deepEqual(lineIndex(p), lineIndex(loadProfile(buildProfile(s))));
    });
  }
});
