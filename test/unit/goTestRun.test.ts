// The profiled go test run with the real Go toolchain, outside VS Code: where its files go, the history's
// pruning, a cancel, and the runs that cannot give a profile. The same package as the integration tests.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GoTestError } from '../../src/gotest/goTestError';
import { runGoTest, type GoTestRunOptions } from '../../src/gotest/goTestRun';
import { pruneRuns } from '../../src/gotest/testRunFiles';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { parseRunRecord } from '../../src/protocol/runRecord';

const workspace = join(__dirname, '..', 'workspace');
let root: string;
let pkg: string;
let captures: string;

const options = (o: Partial<GoTestRunOptions>): GoTestRunOptions => ({
  goBinary: 'go',
  packageDir: pkg,
  name: 'BenchmarkChecksum',
  profile: 'cpu',
  extraFlags: ['-benchtime=200x'],
  captureDir: captures,
  keep: 5,
  ...o,
});

async function failure(o: Partial<GoTestRunOptions>): Promise<GoTestError> {
  try {
    await runGoTest(options(o));
  } catch (e) {
    assert.ok(e instanceof GoTestError, String(e));
    return e;
  }
  assert.fail('the run did not fail');
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'pprof-lens-gotest-'));
  cpSync(join(workspace, 'go.mod'), join(root, 'go.mod'));
  cpSync(join(workspace, 'gotest'), join(root, 'gotest'), { recursive: true });
  pkg = join(root, 'gotest');
  captures = join(root, '.pprof');
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('a profiled go test run', () => {
  test('a benchmark: profile, record and binary side by side, the staging folder gone', async () => {
    const r = await runGoTest(options({}));
    const names = readdirSync(captures).sort();
    const stem = /^BenchmarkChecksum-cpu-\d{8}-\d{6}$/;
    assert.equal(names.length, 3, names.join(' '));
    for (const ext of ['.pb.gz', '.run.json', '.test']) assert.ok(names.some((n) => n.endsWith(ext) && stem.test(n.slice(0, -ext.length))), `${ext} in ${names}`);
    const record = parseRunRecord(readFileSync(r.recordFile, 'utf8'))!;
    assert.deepEqual(record, r.record);
    assert.equal(record.profile, names.find((n) => n.endsWith('.pb.gz')));
    assert.deepEqual(record.metrics.map((m) => m.label), ['ns/op', 'B/op', 'allocs/op']);
    assert.ok(record.metrics.every((m) => m.value > 0));
    assert.match(record.notes![0], /^BenchmarkChecksum-\d+\s+200\s/);
  });

  test('the history keeps the last N runs of a key: older profiles, records and binaries go, other keys stay', async () => {
    await runGoTest(options({ name: 'TestChecksumSmall' }));
    const first = readdirSync(captures).filter((n) => n.startsWith('BenchmarkChecksum-')).sort();
    const second = await runGoTest(options({ keep: 2 }));
    assert.deepEqual(second.pruned, []);
    const third = await runGoTest(options({ keep: 2 }));
    assert.equal(third.pruned.length, 1);
    const names = readdirSync(captures).sort();
    for (const n of first) assert.ok(!names.includes(n), `${n} pruned`);
    assert.equal(names.filter((n) => n.startsWith('BenchmarkChecksum-')).length, 6);
    assert.equal(names.filter((n) => n.startsWith('TestChecksumSmall-')).length, 3);
  });

  test('block and mutex runs write profiles of their kind', async () => {
    const dir = join(root, 'kinds');
    for (const profile of ['block', 'mutex'] as const) {
      const r = await runGoTest(options({ captureDir: dir, name: 'TestChecksumSmall', profile }));
      assert.match(r.profile, new RegExp(`TestChecksumSmall-${profile}-\\d{8}-\\d{6}\\.pb\\.gz$`));
      const types = decodeProfile(readFileSync(r.profile)).sampleTypes.map((t) => t.type);
      assert.deepEqual(types, ['contentions', 'delay']);
    }
  });

  test('pruning deletes only files of the capture folder, whatever a record names', async () => {
    const dir = join(root, 'prune');
    mkdirSync(dir);
    const outside = join(root, 'outside.pb.gz');
    writeFileSync(outside, 'x');
    writeFileSync(join(dir, 'new.pb.gz'), 'x');
    const record = (time: number, profile: string, binary: string) => JSON.stringify({ kind: 'benchmark', key: 'K', title: 'B', time, profile, metrics: [], details: { binary } });
    writeFileSync(join(dir, 'new.run.json'), record(2, 'new.pb.gz', 'new.test'));
    writeFileSync(join(dir, 'old.run.json'), record(1, '../outside.pb.gz', '../outside.pb.gz'));
    const removed = await pruneRuns(dir, 'K', 1);
    assert.deepEqual(removed, [join(dir, 'old.run.json')]);
    assert.ok(existsSync(outside), 'the file outside the folder is still there');
    assert.deepEqual(readdirSync(dir).sort(), ['new.pb.gz', 'new.run.json']);
  });

  test('a staging folder a day old is removed by the next run, a fresh one is left', async () => {
    const dir = join(root, 'stale');
    mkdirSync(join(dir, '.gotest-old'), { recursive: true });
    mkdirSync(join(dir, '.gotest-new'));
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    utimesSync(join(dir, '.gotest-old'), dayAgo, dayAgo);
    await runGoTest(options({ captureDir: dir, name: 'TestChecksumSmall' }));
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), ['.gotest-new']);
  });

  test('cancelled while it runs: rejected as cancelled, no file left', async () => {
    const dir = join(root, 'cancel');
    const ac = new AbortController();
    const e = await failure({ captureDir: dir, extraFlags: ['-benchtime=60s'], signal: ac.signal, onOutput: (t) => t.includes('cpu:') && ac.abort() });
    assert.equal(e.kind, 'cancelled');
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a package that does not compile: its first error line, no file left', async () => {
    const bad = join(root, 'broken');
    mkdirSync(bad);
    writeFileSync(join(bad, 'bad.go'), 'package broken\n\nfunc F() int { return undefinedThing }\n');
    writeFileSync(join(bad, 'bad_test.go'), 'package broken\n\nimport "testing"\n\nfunc TestF(t *testing.T) { F() }\n');
    const dir = join(root, 'bad-captures');
    const e = await failure({ packageDir: bad, name: 'TestF', captureDir: dir });
    assert.equal(e.kind, 'failed');
    assert.match(e.message, /^example\.com\/goapp\/broken does not compile: \.\/bad\.go:3:\d+: undefined: undefinedThing$/);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a name that matches nothing, a benchmark that panics', async () => {
    const dir = join(root, 'nothing');
    assert.match((await failure({ name: 'TestNope', captureDir: dir })).message, /no test matches TestNope .*no tests to run/);
    writeFileSync(join(pkg, 'panic_test.go'), 'package gotest\n\nimport "testing"\n\nfunc BenchmarkPanics(b *testing.B) {\n\tvar m map[string]int\n\tm["x"] = 1\n}\n');
    try {
      assert.match((await failure({ name: 'BenchmarkPanics', captureDir: dir })).message, /^BenchmarkPanics panicked: assignment to entry in nil map \(panic_test\.go:7\)$/);
    } finally {
      rmSync(join(pkg, 'panic_test.go'));
    }
    assert.deepEqual(readdirSync(dir), []);
  });

  test('go missing, not a module, not a test name: said before anything runs', async () => {
    const missing = await failure({ goBinary: join(root, 'no-such-go') });
    assert.equal(missing.kind, 'goMissing');
    assert.match(missing.message, /not found at ".*no-such-go": set pprofLens\.goPath/);
    const loose = mkdtempSync(join(tmpdir(), 'pprof-lens-nomod-'));
    try {
      writeFileSync(join(loose, 'x_test.go'), 'package x\n');
      const e = await failure({ packageDir: loose, name: 'TestX', captureDir: join(loose, '.pprof') });
      assert.equal(e.kind, 'notModule');
      assert.match(e.message, /is not in a Go module .*go mod init/);
      assert.ok(!existsSync(join(loose, '.pprof')));
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
    assert.equal((await failure({ name: 'helper' })).kind, 'input');
  });
});
