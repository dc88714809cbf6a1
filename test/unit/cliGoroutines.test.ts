// `cli.js goroutines` as a user runs it: the bundled CLI in a child process on the real dumps of
// test/fixtures/goroutine and on files that are not dumps.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bundledCli } from './support/bundledCli';

const root = join(__dirname, '..', '..');
const fixture = (f: string) => join(root, 'test', 'fixtures', f);
const { dir, run } = bundledCli('pprof-lens-cli-goroutines-');

describe('cli.js goroutines', () => {
  test('--json: total and groups, largest first, in the documented shape', () => {
    const r = run('goroutines', fixture('goroutine/debug2-go1.19.txt'), '--json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.total, 39);
    assert.equal(d.groups.reduce((a: number, g: { count: number }) => a + g.count, 0), 39);
    const first = d.groups[0];
    assert.deepEqual(first, {
      count: 20,
      state: 'chan receive',
      waitMinutes: [0, 1],
      createdBy: { name: 'main.handlePark', file: 'example.com/goapp/main.go', line: 212 },
      frames: [{ name: 'main.parkedWaiter', file: 'example.com/goapp/main.go', line: 195 }],
    });
    for (const g of d.groups) {
      assert.deepEqual(Object.keys(g).filter((k) => k !== 'lockedToThread'), ['count', 'state', 'waitMinutes', 'createdBy', 'frames']);
    }
  });

  test('--json on a goroutine profile: the total go tool pprof gives, no states', () => {
    const r = run('goroutines', fixture('goroutine/goroutine.pb.gz'), '--json');
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.total, 40);
    assert.ok(d.groups.every((g: { state: unknown; waitMinutes: unknown }) => g.state === null && g.waitMinutes === null));
  });

  test('without --json: a listing with count, state, wait, creator and frames', () => {
    const r = run('goroutines', fixture('goroutine/debug2-go1.19.txt'));
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], '39 goroutines in 9 groups (debug=2 dump)');
    assert.equal(lines[2], '20 goroutines · chan receive · waiting 0–1 min · created by main.handlePark (example.com/goapp/main.go:212)');
    assert.match(lines[3], /^    main\.parkedWaiter\s+example\.com\/goapp\/main\.go:195$/);
    assert.match(r.out, /2 goroutines · chan receive, locked to thread · waiting 1 min · created by main\.init\.0\.func2/);
  });

  test('a file that is not a dump: one line on stderr, exit 1; bad usage: exit 2', () => {
    const bad = run('goroutines', fixture('go-generated/cpu.pb.gz'));
    assert.equal(bad.code, 1);
    assert.equal(bad.err.trim().split('\n').length, 1);
    assert.match(bad.err, /cpu\.pb\.gz: not a goroutine dump: a profile of samples\/count, cpu\/nanoseconds/);
    const missing = run('goroutines', join(dir, 'nope.txt'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.txt: no such file/);
    assert.equal(run('goroutines').code, 2);
    assert.equal(run('goroutines', 'a.txt', '--bogus').code, 2);
  });
});
