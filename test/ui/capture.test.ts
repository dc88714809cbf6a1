import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
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

function captures(): string[] {
  const dir = join(wb.workspaceDir, '.pprof');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.pb.gz')) : [];
}

/** Waits for the quick input, types `text` and accepts the row labelled `label`. */
async function choose(page: Page, text: string, label: string): Promise<void> {
  const input = page.locator(quickInput);
  await input.waitFor();
  await input.fill(text);
  await page.locator(quickRows).filter({ hasText: label }).first().click();
}

/** Runs the palette flow up to the seconds pick: Enter URL… → url → CPU → `seconds`. */
async function startCpuCapture(page: Page, url: string, seconds: string): Promise<void> {
  await wb.runCommand('pprof: Capture Profile…');
  await choose(page, 'Enter URL', 'Enter URL…');
  const input = page.locator(quickInput);
  await input.waitFor();
  await input.fill(url);
  await input.press('Enter');
  await choose(page, 'CPU', 'CPU');
  await choose(page, seconds, seconds);
}

test('the palette flow captures a CPU profile with a countdown and opens it', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  const load = svc.get('/burn?ms=4000');
  await startCpuCapture(page, svc.url, '5 s');

  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: `pprof: capturing cpu from 127.0.0.1:${port}` });
  await toast.waitFor({ timeout: 15000 });
  await toast.filter({ hasText: /\d+ s left/ }).waitFor({ timeout: 15000 });
  await page.locator('.statusbar-item').filter({ hasText: 'pprof: capturing cpu' }).first().waitFor();
  await wb.screenshot('capture-countdown');

  const tab = page.locator('.tabs-container .tab').filter({ hasText: `127.0.0.1_${port}-cpu-` });
  await tab.first().waitFor({ timeout: 60000 });
  await load;
  await page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 30000 });
  await wb.screenshot('capture-opened');
  assert.equal(captures().filter((n) => n.startsWith(`127.0.0.1_${port}-cpu-`)).length, 1);
  assert.equal(await page.locator('.statusbar-item').filter({ hasText: 'pprof: capturing' }).count(), 0);
});

test('cancelling the notification stops the capture and saves nothing', async () => {
  const { page } = wb;
  const before = captures();
  await startCpuCapture(page, svc.url, '60 s');
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'pprof: capturing cpu' });
  await toast.waitFor({ timeout: 15000 });
  await toast.hover();
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await toast.waitFor({ state: 'detached', timeout: 10000 });
  await page.locator('.statusbar-item').filter({ hasText: 'pprof: capturing' }).first().waitFor({ state: 'detached', timeout: 10000 });
  assert.deepEqual(captures(), before);
});

test('a service that is not running gets a one-line error with a hint', async () => {
  const { page } = wb;
  const port = await closedPort();
  await wb.runCommand('pprof: Capture Profile…');
  await choose(page, 'Enter URL', 'Enter URL…');
  const input = page.locator(quickInput);
  await input.fill(`127.0.0.1:${port}`);
  await input.press('Enter');
  await choose(page, 'Goroutine', 'Goroutine');
  const error = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'is the service running, and on that port?' });
  await error.waitFor({ timeout: 30000 });
  await wb.screenshot('capture-refused');
  assert.match(await error.innerText(), new RegExp(`Connection to 127\\.0\\.0\\.1:${port} refused`));
});

test('a recent URL captures again, and the pprof Profiles view lists newest first and deletes', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  await wb.runCommand('pprof: Capture Profile…');
  await choose(page, '127.0.0.1', `${svc.url}/debug/pprof`);
  await choose(page, 'Goroutine', 'Goroutine');
  await page.locator('.tabs-container .tab').filter({ hasText: `127.0.0.1_${port}-goroutine-` }).first().waitFor({ timeout: 30000 });

  const header = page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  await rows.filter({ hasText: '-goroutine-' }).first().waitFor();
  const labels = await rows.allInnerTexts();
  await wb.screenshot('capture-profiles-view');
  assert.equal(labels.length, captures().length);
  assert.match(labels[0], /-goroutine-/);
  assert.match(labels[1], /-cpu-/);

  // The inline action appears on hover and the tree may re-render under the pointer (the watcher refreshes
  // it), so a click can land on a row that is being replaced: try again until the dialog shows.
  const dialog = page.locator('.monaco-dialog-box');
  for (let attempt = 0; attempt < 4 && !(await dialog.isVisible()); attempt++) {
    await rows.first().hover();
    await rows.first().locator('.action-label[aria-label="Delete"]').click({ timeout: 5000 }).catch(() => undefined);
    await dialog.waitFor({ timeout: 5000 }).catch(() => undefined);
  }
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await rows.filter({ hasText: '-goroutine-' }).first().waitFor({ state: 'detached', timeout: 15000 });
  assert.deepEqual(captures().filter((n) => n.includes('-goroutine-')), []);
  assert.equal(captures().filter((n) => n.includes('-cpu-')).length, 1);
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
