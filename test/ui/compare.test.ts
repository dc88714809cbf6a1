// The compare view in the real workbench: two profiles selected in the Explorer and compared, checked
// against go tool pprof -diff_base. The checks themselves are in compareChecks.ts.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { checkFlameAndLegend, checkHeader, checkSwap, checkTable, checkTooltip, pprofDiffTop, type ComparedFile } from './compareChecks';
import { CompareView, SELECTORS } from './compareView';
import { compareInExplorer } from './support/explorer';
import { launchWorkbench, type Workbench } from './support/workbench';
import { buildGoapp, captureCpuProfile } from '../support/goappCapture';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);

/**
 * test/workspace plus a folder with the two heap profiles under names no other file contains, and one with
 * two CPU profiles of the workspace's own service under its load: before, alone; after, with /fib called in a loop too.
 */
async function makeWorkspace(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-compare-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), dir, { recursive: true });
  mkdirSync(join(dir, 'compared'), { recursive: true });
  cpSync(fx('go-generated/heap.pb.gz'), join(dir, 'compared', 'before.pb.gz'));
  cpSync(fx('go-generated/heap-gc.pb.gz'), join(dir, 'compared', 'after.pb.gz'));
  const build = await buildGoapp(dir, false);
  try {
    mkdirSync(join(dir, 'cpu-compared'));
    writeFileSync(join(dir, 'cpu-compared', 'fib-before.pb.gz'), await captureCpuProfile(build.bin, 2, []));
    writeFileSync(join(dir, 'cpu-compared', 'fib-after.pb.gz'), await captureCpuProfile(build.bin, 2, ['/fib?n=32']));
  } finally {
    build.remove();
  }
  return dir;
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
  workspace = await makeWorkspace();
  wb = await launchWorkbench({ workspace });
  view = new CompareView(wb.webviewFrame());
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('"Compare Selected Profiles" on two files in the Explorer opens the compare view with both sides', async () => {
  await compareInExplorer(wb, 'compared', 'before.pb.gz', 'after.pb.gz');
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

test('while a compare view is active, a Go file\'s lenses show the change', async () => {
  // One webview at a time, so that the frame looked at is the new comparison's.
  await wb.page.keyboard.press('F1');
  await wb.page.locator('.quick-input-widget input').fill('>View: Close All Editors');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Close All Editors' }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('iframe.webview').waitFor({ state: 'detached' });
  await compareInExplorer(wb, 'cpu-compared', 'fib-before.pb.gz', 'fib-after.pb.gz');
  view = new CompareView(wb.webviewFrame());
  await view.ready().catch(async (e) => {
    await wb.screenshot('compare-cpu-failed');
    throw e;
  });
  assert.equal((await view.side('base')).name, 'fib-before.pb.gz', 'the earlier capture is the base');
  // The workbench copied the workspace, so main.go looks newer than the profiles: date it back.
  const old = new Date(Date.now() - 3600_000);
  utimesSync(join(wb.workspaceDir, 'main.go'), old, old);
  await wb.openFile('main.go');
  const lenses = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'pprof Δ cpu:' }).filter({ visible: true });
  await lenses.first().waitFor({ timeout: 60000 });
  const titles = await lenses.allTextContents();
  // Only the later capture ran fib: its lenses say it grew, and that it is new (the load alone may call it
  // too, which gives a percentage instead).
  assert.ok(titles.some((t) => /^pprof Δ cpu: \+\S+ \((\+\S+%|new)\)/.test(t)), titles.join('\n'));
  assert.ok(titles.every((t) => !t.includes('file changed since profile')), titles.join('\n'));
  await wb.screenshot('compare-delta-lenses');
});
