// The run record beside a profile, and what the views and commands read from it: its name, its parse
// (lenient per metric, strict on what makes it a run), the folder's runs grouped by key, the previous run,
// and the card's wording and verdicts.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRunRecord, runRecordName } from '../../src/protocol/runRecord';
import { groupRuns, listRuns, previousRun, runOfProfile } from '../../src/runs/runStore';
import { formatRunValue, histogramBarLabel, pairMetrics, verdictOf } from '../../webview/runMetrics';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('the record is named after the profile, whatever its ending', () => {
  assert.equal(runRecordName('/a/cpu-1.pb.gz'), '/a/cpu-1.run.json');
  assert.equal(runRecordName('/a/x.PROF'), '/a/x.run.json');
  assert.equal(runRecordName('/a/x.pprof'), '/a/x.run.json');
});

test('a record parses with its metrics; a wrong metric is dropped, a record without kind or key is none', () => {
  const r = parseRunRecord(
    JSON.stringify({
      kind: 'load', key: 'GET http://h/x', title: 'GET /x', time: 5, profile: 'p.pb.gz',
      metrics: [{ key: 'p99', label: 'p99', value: 12, unit: 'ms', better: 'lower' }, { key: 'bad', value: 'x' }, { key: 'n', value: 3, unit: 'weird' }],
      histogram: { edgesMs: [0, 1, 2], counts: [4, 5] },
      notes: ['500: 3', 7],
    }),
  );
  assert.ok(r);
  assert.deepEqual(r.metrics.map((m) => [m.key, m.unit, m.better]), [['p99', 'ms', 'lower'], ['n', 'count', 'none']]);
  assert.deepEqual(r.histogram, { edgesMs: [0, 1, 2], counts: [4, 5] });
  assert.deepEqual(r.notes, ['500: 3']);
  // A histogram whose edges do not bound its counts is left out, not drawn wrong.
  assert.equal(parseRunRecord(JSON.stringify({ kind: 'test', key: 'k', metrics: [], histogram: { edgesMs: [0, 1], counts: [1, 2] } }))?.histogram, undefined);
  assert.equal(parseRunRecord(JSON.stringify({ kind: 'other', key: 'k', metrics: [] })), undefined);
  assert.equal(parseRunRecord(JSON.stringify({ kind: 'test', metrics: [] })), undefined);
  assert.equal(parseRunRecord('<html>'), undefined);
});

test("a folder's runs: those whose profile is gone are left out; grouped by key; the previous run is the newest earlier one of its key", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-runs-'));
  dirs.push(dir);
  const run = (name: string, key: string, time: number, withProfile = true) => {
    if (withProfile) writeFileSync(join(dir, `${name}.pb.gz`), 'x');
    writeFileSync(join(dir, `${name}.run.json`), JSON.stringify({ kind: 'benchmark', key, title: key, time, profile: `${name}.pb.gz`, metrics: [] }));
  };
  run('a1', 'A', 1);
  run('a2', 'A', 2);
  run('a3', 'A', 3);
  run('b1', 'B', 4);
  run('gone', 'A', 5, false);
  writeFileSync(join(dir, 'broken.run.json'), '{');
  const runs = await listRuns(dir);
  assert.deepEqual(runs.map((r) => r.record.time), [4, 3, 2, 1]);
  assert.deepEqual(groupRuns(runs).map((g) => g.map((r) => r.record.time)), [[4], [3, 2, 1]]);
  const a3 = (await runOfProfile(join(dir, 'a3.pb.gz')))!;
  assert.equal(previousRun(runs, a3)?.profilePath, join(dir, 'a2.pb.gz'));
  const a1 = (await runOfProfile(join(dir, 'a1.pb.gz')))!;
  assert.equal(previousRun(runs, a1), undefined);
  assert.equal(await runOfProfile(join(dir, 'nothing.pb.gz')), undefined);
  assert.deepEqual(await listRuns(join(dir, 'absent')), []);
});

test("the card's values and the compare card's verdicts follow each metric's direction", () => {
  assert.equal(formatRunValue(4.25, 'ms'), '4.25 ms');
  assert.equal(formatRunValue(1234.4, 'ns'), '1,234 ns');
  assert.equal(formatRunValue(1840, 'per_second'), '1,840/s');
  assert.equal(formatRunValue(2048, 'bytes'), '2kB');
  assert.equal(verdictOf(10, 8, 'lower'), 'better');
  assert.equal(verdictOf(10, 8, 'higher'), 'worse');
  assert.equal(verdictOf(10, 10, 'higher'), 'same');
  assert.equal(verdictOf(10, 12, 'none'), 'neutral');
  const rows = pairMetrics(
    [{ key: 'rps', label: 'requests/s', value: 1000, unit: 'per_second', better: 'higher' }, { key: 'old', label: 'old', value: 1, unit: 'count', better: 'lower' }],
    [{ key: 'rps', label: 'requests/s', value: 1250, unit: 'per_second', better: 'higher' }, { key: 'p99', label: 'p99', value: 9, unit: 'ms', better: 'lower' }],
  );
  assert.deepEqual(rows.map((r) => [r.key, r.delta, r.percent, r.verdict]), [
    ['rps', '+250/s', '+25%', 'better'],
    ['p99', undefined, undefined, 'neutral'],
    ['old', undefined, undefined, 'neutral'],
  ]);
  assert.equal(histogramBarLabel(2, 4, 1), '2–4 ms: 1 request');
});
