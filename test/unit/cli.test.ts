// The CLI as a user runs it: a bundled cli.js in a child process, on real fixtures and on broken files.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { bundledCli } from './support/bundledCli';

const root = join(__dirname, '..', '..');
const fixture = (f: string) => join(root, 'test', 'fixtures', f);
const { dir, run } = bundledCli('pprof-lens-cli-');

describe('cli.js top', () => {
  test('prints the -top table with pprof’s header', () => {
    const r = run('top', fixture('go-generated/cpu.pb.gz'));
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'File: goapp');
    assert.ok(lines.includes('      flat  flat%   sum%        cum   cum%'));
    assert.match(r.out, /Showing nodes accounting for 9\.53s, 100% of 9\.53s total/);
    assert.match(r.out, /^\s+3\.29s 34\.52% 34\.52%\s+3\.80s 39\.87%  sort\.Float64Slice\.Less$/m);
  });

  test('--json gives the sample type, the total and raw rows', () => {
    const r = run('top', fixture('go-generated/cpu.pb.gz'), '--json', '--sample_index=samples');
    assert.equal(r.code, 0, r.err);
    const top = JSON.parse(r.out);
    assert.deepEqual(top.sampleType, { type: 'samples', unit: 'count' });
    assert.equal(top.total, 953);
    assert.deepEqual(top.rows[0], { name: 'sort.Float64Slice.Less', file: '/usr/lib/go-1.19/src/sort/sort.go', flat: 329, cum: 380 });
    assert.ok(top.rows.every((row: Record<string, unknown>) => !('line' in row)));
  });

  test('--granularity=lines adds the line; an unsymbolized frame has no file', () => {
    const lines = JSON.parse(run('top', fixture('go-generated/heap.pb.gz'), '--json', '--granularity', 'lines').out);
    assert.ok(lines.rows.every((row: { line?: number }) => typeof row.line === 'number'));
    const stripped = JSON.parse(run('top', fixture('parca/symbolizer_testdata_stripped-cpu.stripped.pprof'), '--json').out);
    assert.deepEqual(stripped.rows, [{ name: '[pprof-example-app-go-stripped]', flat: 9580000000, cum: 9580000000 }]);
  });

  test('--granularity=files names each row by its file', () => {
    const top = JSON.parse(run('top', fixture('go-generated/cpu.pb.gz'), '--json', '--granularity=files').out);
    assert.deepEqual(top.rows[0], { name: '/usr/lib/go-1.19/src/sort/sort.go', file: '/usr/lib/go-1.19/src/sort/sort.go', flat: 3980000000, cum: 6440000000 });
    assert.equal(new Set(top.rows.map((row: { name: string }) => row.name)).size, top.rows.length, 'one row per file here (no start lines)');
    assert.ok(top.rows.every((row: Record<string, unknown>) => row.name === row.file && !('line' in row)));
  });

  test('--granularity=filefunctions prints the function and its file, as pprof -top does', () => {
    const r = run('top', fixture('go-generated/cpu.pb.gz'), '--granularity=filefunctions');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\s+3\.29s 34\.52% 34\.52%\s+3\.80s 39\.87%  sort\.Float64Slice\.Less \/usr\/lib\/go-1\.19\/src\/sort\/sort\.go$/m);
  });

  test('--granularity=addresses gives each row its address and line; unsymbolized rows are the address alone', () => {
    const top = JSON.parse(run('top', fixture('go-generated/cpu.pb.gz'), '--json', '--granularity=addresses').out);
    assert.deepEqual(top.rows[0], { name: 'sort.Float64Slice.Less', file: '/usr/lib/go-1.19/src/sort/sort.go', line: 133, address: '0x4a2b08', flat: 860000000, cum: 860000000 });
    const text = run('top', fixture('parca/symbolizer_testdata_stripped-cpu.stripped.pprof'), '--granularity=addresses').out;
    assert.match(text, /^\s+1\.54s 16\.08% 16\.08%\s+1\.54s 16\.08%  00000000004e356c \[pprof-example-app-go-stripped\]$/m);
  });

  test('filters apply, and the total stays the whole profile’s', () => {
    const top = JSON.parse(run('top', fixture('go-generated/cpu.pb.gz'), '--json', '--tagfocus=handler=json', '--hide=runtime').out);
    assert.equal(top.total, 9530000000);
    assert.ok(top.rows.length > 0 && top.rows.every((row: { name: string }) => !row.name.startsWith('runtime.')));
  });

  test('--sample_index accepts a number, a name, and a name without "inuse_"', () => {
    for (const [spec, type] of [['0', 'alloc_objects'], ['alloc_space', 'alloc_space'], ['inuse_alloc_space', 'alloc_space']]) {
      const top = JSON.parse(run('top', fixture('go-generated/heap.pb.gz'), '--json', `--sample_index=${spec}`).out);
      assert.equal(top.sampleType.type, type, spec);
    }
  });
});

describe('cli.js top over several profiles, and against bases', () => {
  const heap = fixture('go-generated/heap.pb.gz');
  const heapGc = fixture('go-generated/heap-gc.pb.gz');
  const json = (...args: string[]) => {
    const r = run('top', ...args, '--json');
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as { total: number; rows: { name: string; flat: number; cum: number }[] };
  };

  test('several files are merged: the total is the sum of theirs', () => {
    assert.equal(json(heap, heapGc).total, json(heap).total + json(heapGc).total);
  });

  test('--diff_base: signed rows, and the total is the base’s', () => {
    const fib = fixture('parca/query_testdata_fib.pb.gz');
    const top = json(fixture('go-generated/cpu.pb.gz'), `--diff_base=${fib}`);
    assert.equal(top.total, json(fib).total);
    assert.ok(top.rows.some((r) => r.flat < 0) && top.rows.some((r) => r.flat > 0), 'rows of both signs');
  });

  test('--base: the total is the net magnitude; a profile against itself has no rows and a total of 0', () => {
    const top = json(heapGc, '--base', heap, '--normalize');
    assert.ok(top.total > 0 && top.total !== json(heap).total);
    const self = json(heap, `--base=${heap}`);
    assert.deepEqual(self, { ...self, total: 0, rows: [] });
  });

  test('the text header says the net against the base’s total', () => {
    const r = run('top', heapGc, `--diff_base=${heap}`, '--sample_index=alloc_space');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Showing nodes accounting for -?[\d.]+[kMG]?B, -?[\d.]+% of [\d.]+[kMG]?B total$/m);
  });

  const errors: [string, string[], RegExp][] = [
    ['profiles of other types', [heap, `--diff_base=${fixture('go-generated/cpu.pb.gz')}`], /^cannot compare .*cpu\.pb\.gz \(a CPU profile: samples\/count, cpu\/nanoseconds\) with .*heap\.pb\.gz \(a heap profile: /],
    ['a malformed base', [heap, `--base=${fixture('README.md')}`], /README\.md: this is a text file/],
    ['a missing base', [heap, `--base=${join(dir, 'gone.pb.gz')}`], /gone\.pb\.gz: no such file/],
    ['a malformed second file', [heap, fixture('README.md')], /README\.md: this is a text file/],
  ];
  for (const [name, args, want] of errors) {
    test(`${name}: one line naming the file, exit 1`, () => {
      const r = run('top', ...args);
      assert.equal(r.code, 1);
      assert.match(r.err, want);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    });
  }
});

describe('cli.js top refuses bad input with one line on stderr and exit 1', () => {
  const gz = gzipSync(readFileSync(fixture('go-generated/cpu.pb.gz')));
  const files: [string, Uint8Array | string, RegExp][] = [
    ['empty.pb.gz', '', /empty\.pb\.gz: the file is empty/],
    ['notes.txt', 'hello\nworld\n', /notes\.txt: this is a text file/],
    ['page.pb.gz', '<!doctype html><html><body>login</body></html>', /page\.pb\.gz: this is an HTML page/],
    ['cut.pb.gz', gz.subarray(0, gz.length / 2), /cut\.pb\.gz: truncated gzip stream/],
  ];
  for (const [name, content, want] of files) {
    test(name, () => {
      const path = join(dir, name);
      writeFileSync(path, content);
      const r = run('top', path);
      assert.equal(r.code, 1);
      assert.equal(r.out, '');
      assert.match(r.err, want);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    });
  }
  const options: [string, string[], RegExp][] = [
    ['a missing file', ['top', join(dir, 'nope.pb.gz')], /nope\.pb\.gz: no such file/],
    ['a bad regex', ['top', fixture('go-generated/cpu.pb.gz'), '--focus=('], /^focus: invalid regular expression "\(": /],
    ['an unknown sample type', ['top', fixture('go-generated/cpu.pb.gz'), '--sample_index=heap'], /sample_index "heap" must be one of: samples, cpu/],
    ['a sample index out of range', ['top', fixture('go-generated/cpu.pb.gz'), '--sample_index=7'], /sample_index 7 is outside the range \[0\.\.1\]/],
    [
      'an unknown granularity',
      ['top', fixture('go-generated/cpu.pb.gz'), '--granularity=file'],
      /^granularity "file" must be one of: functions, filefunctions, files, lines, addresses$/m,
    ],
  ];
  for (const [name, args, want] of options) {
    test(name, () => {
      const r = run(...args);
      assert.equal(r.code, 1);
      assert.match(r.err, want);
      assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    });
  }
});

describe('cli.js usage errors exit 2 with the usage line', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['unknown command', ['list', 'x'], /unknown command "list"/],
    ['no file', ['top'], /missing profile file/],
    ['unknown option', ['top', 'x', '--nodecount=3'], /unknown option --nodecount/],
    ['a granularity without a value', ['top', 'x', '--granularity'], /--granularity needs a value/],
    ['both --base and --diff_base', ['top', 'x', '--base=y', '--diff_base=z'], /--base and --diff_base cannot both be set/],
    ['--normalize without a base', ['top', 'x', '--normalize'], /--normalize needs --base or --diff_base/],
  ];
  for (const [name, args, want] of cases) {
    test(name, () => {
      const r = run(...args);
      assert.equal(r.code, 2);
      assert.match(r.err, want);
      assert.match(r.err, /usage: cli\.js top <file>/);
    });
  }
});
