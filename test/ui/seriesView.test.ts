// The series view in the real workbench: a series captured from the Go service (its /leak handler retains
// memory, /park leaves goroutines blocked) opened from the Explorer: the charts with the failed snapshot as
// a gap, the growth table with sparklines and the leak first, "Compare first → last" opening the compare
// view focused on it, the goroutine growth, and the growth lens on the leaking line of main.go.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { repoRoot } from '../harness/codeServer.mjs';
import { startGoService } from '../support/goService';
import { captureSeriesFolder } from '../support/seriesFolder';
import { CompareView, SELECTORS } from './compareView';
import { launchWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;
let workspace: string;
let folder: string;
let manifest: SeriesManifest;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pprof-lens-series-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), workspace, { recursive: true });
  const svc = await startGoService();
  try {
    folder = await captureSeriesFolder(svc, join(workspace, 'series'), { rounds: 8, leaksPerRound: 2, parksPerRound: 1, pauseMs: 500, failHeapRound: 4 });
  } finally {
    await svc.stop();
  }
  manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  wb = await launchWorkbench({ workspace });
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const frame = () => wb.webviewFrame();

/** The 1-based line of main.go that allocates each leaked session's payload. */
function leakingLine(): number {
  const i = readFileSync(join(workspace, 'main.go'), 'utf8').split('\n').findIndex((l) => l.includes('payload: make([]byte, 256<<10)'));
  assert.ok(i >= 0, 'main.go has the leaking allocation');
  return i + 1;
}

test('opening a series folder\'s manifest.json shows the series view with its header', async () => {
  await wb.openFile(`series/${basename(folder)}/manifest.json`);
  await frame().locator('.series-header').waitFor({ timeout: 60000 });
  assert.equal(await frame().locator('#series-status').textContent(), 'complete');
  assert.match((await frame().locator('.series-errors summary').textContent()) ?? '', /^1 failed snapshot$/);
});

test('each kind has a chart of its total: a dot per snapshot, the failed one a mark and a gap', async () => {
  const heap = frame().locator('.chart-card[data-type="heap"]');
  await heap.locator('svg.totals-chart').waitFor({ timeout: 60000 });
  const heapSnapshots = manifest.snapshots.filter((s) => s.type === 'heap').length;
  assert.equal(await heap.locator('circle.snapshot').count(), heapSnapshots);
  assert.equal(await heap.locator('path.failed').count(), 1);
  assert.equal(await heap.locator('path.total-line').count(), 2, 'the line breaks at the failed snapshot');
  assert.match((await heap.locator('figcaption').textContent()) ?? '', /heap · inuse_space total/);
  assert.ok((await heap.locator('text.tick.y').allTextContents()).some((t) => /MB$/.test(t)), 'the y axis is in bytes as pprof prints them');
  const goroutine = frame().locator('.chart-card[data-type="goroutine"]');
  await goroutine.locator('svg.totals-chart').waitFor({ timeout: 60000 });
  assert.equal(await goroutine.locator('circle.snapshot').count(), manifest.snapshots.filter((s) => s.type === 'goroutine' && s.format === 'pprof').length);
  assert.equal(await goroutine.locator('path.total-line').count(), 1);
});

test('the growth table ranks the leak first, with a sparkline and steady growth', async () => {
  const rows = frame().locator('#growth-table tr.growth-row');
  await rows.first().waitFor({ timeout: 60000 });
  const first = rows.first();
  assert.equal(await first.getAttribute('data-name'), 'main.newSession');
  assert.equal(await first.locator('svg.sparkline.up path.spark-line').count(), 1);
  const steps = manifest.snapshots.filter((s) => s.type === 'heap').length - 1;
  // A heap profile is published by the GC that ?gc=1 asks for, unless a concurrent cycle got there first;
  // then one round's allocations appear a snapshot later, so one step of a real leak may stay level.
  const [, ups, of] = ((await first.locator('td.steadiness').textContent()) ?? '').match(/^(\d+)\/(\d+) up$/) ?? [];
  assert.equal(Number(of), steps);
  assert.ok(Number(ups) >= steps - 1, `the leak rose in ${ups} of ${steps} steps`);
  assert.match((await first.locator('td.growth').textContent()) ?? '', /^\+[\d.]+MB$/);
  await wb.screenshot('series-view');
  // Lines: the leak's allocation line.
  await frame().locator('.segmented button[data-granularity="lines"]').click();
  await frame().locator('#growth-table td.name', { hasText: /main\.go:\d+$/ }).first().waitFor({ timeout: 60000 });
  assert.match((await rows.first().locator('td.name').textContent()) ?? '', /^main\.newSession main\.go:\d+$/);
  await frame().locator('.segmented button[data-granularity="functions"]').click();
  await frame().locator('#growth-table tr.growth-row[data-name="main.newSession"] td.name', { hasText: /^main\.newSession$/ }).waitFor({ timeout: 60000 });
  // Another sample type: the leak's objects grow too.
  await frame().locator('#series-sample-type').selectOption('inuse_objects');
  await frame().locator('#growth-table th.spark', { hasText: 'inuse_objects per snapshot' }).waitFor({ timeout: 60000 });
  assert.match((await frame().locator('#growth-table tr.growth-row[data-name="main.newSession"] td.growth').textContent()) ?? '', /^\+\d+$/);
  await frame().locator('#series-sample-type').selectOption('inuse_space');
  await frame().locator('#growth-table th.spark', { hasText: 'inuse_space per snapshot' }).waitFor({ timeout: 60000 });
  // Goroutines: every blocked one ends in the runtime's parking, so runtime frames are hidden and the
  // parked goroutines' own function ranks first.
  await frame().locator('#series-type').selectOption('goroutine');
  await frame().locator('#growth-table th.spark', { hasText: 'goroutine per snapshot' }).waitFor({ timeout: 60000 });
  await frame().locator('.hidden-frames', { hasText: 'runtime frames hidden' }).waitFor({ timeout: 60000 });
  assert.match((await rows.first().getAttribute('data-name')) ?? '', /^main\.parked/);
  const names = await frame().locator('#growth-table tr.growth-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-name') ?? ''));
  assert.ok(!names.some((n) => n.startsWith('runtime.')), `runtime frames in the goroutine growth table: ${names.join(', ')}`);
  await frame().locator('#series-type').selectOption('heap');
  await frame().locator('#growth-table th.spark', { hasText: 'inuse_space per snapshot' }).waitFor({ timeout: 60000 });
});

test('goroutine growth: the parked goroutines\' creation site grows, linked to its source', async () => {
  const panel = frame().locator('#goroutine-panel');
  await panel.waitFor({ timeout: 60000 }).catch(async (e) => {
    await wb.screenshot('series-goroutines-failed');
    throw e;
  });
  const site = panel.locator('#goroutine-sites tr.goroutine-row', { hasText: 'main.handlePark' }).first();
  await site.waitFor();
  assert.match((await site.locator('td.growth').textContent()) ?? '', /^\+\d+$/);
  await frame().locator('#goroutine-panel').scrollIntoViewIfNeeded();
  await wb.screenshot('series-goroutines');
  // "Open dump" opens the last dump in the goroutine view.
  const dumps = manifest.snapshots.filter((x) => x.format === 'goroutine-text');
  await site.locator('button.dump').click();
  await wb.page.locator('.tab.active .label-name', { hasText: dumps[dumps.length - 1].file }).waitFor({ timeout: 30000 });
  await wb.page.locator('.tab.active .tab-actions .codicon-close').first().click();
  await wb.page.locator('.tab.active .label-name', { hasText: /^manifest\.json$/ }).waitFor({ timeout: 30000 });
});

test('"Go to source" opens main.go beside the view, at the line of the function that grew most', async () => {
  const line = leakingLine();
  await frame().locator('#growth-table tr.growth-row[data-name="main.newSession"] button.source').click();
  await wb.page.locator('.statusbar-item', { hasText: `Ln ${line},` }).waitFor({ timeout: 30000 });
  assert.equal(await wb.page.locator('.tab.active .label-name', { hasText: /^main\.go$/ }).count(), 1);
  await wb.screenshot('series-source');
  // Close it, and with it the group it opened, so that one webview is visible again.
  await wb.page.keyboard.press('Control+W');
  await wb.page.locator('.tab .label-name', { hasText: /^main\.go$/ }).waitFor({ state: 'detached' });
});

test('"Compare first → last" opens the compare view of the first and last heap snapshots, on that function', async () => {
  await frame().locator('#growth-table tr.growth-row[data-name="main.newSession"] button.compare').click();
  const heaps = manifest.snapshots.filter((s) => s.type === 'heap');
  const view = new CompareView(wb.webviewFrame());
  await view.ready();
  assert.equal((await view.side('base')).name, heaps[0].file);
  assert.equal((await view.side('target')).name, heaps[heaps.length - 1].file);
  await wb.webviewFrame().locator(SELECTORS.sandwichName, { hasText: 'main.newSession' }).waitFor({ timeout: 30000 });
  await wb.screenshot('series-compare');
});

test('main.go has a growth lens on the leaking line while the series view is the last one focused; a click shows its row', async () => {
  const line = leakingLine();
  await wb.openFile('main.go');
  // The leaking line is below the first screen: go to it.
  await wb.page.keyboard.press('Control+G');
  await wb.page.locator('.quick-input-widget input').fill(`:${line}`);
  await wb.page.keyboard.press('Enter');
  const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'pprof ↑' }).filter({ visible: true }).first();
  await lens.waitFor({ timeout: 60000 });
  const title = (await lens.textContent()) ?? '';
  assert.match(title, /^pprof ↑ \+[\d.]+MB over \d+ s, (mostly )?steady \(\d+\/\d+ snapshots up\)$/);
  await wb.screenshot('series-growth-lens');
  await lens.click();
  await wb.page.locator('.tab.active .label-name', { hasText: /^manifest\.json$/ }).waitFor({ timeout: 30000 });
  await frame().locator('#growth-table tr.growth-row.focused[data-name="main.newSession"]').waitFor({ timeout: 30000 });
  await wb.screenshot('series-focused-row');
});
