// pprof: Load and Profile… in the real workbench, against the real Go test service: the palette flow, the
// notification with requests/s, the live view whose profile grows as the windows come in, the final profile
// in its place; and an empty CPU profile that says why and offers the command.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { parseRunRecord } from '../../src/protocol/runRecord';
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

const saved = () => {
  const dir = join(wb.workspaceDir, '.pprof');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Once the input box asking `prompt` is up, types `value` into it (undefined: keeps what it offers) and accepts it. */
async function answer(page: Page, prompt: string, value: string | undefined): Promise<void> {
  const input = page.locator(quickInput);
  await page.locator('.quick-input-widget').filter({ hasText: prompt }).waitFor();
  if (value !== undefined) await input.fill(value);
  await input.press('Enter');
}

/**
 * The live view's seconds covered (from its header) and its CPU total, once its flame graph has drawn a
 * profile that covers more than `after` seconds.
 */
async function liveState(name: RegExp, after = 0): Promise<{ covered: number; total: number }> {
  const frame = wb.webviewFrame();
  const deadline = Date.now() + 60000;
  for (;;) {
    const seen = await frame.locator('body').evaluate(() => ({
      name: document.querySelector('.file-name')?.textContent ?? '',
      total: Number(document.querySelector('[data-stat="total"] dd')?.getAttribute('data-value') ?? NaN),
      drawn: document.querySelector('#flame-status')?.getAttribute('data-kind') === 'ok',
    })).catch(() => undefined);
    const covered = Number(/· (\d+) of \d+ s$/.exec(seen?.name ?? '')?.[1] ?? NaN);
    if (seen && name.test(seen.name) && seen.drawn && covered > after && seen.total >= 0) return { covered, total: seen.total };
    if (Date.now() > deadline) throw new Error(`no live profile past ${after} s; last seen ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The header's total (CPU nanoseconds) of the visible profile view. */
async function total(): Promise<number> {
  const dd = wb.webviewFrame().locator('[data-stat="total"] dd[data-value]');
  await dd.waitFor({ timeout: 30000 });
  return Number(await dd.getAttribute('data-value'));
}

test('the palette flow: requests/s as they come, a live view that grows, then the saved profile in its place', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  await wb.runCommand('pprof: Load and Profile…');
  await answer(page, 'The URL to put load on', `${svc.url}/work`);
  await page.locator(quickRows).filter({ hasText: 'GET' }).first().click(); // method
  await answer(page, 'Request headers', ''); // headers
  await answer(page, 'Connections (1 to', '4'); // connections
  await answer(page, 'Seconds of load', '12'); // seconds
  await page.locator(quickRows).filter({ hasText: 'the same host and port' }).first().click(); // the target

  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: `pprof: load on GET 127.0.0.1:${port}/work` });
  await toast.filter({ hasText: /\d+ req\/s · \d+ requests · 0 errors · 0 non-2xx/ }).waitFor({ timeout: 20000 });
  await page.locator('.statusbar-item').filter({ hasText: 'pprof: capturing cpu under load' }).first().waitFor();

  // The live view: its title and header say how far the run is, and its profile grows from one window to the next.
  const liveTab = page.locator('.tabs-container .tab').filter({ hasText: /Live: GET .* · \d+ of 12 s/ });
  await liveTab.first().waitFor({ timeout: 30000 });
  const frame = wb.webviewFrame();
  const first = await liveState(/Live: GET/);
  await wb.screenshot('load-live-first');
  const second = await liveState(/Live: GET/, first.covered);
  await wb.screenshot('load-live-second');
  assert.ok(first.total > 0, `${first.total} ns of CPU after ${first.covered} s`);
  // Merging adds up equal stacks, so the sample count may fall; the CPU time only grows.
  assert.ok(second.covered > first.covered && second.total > first.total, `the live profile grew: ${JSON.stringify([first, second])}`);
  await frame.locator('#top-table tr.row[data-name="main.loadChecksum"]').first().waitFor({ timeout: 30000 });

  // The end: the saved profile opens, the live view goes.
  const finalTab = page.locator('.tabs-container .tab').filter({ hasText: `load-127.0.0.1_${port}_work-cpu-` });
  await finalTab.first().waitFor({ timeout: 60000 });
  await liveTab.first().waitFor({ state: 'detached', timeout: 30000 });
  await wb.webviewFrame().locator('#flame-status[data-kind="ok"]').waitFor({ timeout: 30000 });
  assert.ok((await total()) >= second.total);
  // The run's card in the header: the record's numbers and its latency histogram.
  const card = wb.webviewFrame().locator('#run-card');
  await card.waitFor({ timeout: 30000 });
  const record = parseRunRecord(readFileSync(join(wb.workspaceDir, '.pprof', saved().find((n) => n.startsWith(`load-127.0.0.1_${port}_work-cpu-`) && n.endsWith('.run.json'))!), 'utf8'))!;
  for (const key of ['requests', 'rps', 'errors', 'non2xx', 'p50', 'p90', 'p99', 'max']) {
    const shown = await card.locator(`[data-metric="${key}"] dd`).getAttribute('data-value');
    assert.equal(Number(shown), record.metrics.find((m) => m.key === key)!.value, key);
  }
  assert.ok(record.metrics.find((m) => m.key === 'requests')!.value > 0);
  assert.equal(await wb.webviewFrame().locator('#run-histogram rect').count(), record.histogram!.counts.length);
  await wb.screenshot('load-final');
  const files = saved().filter((n) => n.startsWith(`load-127.0.0.1_${port}_work-cpu-`));
  assert.equal(files.filter((n) => n.endsWith('.pb.gz')).length, 1);
  assert.equal(files.filter((n) => n.endsWith('.run.json')).length, 1);
  assert.equal(await page.locator('.statusbar-item').filter({ hasText: 'pprof: capturing cpu under load' }).count(), 0);
});

test('a second run of the same URL: Compare with Previous Run shows both cards with their changes', async () => {
  const { page } = wb;
  const port = new URL(svc.url).port;
  await wb.runCommand('pprof: Load and Profile…');
  await answer(page, 'The URL to put load on', undefined); // the URL of the last run
  await page.locator(quickRows).filter({ hasText: 'GET' }).first().click();
  await answer(page, 'Request headers', undefined);
  await answer(page, 'Connections (1 to', '2'); // fewer connections than the first run
  await answer(page, 'Seconds of load', '4');
  await page.locator(quickRows).filter({ hasText: 'the same host and port' }).first().click({ timeout: 10000 }).catch(async (e) => {
    await wb.screenshot('load-second-target');
    throw e;
  });
  const tabs = page.locator('.tabs-container .tab').filter({ hasText: `load-127.0.0.1_${port}_work-cpu-` });
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: `pprof: load on GET 127.0.0.1:${port}/work` });
  await toast.filter({ hasText: /req\/s/ }).first().waitFor({ timeout: 20000 });
  await toast.first().waitFor({ state: 'detached', timeout: 60000 });
  await wb.webviewFrame().locator('#run-card [data-metric="requests"]').waitFor({ timeout: 30000 });
  assert.equal(saved().filter((n) => n.startsWith(`load-127.0.0.1_${port}_work-cpu-`) && n.endsWith('.run.json')).length, 2);
  assert.ok((await tabs.count()) >= 1);

  await wb.runCommand('pprof: Compare with Previous Run');
  const compare = wb.webviewFrame().locator('#run-compare');
  await compare.waitFor({ timeout: 60000 });
  for (const key of ['p50', 'p99', 'rps']) {
    const row = compare.locator(`tr[data-metric="${key}"]`);
    const [base, target] = await Promise.all([row.locator('td').nth(0).getAttribute('data-value'), row.locator('td').nth(1).getAttribute('data-value')]);
    assert.ok(base !== null && target !== null, `${key}: both runs have it`);
    assert.equal(Number(await row.locator('td.run-delta').getAttribute('data-value')), Number(target) - Number(base), `${key}: Δ`);
  }
  await wb.webviewFrame().locator('#flame-status[data-kind="ok"]').waitFor({ timeout: 30000 });
  await wb.screenshot('load-compare-previous');

  // The pprof Profiles view lists both as runs of GET …/work, under the newest run's title.
  const header = page.locator('.pane-header').filter({ hasText: 'pprof Profiles' });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const rows = page.locator('.pane').filter({ has: header }).locator('.monaco-list-row');
  const group = rows.filter({ hasText: 'GET /work · 4 s · 2 connections' }).first();
  await group.waitFor({ timeout: 30000 });
  assert.match(await group.innerText(), /2 load runs/);
  await wb.screenshot('load-profiles-view');
});

test('Cancel on the notification stops the run and leaves no file', async () => {
  const { page } = wb;
  const before = saved();
  await wb.runCommand('pprof: Load and Profile…');
  await answer(page, 'The URL to put load on', `${svc.url}/light`); // the last answers are offered again: Enter after Enter
  await page.locator(quickRows).filter({ hasText: 'GET' }).first().click();
  await answer(page, 'Request headers', undefined);
  // The connections of the last run (2) are offered: remembered in the workspace state.
  await page.locator('.quick-input-widget').filter({ hasText: 'Connections (1 to' }).waitFor();
  assert.equal(await page.locator(quickInput).inputValue(), '2');
  await answer(page, 'Connections (1 to', undefined);
  await answer(page, 'Seconds of load', '30');
  await page.locator(quickRows).filter({ hasText: 'the same host and port' }).first().click(); // the target
  const toast = page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'pprof: load on GET' });
  await toast.filter({ hasText: /req\/s/ }).waitFor({ timeout: 20000 });
  await toast.hover();
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await toast.waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('.tabs-container .tab').filter({ hasText: 'Live: GET' }).first().waitFor({ state: 'detached', timeout: 15000 });
  assert.deepEqual(saved(), before);
});

test('a host outside loopback is asked about once, with a modal yes; the second run goes without asking', async () => {
  const { page } = wb;
  // This machine's own non-loopback address (no packet leaves it), on a port where nothing listens.
  const host = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '0.0.0.0';
  const url = `http://${host}:${await closedPort()}/work`;
  const run = async () => {
    await wb.runCommand('pprof: Load and Profile…');
    await answer(page, 'The URL to put load on', url);
    await page.locator(quickRows).filter({ hasText: 'GET' }).first().click();
    await answer(page, 'Request headers', '');
    await answer(page, 'Connections (1 to', '1');
    await answer(page, 'Seconds of load', '2');
    // The target: the service (the loaded host has no pprof endpoint), typed the first time, then offered.
    const last = page.locator(quickRows).filter({ hasText: 'last used with this URL' });
    await page.locator(quickRows).first().waitFor();
    if (await last.count()) return last.first().click();
    await page.locator(quickRows).filter({ hasText: 'Enter URL…' }).first().click();
    await answer(page, 'The pprof endpoint of the service under load', svc.url);
  };
  await run();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 15000 }).catch(() => undefined);
  await wb.screenshot('load-confirm-host');
  assert.ok(await dialog.isVisible(), 'a modal question');
  assert.match(await dialog.innerText(), new RegExp(`send load to ${host.replace(/\./g, '\\.')}:\\d+\\?`));
  await dialog.getByRole('button', { name: 'Send Load' }).click();
  // The run happens: the refused connections are counted, and the profile is saved.
  const port = new URL(url).port;
  const tab = page.locator('.tabs-container .tab').filter({ hasText: `load-${host}_${port}_work-cpu-` });
  await tab.first().waitFor({ timeout: 60000 });
  // The profile has opened and taken the focus (a palette opened before that would close under it).
  await wb.webviewFrame().locator('#flame-status[data-kind="ok"]').waitFor({ timeout: 30000 });
  await page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'pprof: load on GET' }).first().waitFor({ state: 'detached', timeout: 30000 });
  // Asked once per host: the second run starts without a question.
  await run();
  await page.locator('.notifications-toasts .notification-list-item').filter({ hasText: `pprof: load on GET ${host}:${port}/work` }).first().waitFor({ timeout: 15000 });
  assert.equal(await dialog.isVisible(), false);
  await tab.nth(1).waitFor({ timeout: 60000 }).catch(() => undefined);
  await page.locator('.notifications-toasts .notification-list-item').filter({ hasText: 'pprof: load on GET' }).first().waitFor({ state: 'detached', timeout: 30000 });
  assert.equal(saved().filter((n) => n.startsWith(`load-${host}_${port}_work-cpu-`) && n.endsWith('.run.json')).length, 2);
});

test('an empty CPU profile says the service was likely idle and offers Load and Profile…', async () => {
  const { page } = wb;
  mkdirSync(join(wb.workspaceDir, 'profiles'), { recursive: true });
  writeFileSync(join(wb.workspaceDir, 'profiles', 'idle-cpu.pb.gz'), emptyCpuProfile());
  await wb.openFile('profiles/idle-cpu.pb.gz');
  const note = wb.webviewFrame().locator('#empty-cpu');
  await note.waitFor({ timeout: 60000 });
  assert.match(await note.innerText(), /idle while this profile was captured/);
  await wb.screenshot('load-empty-cpu');
  await wb.webviewFrame().locator('#load-and-profile').click();
  const input = page.locator(quickInput);
  await input.waitFor({ timeout: 15000 });
  assert.match((await page.locator('.quick-input-widget').innerText()) ?? '', /Load and Profile/);
  await input.press('Escape');
});

/** What net/http/pprof sends for a CPU capture of an idle service: the sample types, period and duration, no sample. */
function emptyCpuProfile(): Buffer {
  const varint = (n: number) => {
    const out: number[] = [];
    for (; n > 127; n = Math.floor(n / 128)) out.push((n % 128) | 128);
    out.push(n);
    return out;
  };
  const field = (no: number, v: number) => [...varint(no << 3), ...varint(v)];
  const bytes = (no: number, b: number[]) => [...varint((no << 3) | 2), ...varint(b.length), ...b];
  const str = (s: string) => [...Buffer.from(s)];
  const valueType = (t: number, u: number) => [...field(1, t), ...field(2, u)];
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds'];
  return Buffer.from([
    ...bytes(1, valueType(1, 2)),
    ...bytes(1, valueType(3, 4)),
    ...strings.flatMap((s) => bytes(6, str(s))),
    ...field(9, Date.now() * 1e6),
    ...field(10, 1e9),
    ...bytes(11, valueType(3, 4)),
    ...field(12, 1e7),
  ]);
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = (s.address() as net.AddressInfo);
      s.close(() => resolve(port));
    });
  });
}
