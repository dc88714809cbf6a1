// Runs in the real workbench: the pprof Profiles view groups two runs of one benchmark and a load run, a run's
// profile opens with its card (measurements, the load run's latency histogram), and "Compare with Previous
// Run" in the editor's title bar opens the compare view with both cards and their changes. The records are
// written here in the shape a load run or `go test` writes (src/protocol/runRecord.ts); the profiles are real.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { runRecordName, type RunRecord } from '../../src/protocol/runRecord';
import { launchWorkbench, type Workbench } from './support/workbench';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

function writeRun(dir: string, name: string, fixture: string, record: Omit<RunRecord, 'profile'>): void {
  const profile = join(dir, `${name}.pb.gz`);
  cpSync(fx(fixture), profile);
  writeFileSync(runRecordName(profile), JSON.stringify({ ...record, profile: `${name}.pb.gz` }));
}

const bench = (nsPerOp: number, bytesPerOp: number) => [
  { key: 'ns_per_op', label: 'ns/op', value: nsPerOp, unit: 'ns', better: 'lower' },
  { key: 'bytes_per_op', label: 'B/op', value: bytesPerOp, unit: 'bytes', better: 'lower' },
  { key: 'allocs_per_op', label: 'allocs/op', value: 12, unit: 'count', better: 'lower' },
] as const;

function makeWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'pprof-lens-runs-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), ws, { recursive: true });
  const dir = join(ws, '.pprof');
  mkdirSync(dir, { recursive: true });
  const key = `${ws}/parse#BenchmarkParse`;
  writeRun(dir, 'bench-1', 'go-generated/heap.pb.gz', { kind: 'benchmark', key, title: 'BenchmarkParse', time: T0, metrics: bench(1500, 4096) });
  writeRun(dir, 'bench-2', 'go-generated/heap-gc.pb.gz', { kind: 'benchmark', key, title: 'BenchmarkParse', time: T0 + 60_000, metrics: bench(1200, 6144) });
  writeRun(dir, 'load-1', 'go-generated/cpu.pb.gz', {
    kind: 'load',
    key: 'GET http://127.0.0.1:8080/work',
    title: 'GET http://127.0.0.1:8080/work · 10 s · 8 connections',
    time: T0 + 120_000,
    metrics: [
      { key: 'p50', label: 'p50', value: 4.2, unit: 'ms', better: 'lower' },
      { key: 'p99', label: 'p99', value: 19.5, unit: 'ms', better: 'lower' },
      { key: 'rps', label: 'requests/s', value: 1840, unit: 'per_second', better: 'higher' },
    ],
    histogram: { edgesMs: [0, 2, 4, 8, 16, 32], counts: [120, 900, 600, 80, 7] },
  });
  return ws;
}

let wb: Workbench;
let workspace: string;
before(async () => {
  workspace = makeWorkspace();
  wb = await launchWorkbench({ workspace });
});
after(async () => {
  await wb?.close();
  rmSync(workspace, { recursive: true, force: true });
});

test('the Profiles view groups runs by key; a run opens with its card, and Compare with Previous Run shows both cards with their changes', async () => {
  const { page } = wb;
  const header = page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  await header.waitFor({ timeout: 30000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  const group = rows.filter({ hasText: 'BenchmarkParse' }).first();
  await group.waitFor({ timeout: 30000 });
  assert.match(await group.innerText(), /2 benchmark runs/);
  // The load run is a group of its own, and neither run's profile is listed again on its own.
  await rows.filter({ hasText: 'GET http://127.0.0.1:8080/work' }).first().waitFor();
  assert.equal(await rows.filter({ hasText: /bench-\d\.pb\.gz/ }).count(), 0);

  await group.click();
  const runRows = rows.filter({ hasText: 'ns/op' });
  await runRows.nth(1).waitFor();
  assert.match(await runRows.first().innerText(), /ns\/op 1,200/);
  await wb.screenshot('runs-profiles-view');

  // The newest run opens with its card.
  await runRows.first().click();
  const frame = wb.webviewFrame();
  const card = frame.locator('#run-card');
  await card.waitFor({ timeout: 60000 });
  assert.equal(await card.locator('[data-metric="ns_per_op"] dd').getAttribute('data-value'), '1200');
  assert.match(await card.innerText(), /BenchmarkParse/);
  await wb.screenshot('runs-benchmark-card');

  // Its title bar offers the previous run.
  const action = page.locator('.editor-actions .action-label[aria-label="Compare with Previous Run"]');
  await action.waitFor({ timeout: 30000 });
  await action.click();
  const compared = wb.webviewFrame().locator('#run-compare');
  await compared.waitFor({ timeout: 60000 });
  const ns = compared.locator('tr[data-metric="ns_per_op"]');
  assert.equal(await ns.getAttribute('data-verdict'), 'better');
  assert.equal(await ns.locator('.run-delta').getAttribute('data-value'), '-300');
  assert.match(await ns.locator('.run-percent').innerText(), /^-20%$/);
  const bytes = compared.locator('tr[data-metric="bytes_per_op"]');
  assert.equal(await bytes.getAttribute('data-verdict'), 'worse');
  assert.equal(await compared.locator('tr[data-metric="allocs_per_op"]').getAttribute('data-verdict'), 'same');
  // The base is the earlier run.
  assert.equal(await compared.locator('tr[data-metric="ns_per_op"] td').first().getAttribute('data-value'), '1500');
  await wb.screenshot('runs-compare-previous');
});

test("a load run's card shows its latency histogram, one bar per bucket with its range and count", async () => {
  const { page } = wb;
  const header = page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  const rows = page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  await rows.filter({ hasText: 'GET http://127.0.0.1:8080/work' }).first().click();
  const run = rows.filter({ hasText: 'requests/s' }).first();
  await run.waitFor();
  await run.click();
  const card = wb.webviewFrame().locator('#run-card[data-kind="load"]');
  await card.waitFor({ timeout: 60000 });
  const bars = card.locator('#run-histogram rect');
  assert.equal(await bars.count(), 5);
  assert.equal(await bars.nth(1).locator('title').textContent(), '2–4 ms: 900 requests');
  assert.equal(await card.locator('[data-metric="rps"] dd').innerText(), '1,840/s');
  await wb.screenshot('runs-load-card');
});
