// pprof: Capture Snapshot Series from the palette on the real workbench: the prompts, the status-bar item
// counting down, the series in the pprof Profiles view, stopping it from its status-bar item, and a series
// taken over by the extension host of a reloaded window.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseSeriesManifest } from '../../src/model/profile/seriesManifestJson';
import { GoService, startGoService } from '../support/goService';
import { launchWorkbench, type Workbench } from './support/workbench';

const quickInput = '.quick-input-widget input';
const quickRows = '.quick-input-list .monaco-list-row';

let wb: Workbench;
let svc: GoService;
before(async () => {
  [wb, svc] = await Promise.all([launchWorkbench(), startGoService()]);
});
after(async () => {
  await wb?.close();
  await svc?.stop();
});

async function choose(page: Page, text: string, label: string): Promise<void> {
  const input = page.locator(quickInput);
  await input.waitFor();
  await input.fill(text);
  await page.locator(quickRows).filter({ hasText: label }).first().click();
}

async function enter(page: Page, text: string): Promise<void> {
  const input = page.locator(quickInput);
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
}

function seriesFolder(): string | undefined {
  const dir = join(wb.workspaceDir, '.pprof');
  const name = existsSync(dir) ? readdirSync(dir).find((n) => n.includes('-series-')) : undefined;
  return name && join(dir, name);
}

test('the palette starts a series; its status-bar item counts down, the Profiles view lists it, and a click stops it', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  await wb.runCommand('pprof: Capture Snapshot Series…');
  await choose(page, 'Enter URL', 'Enter URL…');
  await enter(page, svc.url);
  // The types: heap and goroutine are picked already; Enter accepts them.
  const picked = page.locator(`${quickRows}[aria-checked="true"]`);
  await picked.first().waitFor();
  const labels = await picked.locator('.label-name').allInnerTexts();
  assert.deepEqual(labels.map((t) => t.trim()), ['Heap', 'Goroutine']);
  await page.locator(quickInput).press('Enter');
  await choose(page, 'Custom', 'Custom…');
  await enter(page, '2');
  await choose(page, '60 snapshots', '60 snapshots');

  const item = page.locator('.statusbar-item').filter({ hasText: /pprof series \d+\/60 · (next in \d+ s|capturing…)/ }).first();
  await item.waitFor({ timeout: 30000 });
  await page.locator('.statusbar-item').filter({ hasText: /pprof series [2-9]\/60 · next in \d+ s/ }).first().waitFor({ timeout: 60000 });

  const header = page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  const row = rows.filter({ hasText: `127.0.0.1:${port}` }).filter({ hasText: /series running \d+\/60 · \d+ snapshots/ }).first();
  assert.doesNotMatch(await row.innerText(), /http:/, 'the label is host:port');
  await row.waitFor({ timeout: 30000 });
  await wb.screenshot('series-running');

  await item.click();
  await choose(page, 'Stop', 'Stop');
  await page.locator('.statusbar-item').filter({ hasText: 'pprof series' }).first().waitFor({ state: 'detached', timeout: 30000 });
  const folder = seriesFolder();
  assert.ok(folder, 'no series folder in .pprof/');
  const m = parseSeriesManifest(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  assert.equal(m.status, 'cancelled');
  assert.ok(m.snapshots.length >= 6, `${m.snapshots.length} snapshots`);
  await rows.filter({ hasText: /series cancelled · \d+ snapshots/ }).first().waitFor({ timeout: 30000 });
  // A click on the label opens the series view; the twistie expands the series to its snapshots.
  await rows.filter({ hasText: /series cancelled · / }).first().locator('.monaco-tl-twistie').click();
  for (const f of ['heap-0001.pb.gz', 'goroutine-0001.pb.gz', 'goroutine-0001.debug2.txt']) await rows.filter({ hasText: f }).first().waitFor({ timeout: 15000 });
  await wb.screenshot('series-stopped');
});

test('a series survives a window reload: the new extension host takes it over and finishes it', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  const before = new Set(existsSync(join(wb.workspaceDir, '.pprof')) ? readdirSync(join(wb.workspaceDir, '.pprof')) : []);
  await wb.runCommand('pprof: Capture Snapshot Series…');
  await choose(page, 'Enter URL', 'Enter URL…');
  await enter(page, svc.url);
  await page.locator(`${quickRows}[aria-checked="true"]`).first().waitFor();
  await page.locator(quickInput).press('Enter');
  await choose(page, 'Custom', 'Custom…');
  await enter(page, '2');
  await choose(page, '10 snapshots', '10 snapshots');
  await page.locator('.statusbar-item').filter({ hasText: /pprof series [2-9]\/10 · next in \d+ s/ }).first().waitFor({ timeout: 60000 });
  const name = readdirSync(join(wb.workspaceDir, '.pprof')).find((n) => n.includes('-series-') && !before.has(n));
  assert.ok(name?.startsWith(`127.0.0.1_${port}-series-`), `no new series folder: ${name}`);
  const folder = join(wb.workspaceDir, '.pprof', name!);
  const first = parseSeriesManifest(readFileSync(join(folder, 'manifest.json'), 'utf8'));

  await wb.runCommand('Developer: Reload Window');
  const deadline = Date.now() + 120_000;
  let m = first;
  while (m.status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    m = parseSeriesManifest(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  }
  await wb.screenshot('series-after-restart');
  assert.equal(m.status, 'complete', `the series is ${m.status}: ${m.stopReason ?? ''}`);
  assert.notEqual(m.owner, first.owner, 'a new host took it over');
  assert.equal(m.rounds, 10);
  // Rounds whose time passed while the window reloaded are recorded as missed: every round is accounted for once.
  const taken = new Set(m.snapshots.filter((s) => s.type === 'heap').map((s) => s.round));
  let missed = 0;
  for (const e of m.errors.filter((x) => x.type === 'heap')) {
    const range = /^rounds (\d+)–(\d+) were missed/.exec(e.error);
    missed += range ? Number(range[2]) - Number(range[1]) + 1 : 1;
  }
  assert.equal(taken.size + missed, 10, `taken ${[...taken].join(',')}; errors ${m.errors.map((e) => e.error).join(' | ')}`);
  assert.ok(taken.has(10), 'the last round was taken by the new host');
  for (const s of m.snapshots) assert.ok(existsSync(join(folder, s.file)), s.file);
});
