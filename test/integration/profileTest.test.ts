// pprof: Profile Test or Benchmark in the real VS Code, on the workspace's own Go package (gotest/): the
// lenses above its tests, a CPU profile of the benchmark and a memory profile of the test that go tool pprof
// reads, the run records beside them, the history pruned to its length, a cancel, and the runs that
// cannot give a profile (a compile error, no such test, a panic, go missing, no module).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunRecord, runRecordName, type RunRecord } from '../../src/protocol/runRecord';
import { pprofTop } from '../support/pprofTop';
import { eventually } from './support/eventually';

const PROFILE_TEST = 'pprofLens.profileTest';
const CHECKSUM = 'example.com/goapp/gotest.Checksum';

const workspaceDir = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const captureDir = () => path.join(workspaceDir(), '.pprof');
const testFile = () => vscode.Uri.file(path.join(workspaceDir(), 'gotest', 'work_test.go'));
const config = () => vscode.workspace.getConfiguration('pprofLens');

/** The files of the runs of `name` in the capture directory (profiles, records, binaries), sorted. */
function runFiles(name: string): string[] {
  return existsSync(captureDir()) ? readdirSync(captureDir()).filter((n) => n.startsWith(`${name}-`)).sort() : [];
}

function recordOf(profile: vscode.Uri): RunRecord {
  const record = parseRunRecord(readFileSync(path.join(path.dirname(profile.fsPath), runRecordName(path.basename(profile.fsPath))), 'utf8'));
  assert.ok(record, 'a run record beside the profile');
  return record;
}

/** Processes whose command line names a run's staging folder (go test's binary runs from there). */
function stagedProcesses(): string[] {
  const staging = path.join(captureDir(), '.gotest-');
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    })
    .filter((cmd) => cmd.includes(staging));
}

interface Shown {
  readonly text: string;
  readonly items: readonly string[];
}

/** The error messages the extension shows while `run` runs, with their buttons (the test shares the extension's vscode API). */
async function errorsDuring<T>(run: () => Thenable<T>): Promise<{ result: T; errors: Shown[] }> {
  const errors: Shown[] = [];
  const w = vscode.window as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = w.showErrorMessage;
  w.showErrorMessage = (m: unknown, ...items: unknown[]) => {
    errors.push({ text: String(m), items: items.filter((i): i is string => typeof i === 'string') });
    return Promise.resolve(undefined);
  };
  try {
    return { result: await run(), errors };
  } finally {
    w.showErrorMessage = saved;
  }
}

/** One failed run: resolves to undefined and shows one one-line error, with "Show Output". */
async function failedRun(args: object): Promise<Shown> {
  const { result, errors } = await errorsDuring(() => vscode.commands.executeCommand(PROFILE_TEST, args));
  assert.equal(result, undefined, 'a failed run resolves to undefined');
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.ok(!errors[0].text.includes('\n'), `one line: ${errors[0].text}`);
  assert.ok(errors[0].items.includes('Show Output'), `buttons: ${errors[0].items}`);
  return errors[0];
}

interface Api {
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri } | undefined;
}

suite('profile a Go test or benchmark', () => {
  /** The two benchmark runs the history test keeps, older first. */
  let latest: vscode.Uri[] = [];

  suiteSetup(async function () {
    this.timeout(120_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
  });

  suiteTeardown(async () => {
    for (const key of ['test.history', 'test.flags', 'goPath', 'test.profileKinds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('lenses "profile cpu | mem" above each test and benchmark, none above the commented-out one', async () => {
    const doc = await vscode.workspace.openTextDocument(testFile());
    const lines = doc.getText().split('\n');
    const lineOf = (name: string) => lines.findIndex((l) => l.startsWith(`func ${name}(`));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter((l) => l.command?.command === PROFILE_TEST);
    const seen = lenses.map((l) => `${l.range.start.line}:${l.command!.title}:${(l.command!.arguments![0] as { name: string }).name}:${(l.command!.arguments![0] as { kind: string }).kind}`);
    const want = ['TestChecksum', 'BenchmarkChecksum', 'TestChecksumSmall'].flatMap((n) => [`${lineOf(n)}:profile cpu:${n}:cpu`, `${lineOf(n)}:mem:${n}:mem`]);
    assert.deepEqual(seen.sort(), want.sort());
    assert.ok(lines.some((l) => l.startsWith('func TestCommentedOut(')), 'the fixture has a declaration in a comment');
    assert.ok(lenses.every((l) => (l.command!.arguments![0] as { uri: vscode.Uri }).uri.toString() === doc.uri.toString()));

    await config().update('test.profileKinds', ['cpu', 'block', 'mutex'], vscode.ConfigurationTarget.Global);
    const three = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter((l) => l.command?.command === PROFILE_TEST);
    assert.deepEqual(three.filter((l) => l.range.start.line === lineOf('BenchmarkChecksum')).map((l) => l.command!.title), ['profile cpu', 'block', 'mutex']);
    await config().update('test.profileKinds', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the benchmark with { uri, name, kind: cpu }: a CPU profile in which go tool pprof finds the benchmarked function, its ns/op, B/op and allocs/op beside it', async function () {
    this.timeout(240_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: testFile(), name: 'BenchmarkChecksum', kind: 'cpu', open: false });
    assert.ok(uri instanceof vscode.Uri, 'the command resolved to the profile');
    assert.match(path.basename(uri.fsPath), /^BenchmarkChecksum-cpu-\d{8}-\d{6}(-\d+)?\.pb\.gz$/);
    assert.equal(path.dirname(uri.fsPath), captureDir());
    const top = pprofTop(uri.fsPath, { sampleIndex: 'cpu', unit: 'nanoseconds' });
    const checksum = top.rows.find((r) => r.name === CHECKSUM);
    assert.ok(checksum && checksum.cum > 0, `go tool pprof finds ${CHECKSUM}: ${top.rows.slice(0, 8).map((r) => r.name)}`);
    const record = recordOf(uri);
    assert.equal(record.kind, 'benchmark');
    assert.equal(record.key, `${path.join(workspaceDir(), 'gotest')}#BenchmarkChecksum#cpu`);
    assert.equal(record.profile, path.basename(uri.fsPath));
    assert.deepEqual(record.metrics.map((m) => [m.label, m.unit, m.better]), [['ns/op', 'ns', 'lower'], ['B/op', 'bytes', 'lower'], ['allocs/op', 'count', 'lower']]);
    assert.ok(record.metrics.every((m) => m.value > 0), JSON.stringify(record.metrics));
    const binary = (record.details as { binary: string }).binary;
    assert.ok(existsSync(path.join(captureDir(), binary)), `the test binary ${binary} is kept beside the profile`);
    assert.deepEqual(readdirSync(captureDir()).filter((n) => n.startsWith('.gotest-')), [], 'no staging folder left');
  });

  test('the test with kind mem: a memory profile in which go tool pprof finds the allocating function, the test\'s duration beside it', async function () {
    this.timeout(240_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: vscode.Uri.file(path.join(workspaceDir(), 'gotest')), name: 'TestChecksum', kind: 'mem', open: true });
    assert.ok(uri instanceof vscode.Uri);
    assert.match(path.basename(uri.fsPath), /^TestChecksum-mem-/);
    const top = pprofTop(uri.fsPath, { sampleIndex: 'alloc_space', unit: 'bytes' });
    const checksum = top.rows.find((r) => r.name === CHECKSUM);
    assert.ok(checksum && checksum.cum > 0, `go tool pprof finds ${CHECKSUM} allocating: ${top.rows.slice(0, 8).map((r) => r.name)}`);
    const record = recordOf(uri);
    assert.equal(record.kind, 'test');
    assert.equal(record.title, 'TestChecksum · mem');
    assert.equal(record.metrics[0]?.key, 'duration');
    assert.ok(record.metrics[0].value > 0);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal((tab?.input as { uri?: vscode.Uri })?.uri?.fsPath, uri.fsPath, 'the profile opened in the editor');
  });

  test('history: with pprofLens.test.history 2, two more runs leave the last two; the older profile, record and binary are deleted', async function () {
    this.timeout(300_000);
    await config().update('test.history', 2, vscode.ConfigurationTarget.Global);
    await config().update('test.flags', ['-benchtime=0.3s'], vscode.ConfigurationTarget.Global);
    const before = runFiles('BenchmarkChecksum-cpu');
    assert.equal(before.length, 3, `the first run's files: ${before}`);
    const second = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: testFile(), name: 'BenchmarkChecksum', open: false });
    assert.deepEqual(runFiles('BenchmarkChecksum-cpu').length, 6, 'two runs kept');
    const third = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: testFile(), name: 'BenchmarkChecksum', open: false });
    const after = runFiles('BenchmarkChecksum-cpu');
    assert.equal(after.length, 6, after.join(' '));
    for (const f of before) assert.ok(!after.includes(f), `${f} was pruned`);
    const stems = [second, third].map((u) => path.basename(u.fsPath, '.pb.gz'));
    assert.deepEqual(after, stems.flatMap((s) => [`${s}.pb.gz`, `${s}.run.json`, `${s}.test`]).sort());
    assert.equal(recordOf(third).notes?.at(-1), 'flags: -benchtime=0.3s');
    assert.equal(runFiles('TestChecksum-mem').length, 3, "another test's runs are not touched");
    latest = [second, third];
  });

  test('Compare with Previous Run on the newest benchmark run: the run before it is the base, and both records have ns/op, B/op and allocs/op', async function () {
    this.timeout(120_000);
    const [previous, newest] = latest;
    assert.ok(previous && newest, 'the history test left two runs');
    const api = vscode.extensions.getExtension('pprof-lens.pprof-lens')!.exports as Api;
    // A memory run of the same benchmark in between is not its previous run: another key.
    const mem = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: testFile(), name: 'BenchmarkChecksum', kind: 'mem', open: false });
    assert.ok(recordOf(mem).time > recordOf(newest).time);
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareWithPreviousRun', { uri: newest });
    assert.equal(result?.fsPath, newest.fsPath);
    const active = await eventually('the compare view active', () => (api.activeProfile()?.baseUri ? api.activeProfile() : undefined));
    assert.equal(active.uri.fsPath, newest.fsPath);
    assert.equal(active.baseUri?.fsPath, previous.fsPath);
    const [base, target] = [recordOf(previous), recordOf(newest)];
    for (const key of ['ns_per_op', 'bytes_per_op', 'allocs_per_op']) {
      assert.ok(base.metrics.find((m) => m.key === key) && target.metrics.find((m) => m.key === key), `${key} on both sides`);
    }
    assert.equal(await vscode.commands.executeCommand('pprofLens.compareWithPreviousRun', { uri: previous }), undefined, 'the oldest run kept has no previous run');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('unsaved edits of the package are saved before go test runs them', async function () {
    this.timeout(120_000);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'gotest', 'work.go')));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '\n// BeforeProfile is added in the editor and not saved yet.\nfunc BeforeProfile() int { return 1 }\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(PROFILE_TEST, { uri: testFile(), name: 'TestChecksumSmall', open: false });
    assert.ok(uri instanceof vscode.Uri);
    assert.equal(doc.isDirty, false, 'saved before the run');
    assert.match(readFileSync(doc.uri.fsPath, 'utf8'), /func BeforeProfile\(\)/);
  });

  test('cancel while the benchmark runs: undefined, no error shown, no file left', async function () {
    this.timeout(120_000);
    await config().update('test.flags', ['-benchtime=120s'], vscode.ConfigurationTarget.Global);
    const filesBefore = readdirSync(captureDir()).sort();
    const w = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
    const saved = w.withProgress;
    const cts = new vscode.CancellationTokenSource();
    let cancelledOn = '';
    let runningBeforeCancel = 0;
    // The notification's Cancel button, pressed once the benchmark has started (go test prints `cpu:` just before).
    w.withProgress = ((options, task) =>
      saved.call(vscode.window, options, (progress) =>
        task(
          {
            report: (v) => {
              progress.report(v);
              if (!cancelledOn && v.message?.startsWith('cpu:')) {
                cancelledOn = v.message;
                // While it runs, the test binary is there to be killed.
                setTimeout(() => {
                  runningBeforeCancel = stagedProcesses().length;
                  cts.cancel();
                }, 500);
              }
            },
          },
          cts.token,
        ),
      )) as typeof vscode.window.withProgress;
    try {
      const { result, errors } = await errorsDuring(() => vscode.commands.executeCommand(PROFILE_TEST, { uri: testFile(), name: 'BenchmarkChecksum', open: false }));
      assert.ok(cancelledOn, 'the run was cancelled while the benchmark ran');
      assert.ok(runningBeforeCancel > 0, 'the test binary ran from the staging folder before the cancel');
      await eventually('the test binary killed', () => (stagedProcesses().length === 0 ? true : undefined), 10_000);
      assert.equal(result, undefined);
      assert.deepEqual(errors, []);
    } finally {
      w.withProgress = saved;
      await config().update('test.flags', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(readdirSync(captureDir()).sort(), filesBefore);
  });

  test('a package that does not compile: its first error line, and no file', async function () {
    this.timeout(120_000);
    const broken = path.join(workspaceDir(), 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, 'broken.go'), 'package broken\n\nfunc Sum() int {\n\treturn notDeclared + 1\n}\n');
    writeFileSync(path.join(broken, 'broken_test.go'), 'package broken\n\nimport "testing"\n\nfunc BenchmarkSum(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tSum()\n\t}\n}\n');
    const filesBefore = readdirSync(captureDir()).sort();
    try {
      const shown = await failedRun({ uri: vscode.Uri.file(path.join(broken, 'broken_test.go')), name: 'BenchmarkSum' });
      assert.match(shown.text, /^pprof: example\.com\/goapp\/broken does not compile: \.\/broken\.go:4:\d+: undefined: notDeclared$/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
    assert.deepEqual(readdirSync(captureDir()).sort(), filesBefore);
  });

  test('a name that matches no test: "no tests to run"', async function () {
    this.timeout(120_000);
    const shown = await failedRun({ uri: testFile(), name: 'TestNoSuchThing', kind: 'cpu' });
    assert.match(shown.text, /^pprof: no test matches TestNoSuchThing .*no tests to run/);
  });

  test('a benchmark that panics: the panic and where, and no file', async function () {
    this.timeout(120_000);
    const file = path.join(workspaceDir(), 'gotest', 'panic_test.go');
    writeFileSync(file, 'package gotest\n\nimport "testing"\n\nfunc BenchmarkPanics(b *testing.B) {\n\tvar counts map[string]int\n\tcounts["x"]++\n}\n');
    const filesBefore = readdirSync(captureDir()).sort();
    try {
      const shown = await failedRun({ uri: vscode.Uri.file(file), name: 'BenchmarkPanics', kind: 'mem' });
      assert.match(shown.text, /^pprof: BenchmarkPanics panicked: assignment to entry in nil map \(panic_test\.go:7\)$/);
    } finally {
      rmSync(file, { force: true });
    }
    assert.deepEqual(readdirSync(captureDir()).sort(), filesBefore);
  });

  test('go missing: the message says how to set pprofLens.goPath, with a button to it', async () => {
    const nowhere = path.join(os.tmpdir(), `no-go-here-${process.pid}`, 'go');
    await config().update('goPath', nowhere, vscode.ConfigurationTarget.Global);
    try {
      const shown = await failedRun({ uri: testFile(), name: 'TestChecksum' });
      assert.ok(shown.text.includes(nowhere), shown.text);
      assert.match(shown.text, /set pprofLens\.goPath to the go binary/);
      assert.ok(shown.items.includes('Set pprofLens.goPath'));
    } finally {
      await config().update('goPath', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a folder outside any module: says so and how to make one', async () => {
    const loose = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-nomod-'));
    try {
      writeFileSync(path.join(loose, 'x_test.go'), 'package x\n\nimport "testing"\n\nfunc TestX(t *testing.T) {}\n');
      const shown = await failedRun({ uri: vscode.Uri.file(path.join(loose, 'x_test.go')), name: 'TestX' });
      assert.match(shown.text, /is not in a Go module \(no go\.mod in it or above\): run "go mod init/);
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
  });

  test('bad arguments: one line each, nothing run', async () => {
    for (const [args, want] of [
      [{ uri: testFile(), name: 'BenchmarkChecksum', kind: 'heap' }, /kind must be one of cpu, mem, block, mutex/],
      [{ uri: testFile() }, /expects \{ name \}/],
      [{ uri: testFile(), name: 'helper' }, /"helper" is not a test or benchmark name/],
    ] as const) {
      const { result, errors } = await errorsDuring(() => vscode.commands.executeCommand(PROFILE_TEST, args));
      assert.equal(result, undefined);
      assert.equal(errors.length, 1);
      assert.match(errors[0].text, want);
    }
  });
});
