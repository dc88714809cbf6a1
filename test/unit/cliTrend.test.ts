// `cli.js trend` as a user runs it: the bundled CLI in a child process, on a series of heap snapshots
// written to a temp dir, on files of another kind and on broken files.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bundledCli } from './support/bundledCli';
import { MB, snapshotBytes, T0 } from './support/heapSeries';

const root = join(__dirname, '..', '..');
const { dir, run } = bundledCli('pprof-lens-cli-trend-');

/** Five snapshots a minute apart: a steady leak, a cache cleared every other minute, a step. */
const snapshots = [0, 1, 2, 3, 4].map((i) => {
  const file = join(dir, `heap-${i}.pb.gz`);
  writeFileSync(file, snapshotBytes(i, { 'leak.grow': (i + 1) * MB, 'cache.fill': (i % 2) * 8 * MB, 'step.once': i >= 3 ? 4 * MB : 0 }));
  return file;
});

describe('cli.js trend', () => {
  test('--json: the sample type, the times in order, and rows ranked by score', () => {
    const r = run('trend', ...[...snapshots].reverse(), '--json');
    assert.equal(r.code, 0, r.err);
    const t = JSON.parse(r.out);
    assert.deepEqual(Object.keys(t), ['sampleType', 'times', 'totals', 'rows']);
    assert.deepEqual(t.sampleType, { type: 'inuse_space', unit: 'bytes' });
    const t0 = Number(T0 / 1_000_000n);
    assert.deepEqual(t.times, [0, 1, 2, 3, 4].map((m) => t0 + m * 60_000));
    assert.deepEqual(t.rows[0], {
      name: 'leak.grow',
      file: '/src/app/main.go',
      flat: [1, 2, 3, 4, 5].map((x) => x * MB),
      cum: [1, 2, 3, 4, 5].map((x) => x * MB),
      growth: 4 * MB,
      slope: MB,
      ups: 4,
      steps: 4,
      steadiness: 1,
      score: 4 * MB,
    });
    assert.deepEqual(t.rows.slice(0, 3).map((x: { name: string }) => x.name), ['leak.grow', 'step.once', 'cache.fill']);
    for (let i = 1; i < t.rows.length; i++) assert.ok(t.rows[i - 1].score >= t.rows[i].score, 'sorted by score');
  });

  test('--granularity=lines and a filter: rows per line, only what the filter keeps', () => {
    const r = run('trend', ...snapshots, '--json', '--granularity=lines', '--focus=leak', '--sample_index=inuse_objects');
    assert.equal(r.code, 0, r.err);
    const t = JSON.parse(r.out);
    assert.deepEqual(t.sampleType, { type: 'inuse_objects', unit: 'count' });
    assert.deepEqual(t.rows.map((x: { name: string; line: number }) => `${x.name}:${x.line}`).sort(), ['leak.grow:11', 'leak.grow:12', 'main.main:1']);
  });

  test('without --json: a table with first → last, growth, slope, ups/steps and score', () => {
    const r = run('trend', ...snapshots);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[0], 'Type: inuse_space');
    assert.match(lines[1], /^Snapshots: 5 over 4 min \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ → \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/);
    assert.equal(lines[2], 'Total: 1MB → 9MB');
    const head = lines.findIndex((l) => /first → last\s+growth\s+slope\/min\s+ups\/steps\s+score\s+name$/.test(l));
    assert.ok(head > 0, r.out);
    assert.match(lines[head + 1], /^\s*1MB → 5MB\s+\+4MB\s+\+1MB\s+4\/4\s+4MB\s+leak\.grow$/);
  });
});

describe('cli.js trend refuses bad input with one line on stderr and exit 1', () => {
  const write = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cases: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['trend', snapshots[0], join(dir, 'gone.pb.gz')], /gone\.pb\.gz: no such file/],
    ['a text file', () => ['trend', snapshots[0], write('notes.txt', 'hello\n')], /notes\.txt: this is a text file/],
    ['a snapshot of another kind', () => ['trend', snapshots[0], join(root, 'test/fixtures/go-generated/cpu.pb.gz')], /cpu\.pb\.gz: has no inuse_space\/bytes samples \(its sample types: samples\/count, cpu\/nanoseconds\)/],
    ['an unknown sample type', () => ['trend', ...snapshots, '--sample_index=cpu'], /heap-0\.pb\.gz: sample_index "cpu" must be one of: inuse_objects, inuse_space/],
    ['an unknown granularity', () => ['trend', ...snapshots, '--granularity=file'], /^granularity "file" must be one of: functions, filefunctions, files, lines, addresses$/m],
    ['a bad regex', () => ['trend', ...snapshots, '--hide=('], /^hide: invalid regular expression "\(": /],
  ];
  for (const [name, args, want] of cases) {
    test(name, () => {
      const r = run(...args());
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, want);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    });
  }
});

describe('cli.js trend usage errors exit 2 with the usage line', () => {
  const cases: [string, string[], RegExp][] = [
    ['no file', ['trend'], /missing profile file/],
    ['an option of top only', ['trend', 'x', '--diff_base=y'], /--diff_base is an option of top, not of trend/],
    ['an unknown option', ['trend', 'x', '--nodecount=3'], /unknown option --nodecount/],
  ];
  for (const [name, args, want] of cases) {
    test(name, () => {
      const r = run(...args);
      assert.equal(r.code, 2);
      assert.match(r.err, want);
      assert.match(r.err, /cli\.js trend <file>\.\.\./);
    });
  }
});
