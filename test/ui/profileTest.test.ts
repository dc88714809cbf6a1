// Profile a Go benchmark from its lens in the real workbench: the lens above BenchmarkChecksum is clicked,
// the profile opens in the profile editor with the benchmarked function in its table and the benchmark's
// card; a second run compared with the first shows both cards with their changes, and the pprof Profiles
// view lists both under the benchmark's name; the palette picks from the active file, or from the test file
// beside a focused profile; the notification's Cancel stops a long run with no file left; a package that
// does not compile shows its error with "Show Output".
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;
let workspace: string;

const captures = () => {
  const dir = join(wb.workspaceDir, '.pprof');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
const toast = (text: string) => wb.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text });

/** Clicks the lens titled `title` on the line above `func <name>(`: the lens whose top is nearest above that line's. */
async function clickLens(name: string, title: string): Promise<void> {
  const { page } = wb;
  const line = page.locator('.monaco-editor .view-line', { hasText: `func ${name}(` });
  await line.waitFor({ timeout: 30000 });
  const lenses = page.locator('.monaco-editor .codelens-decoration a', { hasText: new RegExp(`^${title}$`) });
  await lenses.first().waitFor({ timeout: 60000 });
  const lineTop = (await line.boundingBox())!.y;
  let best = -1;
  let bestTop = -Infinity;
  const n = await lenses.count();
  for (let i = 0; i < n; i++) {
    const top = (await lenses.nth(i).boundingBox())?.y ?? Infinity;
    if (top < lineTop && top > bestTop) [best, bestTop] = [i, top];
  }
  assert.ok(best >= 0, `a "${title}" lens above func ${name}`);
  await lenses.nth(best).click();
}

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pprof-lens-gotest-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'pprofLens.test.flags': ['-benchtime=0.5s'] }));
  wb = await launchWorkbench({ workspace });
});

after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('the "profile cpu" lens above a benchmark runs it and opens its CPU profile', async () => {
  await wb.openFile('gotest/work_test.go');
  await wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: /^profile cpu$/ }).first().waitFor({ timeout: 60000 });
  await wb.screenshot('profile-test-lenses');
  await clickLens('BenchmarkChecksum', 'profile cpu');
  await toast('pprof: profiling BenchmarkChecksum (cpu)').first().waitFor({ timeout: 30000 });
  const view = new ProfileView(wb);
  await view.frame.locator('.file-name', { hasText: /^BenchmarkChecksum-cpu-\d{8}-\d{6}\.pb\.gz$/ }).waitFor({ timeout: 180000 });
  await view.ready();
  await view.filterRows('Checksum');
  const rows = await view.rows();
  assert.ok(rows.some((r) => r.name === 'example.com/goapp/gotest.Checksum' && r.cum > 0), JSON.stringify(rows.slice(0, 5)));
  await view.filterRows('');
  // The header's card: the benchmark's ns/op, B/op and allocs/op from its run record.
  const card = view.frame.locator('#run-card[data-kind="benchmark"]');
  await card.waitFor({ timeout: 30000 });
  assert.match(await card.locator('.run-name').innerText(), /^BenchmarkChecksum · cpu$/);
  for (const metric of ['ns_per_op', 'bytes_per_op', 'allocs_per_op']) {
    assert.ok(Number(await card.locator(`[data-metric="${metric}"] dd`).getAttribute('data-value')) > 0, `${metric} on the card`);
  }
  await wb.screenshot('profile-test-benchmark');
  const saved = captures().filter((n) => n.startsWith('BenchmarkChecksum-cpu-'));
  assert.deepEqual(saved.map((n) => n.replace(/^.*?(\.pb\.gz|\.run\.json|\.test)$/, '$1')).sort(), ['.pb.gz', '.run.json', '.test']);
});

test('run again from the lens, then Compare with Previous Run: both runs\' ns/op, B/op and allocs/op with Δ and Δ%', async () => {
  await wb.openFile('gotest/work_test.go');
  const before = captures().filter((n) => n.startsWith('BenchmarkChecksum-cpu-') && n.endsWith('.pb.gz'));
  await clickLens('BenchmarkChecksum', 'profile cpu');
  const view = new ProfileView(wb);
  const newer = view.frame.locator('.file-name', { hasText: /^BenchmarkChecksum-cpu-\d{8}-\d{6}(-2)?\.pb\.gz$/ }).filter({ hasNotText: before[0] });
  await newer.waitFor({ timeout: 180000 });
  await view.ready();
  const action = wb.page.locator('.editor-actions .action-label[aria-label="Compare with Previous Run"]');
  await action.waitFor({ timeout: 30000 });
  await action.click();
  const compared = wb.webviewFrame().locator('#run-compare[data-kind="benchmark"]');
  await compared.waitFor({ timeout: 60000 });
  for (const metric of ['ns_per_op', 'bytes_per_op', 'allocs_per_op']) {
    const row = compared.locator(`tr[data-metric="${metric}"]`);
    const [base, target] = await row.locator('td').evaluateAll((tds) => tds.slice(0, 2).map((td) => Number((td as HTMLElement).dataset.value)));
    assert.ok(base > 0 && target > 0, `${metric}: both sides`);
    assert.equal(Number(await row.locator('.run-delta').getAttribute('data-value')), target - base);
    assert.match(await row.locator('.run-percent').innerText(), /^([+-]?\d+(\.\d+)?%|0%|)$/);
  }
  assert.match(await compared.locator('tr[data-metric="ns_per_op"] .run-percent').innerText(), /%$/);
  await wb.screenshot('profile-test-compare');

  // The pprof Profiles view lists both runs under the benchmark's name.
  const header = wb.page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = wb.page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  const group = rows.filter({ hasText: 'BenchmarkChecksum · cpu' }).first();
  await group.waitFor({ timeout: 30000 });
  assert.match(await group.innerText(), /2 benchmark runs/);
  await group.click();
  await rows.filter({ hasText: 'ns/op' }).nth(1).waitFor({ timeout: 10000 });
  await wb.screenshot('profile-test-runs-view');
});

test('from the palette: the active file\'s tests to pick from, then the profile kind', async () => {
  writeFileSync(join(wb.workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'pprofLens.test.flags': ['-benchtime=0.5s'] }));
  await wb.openFile('gotest/work_test.go');
  await wb.runCommand('pprof: Profile Test or Benchmark…');
  const rows = wb.page.locator('.quick-input-list .monaco-list-row');
  // The palette's own rows stay in the page, hidden, until the command's pick replaces them.
  await rows.filter({ hasText: 'TestChecksum' }).first().waitFor({ timeout: 30000 });
  // Each row: the name, then its kind and line.
  const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ''));
  assert.deepEqual(labels, ['TestChecksumtest,line6', 'BenchmarkChecksumbenchmark,line19', 'TestChecksumSmalltest,line26']);
  await rows.filter({ hasText: 'TestChecksum' }).first().click();
  await rows.filter({ hasText: 'mem' }).first().waitFor({ timeout: 10000 });
  await rows.filter({ hasText: 'go test -memprofile' }).first().click();
  const view = new ProfileView(wb);
  await view.frame.locator('.file-name', { hasText: /^TestChecksum-mem-\d{8}-\d{6}\.pb\.gz$/ }).waitFor({ timeout: 180000 });
  await view.ready();
});

test('Cancel on the notification stops a long benchmark and leaves no file', async () => {
  writeFileSync(join(wb.workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'pprofLens.test.flags': ['-benchtime=120s'] }));
  const before = captures();
  await wb.openFile('gotest/work_test.go');
  await clickLens('BenchmarkChecksum', 'mem');
  const running = toast('pprof: profiling BenchmarkChecksum (mem)');
  // The benchmark has started once go test prints its header line into the notification.
  await running.filter({ hasText: 'cpu:' }).first().waitFor({ timeout: 120000 });
  await running.first().hover();
  await running.first().getByRole('button', { name: 'Cancel' }).click();
  await running.first().waitFor({ state: 'detached', timeout: 20000 });
  await wb.page.waitForTimeout(500);
  assert.deepEqual(captures(), before);
});

test('a package that does not compile: its first error line, and "Show Output" shows go\'s output', async () => {
  const broken = join(wb.workspaceDir, 'broken');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'broken.go'), 'package broken\n\nfunc Sum() int {\n\treturn notDeclared + 1\n}\n');
  writeFileSync(join(broken, 'broken_test.go'), 'package broken\n\nimport "testing"\n\nfunc TestSum(t *testing.T) {\n\tSum()\n}\n');
  await wb.openFile('broken/broken_test.go');
  await clickLens('TestSum', 'profile cpu');
  const error = toast('does not compile');
  await error.first().waitFor({ timeout: 120000 });
  assert.match(await error.first().innerText(), /example\.com\/goapp\/broken does not compile: \.\/broken\.go:4:\d+: undefined: notDeclared/);
  await error.first().hover();
  await error.first().getByRole('button', { name: 'Show Output' }).click();
  await wb.page.locator('.part.panel .monaco-editor .view-line', { hasText: 'undefined: notDeclared' }).first().waitFor({ timeout: 20000 });
  await wb.screenshot('profile-test-compile-error');
});

test('from the palette while a profile beside the test file has the focus: that file\'s tests', async () => {
  await wb.openFile('gotest/work_test.go');
  await wb.runCommand('View: Split Editor Right');
  await wb.openFile('profiles/cpu.pb.gz');
  await new ProfileView(wb).ready();
  // The profile is the active editor now, and it is not a text editor; work_test.go is the one beside it.
  const rows = wb.page.locator('.quick-input-list .monaco-list-row');
  // The profile's webview can take the focus once more as it settles, which closes a quick pick that has
  // just opened (its rows stay in the page, hidden): the command is run again then.
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand('pprof: Profile Test or Benchmark…');
    try {
      await rows.filter({ hasText: 'BenchmarkChecksum' }).first().waitFor({ timeout: 10000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await wb.page.keyboard.press('Escape');
    }
  }
  assert.equal(await toast('Open a _test.go file').count(), 0);
  await wb.page.keyboard.press('Escape');
});
