// What `go test`'s output says about one profiled run: the benchmark's result lines, the test's duration,
// or the one line that says why it failed. Pure: the text is stdout and stderr as they came.
import type { TestFunctionKind } from './testFunctions';

export interface BenchmarkLine {
  /** As printed, with its sub-benchmark path and without the GOMAXPROCS suffix: `BenchmarkX/size=10`. */
  readonly name: string;
  readonly procs: number;
  readonly iterations: number;
  /** Every `value unit` pair: `ns/op`, `B/op`, `allocs/op`, `MB/s` and any b.ReportMetric unit. */
  readonly values: Readonly<Record<string, number>>;
  readonly text: string;
}

const BENCH_LINE = /^(Benchmark\S*?)(?:-(\d+))?\s+(\d+)((?:\s+[-\d.eE+]+\s+\S+)+)\s*$/;

/** The result lines of benchmarks in `output`, in order (one per -count). */
export function parseBenchmarkLines(output: string): BenchmarkLine[] {
  const lines: BenchmarkLine[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = BENCH_LINE.exec(raw.trim());
    if (!m) continue;
    const values: Record<string, number> = {};
    const pairs = m[4].trim().split(/\s+/);
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const v = Number(pairs[i]);
      if (Number.isFinite(v)) values[pairs[i + 1]] = v;
    }
    if (!('ns/op' in values)) continue;
    lines.push({ name: m[1], procs: m[2] ? Number(m[2]) : 1, iterations: Number(m[3]), values, text: raw.trim() });
  }
  return lines;
}

/** A test's duration in ms from its `--- PASS: TestX (0.38s)` line (printed under -v), if there is one. */
export function testDurationMs(output: string, name: string): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*--- PASS: ${escaped} \\(([\\d.]+)s\\)`, 'm').exec(output);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

export type GoTestVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether the run produced what was asked, else one line saying why: the first compile error, the first
 * message of a failing test, a panic, "no tests to run", or `go`'s own complaint (no go.mod…).
 */
export function judgeGoTest(output: string, exitCode: number | null, name: string, kind: TestFunctionKind): GoTestVerdict {
  const lines = output.split(/\r?\n/);
  const failed = exitCode !== 0;
  const buildHeader = lines.findIndex((l) => /^# \S+/.test(l));
  if (failed && (buildHeader >= 0 || lines.some((l) => /\[(build|setup) failed\]/.test(l)))) {
    const pkg = buildHeader >= 0 ? lines[buildHeader].slice(2).split(' ')[0] : 'the package';
    const first = lines.slice(buildHeader + 1).find((l) => /^\S.*:\d+(:\d+)?: /.test(l)) ?? firstMeaningful(lines);
    return { ok: false, reason: `${pkg} does not compile: ${first ?? 'see the output'}` };
  }
  // A benchmark's panic follows its name on the result line: `BenchmarkX-2   \tpanic: …`.
  const panicLine = lines.findIndex((l) => /^(Benchmark\S*\s+)?panic: /.test(l));
  if (panicLine >= 0) {
    const message = lines[panicLine].replace(/^(Benchmark\S*\s+)?panic: /, '');
    return { ok: false, reason: `${name} panicked: ${message}${panicSite(lines, panicLine)}` };
  }
  const failLine = lines.findIndex((l) => /^\s*--- FAIL: /.test(l));
  if (failLine >= 0) {
    const failing = /--- FAIL: (\S+)/.exec(lines[failLine])![1];
    return { ok: false, reason: `${failing} failed: ${failureMessage(lines, failLine) ?? lines[failLine].trim()}` };
  }
  const goError = lines.find((l) => /^go: /.test(l));
  if (goError) return { ok: false, reason: goError };
  if (failed) return { ok: false, reason: `go test exited with ${exitCode ?? 'a signal'}: ${firstMeaningful(lines) ?? 'no output'}` };
  if (kind === 'test' && (lines.some((l) => /no tests to run/.test(l)) || !new RegExp(`^=== RUN\\s+${name}$`, 'm').test(output))) {
    return { ok: false, reason: `no test matches ${name} in this package (go test: "no tests to run")` };
  }
  if (kind === 'benchmark' && !parseBenchmarkLines(output).length) {
    return { ok: false, reason: `no benchmark matches ${name} in this package (go test printed no result line)` };
  }
  return { ok: true };
}

/** The message of a failed test: with -v its lines come before `--- FAIL`, without -v after it. */
function failureMessage(lines: readonly string[], failLine: number): string | undefined {
  const indented = (l: string) => /^\s+\S+\.go:\d+: /.test(l);
  const after = lines.slice(failLine + 1).find(indented);
  if (after) return after.trim();
  let start = failLine;
  while (start > 0 && !/^=== (RUN|CONT)/.test(lines[start - 1])) start--;
  return lines.slice(start, failLine).find(indented)?.trim();
}

/** ` (file.go:12)`: the first frame of the panicking goroutine outside the Go runtime and the testing package. */
function panicSite(lines: readonly string[], from: number): string {
  for (let i = from + 1; i < lines.length; i++) {
    const m = /^\t(\S+\.go):(\d+)/.exec(lines[i]);
    if (!m || /\/src\/(runtime|testing)\//.test(m[1])) continue;
    return ` (${m[1].slice(m[1].lastIndexOf('/') + 1)}:${m[2]})`;
  }
  return '';
}

function firstMeaningful(lines: readonly string[]): string | undefined {
  return lines.map((l) => l.trim()).find((l) => l && !/^(FAIL|PASS|ok)\b/.test(l) && !/^exit status \d+$/.test(l) && !l.startsWith('# '));
}
