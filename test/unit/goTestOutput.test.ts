// go test's output read as the run needs it. The texts are go 1.19's own, copied from real runs; the runner's
// test (goTestRun.test.ts) feeds the judge live output of the same cases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commandLine, goTestArgs } from '../../src/gotest/goTestArgs';
import { judgeGoTest, parseBenchmarkLines, testDurationMs } from '../../src/gotest/goTestOutput';
import { testRunKey, testRunRecord } from '../../src/gotest/testRecord';

const BENCH = `goos: linux
goarch: amd64
pkg: example.com/goapp/gotest
cpu: AMD EPYC
BenchmarkChecksum-2   	   25972	     47390 ns/op	    8440 B/op	      11 allocs/op
BenchmarkChecksum-2   	   26000	     47410 ns/op	    8440 B/op	      13 allocs/op
BenchmarkChecksum/size=10-2   	   100	     12.5 ns/op	  12.00 MB/s
PASS
ok  	example.com/goapp/gotest	1.832s
`;

describe('go test arguments', () => {
  test('a test: -run its name alone, -v, the profile and the binary, the extra flags, the package', () => {
    const args = goTestArgs({ name: 'TestA', kind: 'test', profile: 'cpu', profileFile: '/s/p.pb.gz', binaryFile: '/s/p.test', extraFlags: ['-count=1'] });
    assert.deepEqual(args, ['test', '-run', '^TestA$', '-v', '-cpuprofile', '/s/p.pb.gz', '-o', '/s/p.test', '-count=1', '.']);
  });
  test('a benchmark: no test, the benchmark alone with -benchmem; each kind has its flag', () => {
    const flags = (['cpu', 'mem', 'block', 'mutex'] as const).map((profile) =>
      goTestArgs({ name: 'BenchmarkB', kind: 'benchmark', profile, profileFile: 'f', binaryFile: 'b' }),
    );
    assert.deepEqual(flags[0], ['test', '-run', '^$', '-bench', '^BenchmarkB$', '-benchmem', '-cpuprofile', 'f', '-o', 'b', '.']);
    assert.deepEqual(flags.map((a) => a[6]), ['-cpuprofile', '-memprofile', '-blockprofile', '-mutexprofile']);
  });
  test('the command line shown quotes what a shell would expand', () => {
    assert.equal(commandLine('go', ['test', '-run', '^$', '-bench', '^B$', '.']), "go test -run '^$' -bench '^B$' .");
  });
});

describe('benchmark result lines', () => {
  test('every pair of value and unit, the GOMAXPROCS suffix apart, sub-benchmarks by their path', () => {
    const lines = parseBenchmarkLines(BENCH);
    assert.equal(lines.length, 3);
    assert.deepEqual(lines[0], {
      name: 'BenchmarkChecksum',
      procs: 2,
      iterations: 25972,
      values: { 'ns/op': 47390, 'B/op': 8440, 'allocs/op': 11 },
      text: 'BenchmarkChecksum-2   \t   25972\t     47390 ns/op\t    8440 B/op\t      11 allocs/op',
    });
    assert.equal(lines[2].name, 'BenchmarkChecksum/size=10');
    assert.deepEqual(lines[2].values, { 'ns/op': 12.5, 'MB/s': 12 });
  });
  test('lines that only look like results are not', () => {
    assert.deepEqual(parseBenchmarkLines('BenchmarkX\n--- FAIL: BenchmarkX\nBenchmarkX-2 panicked\n'), []);
  });
});

describe('the verdict on a run', () => {
  const cases: { name: string; output: string; code: number | null; test: string; kind: 'test' | 'benchmark'; want: RegExp | true }[] = [
    { name: 'a passing benchmark', output: BENCH, code: 0, test: 'BenchmarkChecksum', kind: 'benchmark', want: true },
    { name: 'a passing test', output: '=== RUN   TestA\n--- PASS: TestA (0.38s)\nPASS\nok  \tx\t0.5s\n', code: 0, test: 'TestA', kind: 'test', want: true },
    {
      name: 'a compile error: the package and the first error line',
      output: '# example.com/bad [example.com/bad.test]\n./bad.go:3:23: undefined: undefinedThing\n./bad.go:4:1: other\nFAIL\texample.com/bad [build failed]\n',
      code: 2, test: 'TestF', kind: 'test',
      want: /^example\.com\/bad does not compile: \.\/bad\.go:3:23: undefined: undefinedThing$/,
    },
    {
      name: 'a failing test under -v: its first message',
      output: '=== RUN   TestF\n    f_test.go:5: want 1, got 2\n    f_test.go:5: second\n--- FAIL: TestF (0.00s)\nFAIL\nFAIL\texample.com/fail\t0.2s\nFAIL\n',
      code: 1, test: 'TestF', kind: 'test',
      want: /^TestF failed: f_test\.go:5: want 1, got 2$/,
    },
    {
      name: 'a failing benchmark: b.Fatal printed after its FAIL line',
      output: '--- FAIL: BenchmarkF\n    f_test.go:9: broken\nFAIL\nexit status 1\n',
      code: 1, test: 'BenchmarkF', kind: 'benchmark',
      want: /^BenchmarkF failed: f_test\.go:9: broken$/,
    },
    {
      name: 'a panic: its message and the first frame outside the runtime',
      output: 'goos: linux\nBenchmarkP-2   \tpanic: assignment to entry in nil map\n\ngoroutine 9 [running]:\nexample.com/fail.BenchmarkP(0xc00009c240?)\n\t/tmp/gt/fail/f_test.go:6 +0x2e\ntesting.(*B).runN(0xc00009c240, 0x1)\n\t/usr/lib/go-1.19/src/testing/benchmark.go:193 +0x102\nexit status 2\nFAIL\texample.com/fail\t0.008s\n',
      code: 1, test: 'BenchmarkP', kind: 'benchmark',
      want: /^BenchmarkP panicked: assignment to entry in nil map \(f_test\.go:6\)$/,
    },
    {
      name: 'a test\'s panic, on a line of its own',
      output: '=== RUN   TestP\n--- FAIL: TestP (0.00s)\npanic: boom [recovered]\n\tpanic: boom\n\ngoroutine 6 [running]:\ntesting.tRunner.func1.2({0x4f0a20, 0x5b2b48})\n\t/usr/lib/go-1.19/src/testing/testing.go:1396 +0x24e\nexample.com/fail.TestP(0x0?)\n\t/tmp/fail/f_test.go:8 +0x27\n',
      code: 1, test: 'TestP', kind: 'test',
      want: /^TestP panicked: boom \[recovered\] \(f_test\.go:8\)$/,
    },
    {
      name: 'no test matches: go test says so and exits 0',
      output: 'testing: warning: no tests to run\nPASS\nok  \texample.com/goapp/gotest\t0.205s [no tests to run]\n',
      code: 0, test: 'TestNope', kind: 'test',
      want: /no test matches TestNope .*no tests to run/,
    },
    {
      name: 'no benchmark matches: no result line, exit 0',
      output: 'PASS\nok  \texample.com/goapp/gotest\t0.205s\n',
      code: 0, test: 'BenchmarkNope', kind: 'benchmark',
      want: /^no benchmark matches BenchmarkNope/,
    },
    {
      name: 'go itself refuses: its go: line',
      output: "go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n",
      code: 1, test: 'TestA', kind: 'test',
      want: /^go: go\.mod file not found/,
    },
    { name: 'killed by a signal with nothing said', output: '', code: null, test: 'TestA', kind: 'test', want: /exited with a signal: no output/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const v = judgeGoTest(c.output, c.code, c.test, c.kind);
      if (c.want === true) assert.deepEqual(v, { ok: true });
      else {
        assert.equal(v.ok, false);
        assert.match((v as { reason: string }).reason, c.want);
        assert.ok(!(v as { reason: string }).reason.includes('\n'), 'one line');
      }
    });
  }
  test('a test\'s duration from its PASS line', () => {
    assert.equal(testDurationMs('=== RUN   TestA\n--- PASS: TestA (0.38s)\n', 'TestA'), 380);
    assert.equal(testDurationMs('--- PASS: TestAB (0.38s)\n', 'TestA'), undefined);
  });
});

describe('the run record', () => {
  const base = { packageDir: '/w/pkg', time: 1, profile: 'B-cpu-x.pb.gz', binary: 'B-cpu-x.test', extraFlags: [] as string[] };
  test('a benchmark: ns/op, B/op and allocs/op averaged over -count, lower is better; its lines as notes', () => {
    const r = testRunRecord({ ...base, name: 'BenchmarkChecksum', kind: 'benchmark', profileKind: 'cpu', benchmarks: parseBenchmarkLines(BENCH), extraFlags: ['-count=2'] });
    assert.equal(r.kind, 'benchmark');
    assert.equal(r.key, '/w/pkg#BenchmarkChecksum#cpu');
    assert.equal(r.key, testRunKey('/w/pkg', 'BenchmarkChecksum', 'cpu'));
    assert.equal(r.title, 'BenchmarkChecksum · cpu');
    assert.deepEqual(r.metrics, [
      { key: 'ns_per_op', label: 'ns/op', value: 47400, unit: 'ns', better: 'lower' },
      { key: 'bytes_per_op', label: 'B/op', value: 8440, unit: 'bytes', better: 'lower' },
      { key: 'allocs_per_op', label: 'allocs/op', value: 12, unit: 'count', better: 'lower' },
    ]);
    assert.equal(r.notes?.length, 4);
    assert.equal(r.notes?.[3], 'flags: -count=2');
    assert.deepEqual((r.details as { binary: string }).binary, 'B-cpu-x.test');
  });
  test('a test: its duration; another profile kind is another key', () => {
    const r = testRunRecord({ ...base, name: 'TestA', kind: 'test', profileKind: 'mem', benchmarks: [], testMs: 380 });
    assert.equal(r.kind, 'test');
    assert.equal(r.key, '/w/pkg#TestA#mem');
    assert.deepEqual(r.metrics, [{ key: 'duration', label: 'duration', value: 380, unit: 'ms', better: 'lower' }]);
    assert.equal(r.notes, undefined);
  });
});
