// The capture pick with groups, in the real VS Code: a Prometheus group (the real Prometheus scraping
// three real test services) with its instance count and its instances, a static group, and a group whose
// Prometheus is down with its one-line reason; an instance picked is captured alone.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { GoService, repoRoot, startGoService } from '../support/goService';
import { startPrometheus, StartedPrometheus } from '../support/prometheus';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

const quickInput = '.quick-input-widget input';
const quickRows = '.quick-input-list .monaco-list-row';

let wb: Workbench;
let services: GoService[] = [];
let prom: StartedPrometheus;
let workspace: string;
let deadPort: number;

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

before(async () => {
  services = await Promise.all([0, 1, 2].map(() => startGoService()));
  prom = await startPrometheus(services.map((s) => s.url), { job: 'api' });
  deadPort = await closedPort();
  workspace = mkdtempSync(join(os.tmpdir(), 'pprof-lens-fleet-ws-'));
  cpSync(join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true, filter: (src) => !src.includes('.pprof') });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({
      'pprofLens.targets': [
        { name: 'api (Prometheus)', prometheus: prom.url, job: 'api' },
        { name: 'batch', targets: [services[0].url, services[1].url] },
        { name: 'billing', prometheus: `http://127.0.0.1:${deadPort}`, job: 'billing' },
      ],
    }),
  );
  wb = await launchWorkbench({ workspace });
});

after(async () => {
  await wb?.close();
  await prom?.stop();
  await Promise.all(services.map((s) => s.stop()));
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('the capture pick lists each group with its instance count and instances; a failed one says why', async () => {
  const { page } = wb;
  await wb.runCommand('pprof: Capture Profile…');
  await page.locator(quickInput).waitFor();
  const rows = page.locator(quickRows);
  await rows.filter({ hasText: '3 instances' }).first().waitFor({ timeout: 30000 });
  await rows.filter({ hasText: 'discovery failed' }).first().waitFor({ timeout: 30000 });
  await wb.screenshot('fleet-capture-pick');
  const text = (await rows.allInnerTexts()).join('\n');
  assert.match(text, /api \(Prometheus\)[\s\S]*3 instances: capture them all and merge/);
  assert.match(text, new RegExp(`Prometheus ${prom.url.replace(/\./g, '\\.')}: job api`));
  for (const s of services) assert.ok(text.includes(new URL(s.url).host), `${s.url} is listed`);
  assert.match(text, /batch[\s\S]*2 instances: capture them all and merge/);
  assert.match(text, new RegExp(`Prometheus at http://127\\.0\\.0\\.1:${deadPort} is not reachable \\(connection refused\\): is it running\\?`));
  assert.match(text, /Enter URL…/);

  // One instance of the Prometheus group: captured alone, named after it.
  const one = new URL(services[2].url).host;
  await page.locator(quickInput).fill(one);
  await rows.filter({ hasText: one }).filter({ hasText: '/debug/pprof' }).first().click();
  const input = page.locator(quickInput);
  await input.fill('Goroutine');
  await rows.filter({ hasText: 'Goroutine' }).first().click();
  const name = `${one.replace(':', '_')}-goroutine-`;
  await page.locator('.tabs-container .tab').filter({ hasText: name }).first().waitFor({ timeout: 60000 });
  const dir = join(wb.workspaceDir, '.pprof');
  const saved = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.pb.gz')) : [];
  assert.equal(saved.length, 1);
  assert.ok(saved[0].startsWith(name), saved[0]);
});

test('a PromQL watch from the palette: a configured Prometheus, the condition, the type; its status-bar item stops it', async () => {
  const { page } = wb;
  const rows = page.locator(quickRows);
  const input = page.locator(quickInput);
  await wb.runCommand('pprof: Capture When a PromQL Condition Fires…');
  await rows.filter({ hasText: 'api (Prometheus)' }).first().click();
  // The condition is prefilled with an example on the group's job.
  await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === 'go_goroutines{job="api"} > 5000', quickInput);
  await input.press('Enter');
  await input.fill('Heap');
  await rows.filter({ hasText: 'memory in use now' }).first().click();
  const item = page.locator('.statusbar-item').filter({ hasText: 'pprof when go_goroutines{job="api"}' });
  await item.first().waitFor({ timeout: 15000 });
  await page.locator('.statusbar-item').filter({ hasText: /pprof when .* · \d+ s/ }).first().waitFor();
  await wb.screenshot('fleet-watch-status');
  await item.first().click();
  await item.first().waitFor({ state: 'detached', timeout: 15000 });
});

test('Capture Fleet from the palette: the Prometheus group, the type; the merged profile opens with its three instances', async () => {
  const { page } = wb;
  const rows = page.locator(quickRows);
  const input = page.locator(quickInput);
  const dir = join(wb.workspaceDir, '.pprof');
  const before = new Set(existsSync(dir) ? readdirSync(dir) : []);
  await wb.runCommand('pprof: Capture Fleet…');
  await rows.filter({ hasText: '3 instances' }).first().waitFor({ timeout: 30000 });
  await rows.filter({ hasText: 'api (Prometheus)' }).filter({ hasText: '3 instances' }).first().click();
  await input.fill('Goroutine');
  await rows.filter({ hasText: 'Goroutine' }).first().click();
  await page.locator('.tabs-container .tab').filter({ hasText: /-fleet-.*\.pb\.gz/ }).first().waitFor({ timeout: 120000 });
  const view = new ProfileView(wb);
  await view.ready();
  await view.frame.locator('[data-stat="instances"] dd', { hasText: '3 instances' }).waitFor({ timeout: 60000 });
  await wb.screenshot('fleet-capture-merged');
  const added = readdirSync(dir).filter((n) => !before.has(n));
  assert.equal(added.filter((n) => /-fleet-.*\.pb\.gz$/.test(n)).length, 1, `one merged profile: ${added.join(', ')}`);
  assert.equal(added.filter((n) => n.endsWith('.fleet.json')).length, 1, `its record: ${added.join(', ')}`);
});
