// The compare view in the real workbench: two profiles selected in the Explorer and compared, checked
// against go tool pprof -diff_base. The checks themselves are in compareChecks.ts.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/codeServer.mjs';
import { checkFlameAndLegend, checkHeader, checkSwap, checkTable, checkTooltip, pprofDiffTop, type ComparedFile } from './compareChecks';
import { CompareView, SELECTORS } from './compareView';
import { launchWorkbench, type Workbench } from './support/workbench';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);

/** test/workspace plus a folder with the two heap profiles under names no other file contains. */
function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-compare-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), dir, { recursive: true });
  mkdirSync(join(dir, 'compared'), { recursive: true });
  cpSync(fx('go-generated/heap.pb.gz'), join(dir, 'compared', 'before.pb.gz'));
  cpSync(fx('go-generated/heap-gc.pb.gz'), join(dir, 'compared', 'after.pb.gz'));
  return dir;
}

/** The Explorer's row of a file or folder, by its exact name. */
function explorerRow(page: Page, name: string) {
  return page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) });
}

/** Selects `first` then `second` in the Explorer and runs "Compare Selected Profiles" from the context menu. */
async function compareInExplorer(page: Page, folder: string, first: string, second: string): Promise<void> {
  await explorerRow(page, folder).click();
  await explorerRow(page, first).waitFor();
  await explorerRow(page, first).click({ modifiers: ['Control'] });
  await explorerRow(page, second).click({ modifiers: ['Control'] });
  await page.locator('.explorer-folders-view .monaco-list-row.selected').nth(1).waitFor();
  await explorerRow(page, second).click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Compare Selected Profiles' });
  try {
    await item.waitFor({ timeout: 20000 });
  } catch (e) {
    // What the menu offered instead, to look at.
    await wb.screenshot('compare-explorer-menu');
    throw e;
  }
  await item.click();
}

let wb: Workbench;
let view: CompareView;
let workspace: string;
const files = (dir: string): Record<string, ComparedFile> => ({
  'before.pb.gz': { name: 'before.pb.gz', path: join(dir, 'compared', 'before.pb.gz') },
  'after.pb.gz': { name: 'after.pb.gz', path: join(dir, 'compared', 'after.pb.gz') },
});
let base: ComparedFile;
let target: ComparedFile;

before(async () => {
  workspace = makeWorkspace();
  wb = await launchWorkbench({ workspace });
  view = new CompareView(wb.webviewFrame());
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('"Compare Selected Profiles" on two files in the Explorer opens the compare view with both sides', async () => {
  await compareInExplorer(wb.page, 'compared', 'before.pb.gz', 'after.pb.gz');
  view = new CompareView(wb.webviewFrame());
  await view.ready();
  // Which selected file is the base is the command's choice; the header says which it took.
  const byName = files(workspace);
  base = byName[(await view.side('base')).name];
  target = byName[(await view.side('target')).name];
  assert.ok(base && target && base !== target, 'the two selected files are the two sides');
  await checkHeader(view, base, target, 'inuse_space', 'bytes');
  assert.equal(await wb.webviewFrame().locator(SELECTORS.identical).count(), 0);
});

test('the differential flame graph has a legend, and its frames take the legend\'s colours', async () => {
  await checkFlameAndLegend(view);
  await wb.webviewFrame().locator(SELECTORS.legend).waitFor({ state: 'visible' });
  await wb.screenshot('compare-flame');
});

test('a frame\'s tooltip gives base → target, Δ and Δ%', async () => {
  await checkTooltip(view);
  await wb.screenshot('compare-tooltip');
});

test('the table shows Δ as go tool pprof -diff_base computes it, sorted by |Δ cum|, and sorts by another column', async () => {
  const oracle = pprofDiffTop(base.path, target.path, 'inuse_space', 'B');
  await checkTable(view, oracle.rows);
});

test('swap exchanges base and target', async () => {
  await checkSwap(view);
  await checkHeader(view, target, base, 'inuse_space', 'bytes');
  await checkTable(view, pprofDiffTop(target.path, base.path, 'inuse_space', 'B').rows);
  await wb.screenshot('compare-swapped');
});
