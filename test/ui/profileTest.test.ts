// Profile a Go benchmark from its lens in the real workbench: the lens above BenchmarkChecksum is clicked,
// the profile opens in the profile editor with the benchmarked function in its table; the notification's
// Cancel stops a long run with no file left; a package that does not compile shows its error with "Show Output".
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
  await wb.screenshot('profile-test-benchmark');
  const saved = captures().filter((n) => n.startsWith('BenchmarkChecksum-cpu-'));
  assert.deepEqual(saved.map((n) => n.replace(/^.*?(\.pb\.gz|\.run\.json|\.test)$/, '$1')).sort(), ['.pb.gz', '.run.json', '.test']);
});

test('from the palette: the active file\'s tests to pick from, then the profile kind', async () => {
  writeFileSync(join(wb.workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'pprofLens.test.flags': ['-benchtime=0.5s'] }));
  await wb.openFile('gotest/work_test.go');
  await wb.runCommand('pprof: Profile Test or Benchmark…');
  const rows = wb.page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 10000 });
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
