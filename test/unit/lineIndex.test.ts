// The line index behind the source annotations: per file and line, and per function, flat and cum for
// every sample type, equal to what `go tool pprof -lines -top`, `-top` and `-list` print.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { cleanPath } from '../../src/model/base/cleanPath';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import type { LineIndex } from '../../src/model/profile/queries';
import { buildProfile } from './support/buildProfile';
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
