// One profiled `go test` run, without vscode: checks that `go` runs and the folder is in a module, runs the
// test or benchmark in its own process group (a cancel kills go, the compiler and the test binary at once)
// with the profile and binary staged in a private folder of the capture directory, judges the output, then
// moves the run into place and prunes the older runs of its key. A failed or cancelled run leaves no file.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunRecord } from '../protocol/runRecord';
import { goTestArgs, type TestProfileKind } from './goTestArgs';
import { judgeGoTest, parseBenchmarkLines, testDurationMs } from './goTestOutput';
import { GoTestError } from './goTestError';
import { testKindOfName } from './testFunctions';
import { placeRun, pruneRuns, removeStaleStaging, STAGING_PREFIX } from './testRunFiles';
import { testRunKey, testRunRecord } from './testRecord';

export interface GoTestRunOptions {
  /** The go command: pprofLens.goPath, or `go` from PATH. */
  readonly goBinary: string;
  readonly packageDir: string;
  readonly name: string;
  readonly profile: TestProfileKind;
  readonly extraFlags: readonly string[];
  readonly captureDir: string;
  /** How many runs of this test and kind to keep (pprofLens.test.history). */
  readonly keep: number;
  readonly signal?: AbortSignal;
  /** Called with each chunk of go's stdout and stderr as it comes; `commandLine` first. */
  readonly onOutput?: (text: string) => void;
  readonly onStart?: (args: readonly string[]) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface GoTestRunResult {
  readonly profile: string;
  readonly recordFile: string;
  readonly binary?: string;
  readonly record: RunRecord;
  /** Record files of the older runs deleted to keep the history at its length. */
  readonly pruned: readonly string[];
}

/** Output kept for judging: the head holds build errors, the tail the results; a chatty test's middle goes. */
const HEAD_CHARS = 1 << 20;
const TAIL_CHARS = 4 << 20;

export async function runGoTest(o: GoTestRunOptions): Promise<GoTestRunResult> {
  const kind = testKindOfName(o.name);
  if (!kind) throw new GoTestError('input', `"${o.name}" is not a test or benchmark name: expected TestXxx or BenchmarkXxx`);
  const isDir = await stat(o.packageDir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new GoTestError('input', `The package folder ${o.packageDir} does not exist`);
  await checkModule(o);
  await mkdir(o.captureDir, { recursive: true });
  await removeStaleStaging(o.captureDir);
  const staging = await mkdtemp(path.join(o.captureDir, STAGING_PREFIX));
  try {
    const staged = { profile: path.join(staging, 'profile.pb.gz'), binary: path.join(staging, 'pkg.test') };
    const args = goTestArgs({ name: o.name, kind, profile: o.profile, profileFile: staged.profile, binaryFile: staged.binary, extraFlags: o.extraFlags });
    const when = new Date();
    o.onStart?.(args);
    const { output, code } = await spawnGroup(o, args);
    const verdict = judgeGoTest(output, code, o.name, kind);
    if (!verdict.ok) throw new GoTestError('failed', verdict.reason);
    const size = await stat(staged.profile).then((s) => s.size, () => 0);
    if (!size) throw new GoTestError('failed', `go test wrote no ${o.profile} profile for ${o.name}`);
    const hasBinary = await stat(staged.binary).then(() => true, () => false);
    let record: RunRecord | undefined;
    const placed = await placeRun(o.captureDir, { profile: staged.profile, binary: hasBinary ? staged.binary : undefined }, o.name, o.profile, when, (files) =>
      (record = testRunRecord({
        packageDir: o.packageDir,
        name: o.name,
        kind,
        profileKind: o.profile,
        time: when.getTime(),
        profile: files.profile,
        binary: files.binary ?? '',
        extraFlags: o.extraFlags,
        benchmarks: kind === 'benchmark' ? parseBenchmarkLines(output) : [],
        testMs: kind === 'test' ? testDurationMs(output, o.name) : undefined,
      })),
    );
    const pruned = await pruneRuns(o.captureDir, testRunKey(o.packageDir, o.name, o.profile), o.keep);
    return { profile: placed.profile, recordFile: placed.record, binary: placed.binary, record: record!, pruned };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** `go env GOMOD` in the folder: the cheapest way to learn both that `go` runs and that there is a module. */
async function checkModule(o: GoTestRunOptions): Promise<void> {
  const { output, code, spawnError } = await run(o.goBinary, ['env', 'GOMOD'], o.packageDir, o.env);
  if (spawnError) {
    const missing = spawnError.code === 'ENOENT' || spawnError.code === 'EACCES';
    throw new GoTestError(
      missing ? 'goMissing' : 'failed',
      missing
        ? `The go command was not found at "${o.goBinary}": set pprofLens.goPath to the go binary (e.g. /usr/local/go/bin/go), or put Go's bin folder on PATH`
        : `Cannot run "${o.goBinary}": ${spawnError.message}`,
    );
  }
  if (code !== 0) throw new GoTestError('failed', `"${o.goBinary} env GOMOD" failed: ${output.trim().split(/\r?\n/)[0] ?? ''}`);
  // os.DevNull: module mode with no go.mod. An empty answer is GOPATH mode (GO111MODULE=off), which go test accepts.
  const gomod = output.trim();
  if (gomod === '/dev/null' || gomod === 'NUL') {
    throw new GoTestError('notModule', `${o.packageDir} is not in a Go module (no go.mod in it or above): run "go mod init <module path>" at the workspace's root`);
  }
}

interface Ran {
  readonly output: string;
  readonly code: number | null;
  readonly spawnError?: NodeJS.ErrnoException;
}

/** A short command's whole output. */
function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv | undefined): Promise<Ran> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', (e) => resolve({ output, code: null, spawnError: e }));
    child.on('close', (code) => resolve({ output, code }));
  });
}

/** go test in its own process group; a cancel kills the group and rejects with a cancelled GoTestError. */
function spawnGroup(o: GoTestRunOptions, args: readonly string[]): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new GoTestError('cancelled', 'Cancelled: nothing was saved'));
    let head = '';
    let tail = '';
    // Windows has no process groups to kill at once; there the child alone is killed.
    const groups = process.platform !== 'win32';
    const child = spawn(o.goBinary, args, { cwd: o.packageDir, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: groups });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const onData = (text: string) => {
      o.onOutput?.(text);
      if (head.length < HEAD_CHARS) head += text;
      else tail = (tail + text).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = () => {
      try {
        if (!groups) child.kill();
        else if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    };
    o.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      o.signal?.removeEventListener('abort', kill);
      reject(new GoTestError('goMissing', `Cannot run "${o.goBinary}": ${e.message}`));
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', kill);
      // The test binary may still run if go itself died: make sure nothing of the group outlives the run.
      kill();
      if (o.signal?.aborted) reject(new GoTestError('cancelled', 'Cancelled: nothing was saved'));
      else resolve({ output: head + tail, code });
    });
  });
}
