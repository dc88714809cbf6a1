import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { XSS_FILE, XSS_FUNCTIONS, XSS_LABEL, XSS_SAMPLE_TYPE, xssProfileBytes } from '../fixtures/generated/xssProfile';
import { repoRoot } from '../harness/codeServer.mjs';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;
let view: ProfileView;
let workspace: string;
const console: string[] = [];

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pprof-lens-xss-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'profiles/xss.pb.gz'), xssProfileBytes());
  wb = await launchWorkbench({ workspace });
  wb.page.on('console', (m) => console.push(m.text()));
  view = new ProfileView(wb);
  await view.open('profiles/xss.pb.gz');
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

/** Elements a payload would have created, and the mark any payload that ran leaves on the body. */
async function injected(): Promise<{ elements: number; pwned: string | undefined }> {
  return view.frame.locator('body').evaluate((body) => ({
    elements: body.querySelectorAll('#app img, #app iframe, #app script, #app b, #app svg svg, #app foreignObject svg').length,
    pwned: (body as HTMLElement).dataset.pwned,
  }));
}

test('function names with HTML and script payloads appear literally in the table and the flame graph', async () => {
  const rows = (await view.rows()).map((r) => r.name);
  for (const name of XSS_FUNCTIONS) assert.ok(rows.includes(name), `table lacks ${name}`);
  const cells = await view.frame.locator('#top-table td.name').allTextContents();
  for (const name of XSS_FUNCTIONS) assert.ok(cells.includes(name), `no cell reads ${name}`);
  const labels = await view.frame.locator('#flame-chart .d3-flame-graph-label').allTextContents();
  for (const name of XSS_FUNCTIONS.slice(0, 3)) assert.ok(labels.includes(name), `no flame label reads ${name}`);
  assert.equal(await view.selectedSampleType(), `${XSS_SAMPLE_TYPE} (nanoseconds)`);
  assert.deepEqual(await injected(), { elements: 0, pwned: undefined });
  await wb.screenshot('xss-editor');
});

test('the tooltip, the sandwich and a label filter show payloads as text', async () => {
  const evil = XSS_FUNCTIONS[1];
  await view.frame.locator('#flame-chart g.frame').filter({ has: view.frame.locator('.d3-flame-graph-label', { hasText: 'main.evil' }) }).first().hover();
  const tip = view.frame.locator('.flame-tooltip.visible');
  await tip.waitFor();
  assert.equal(await tip.locator('.tt-name').textContent(), evil);
  assert.equal(await tip.locator('.tt-file').textContent(), XSS_FILE);
  await wb.screenshot('xss-tooltip');
  await view.selectRow(XSS_FUNCTIONS[2]);
  assert.equal(await view.frame.locator('#sandwich .selected-name').textContent(), XSS_FUNCTIONS[2]);
  const callersCallees = await view.frame.locator('#sandwich td.name').allTextContents();
  assert.ok(callersCallees.includes(evil) && callersCallees.includes(XSS_FUNCTIONS[3]), callersCallees.join(' | '));
  await view.applyFilter('tagfocus', `handler=${XSS_LABEL}`);
  assert.equal(await view.frame.locator('.chip[data-filter="tagfocus"] code').textContent(), `handler=${XSS_LABEL}`);
  await view.ready();
  await wb.screenshot('xss-filtered');
  assert.deepEqual(await injected(), { elements: 0, pwned: undefined });
});

test('the by-label table and its focus show a label value with a payload as text', async () => {
  await view.frame.locator('#filters-clear').click();
  await view.frame.locator('.chip[data-filter="tagfocus"]').waitFor({ state: 'detached' });
  await view.frame.locator('#label-key').click();
  await view.frame.locator('#label-key vscode-option', { hasText: 'handler' }).click();
  const table = view.frame.locator('#label-table[data-key="handler"]');
  await table.locator('tr.row').first().waitFor();
  assert.ok((await table.locator('th.value-group').allTextContents()).includes(XSS_LABEL));
  await view.frame.locator('#label-focus').click();
  await view.frame.locator('#label-focus vscode-option', { hasText: 'iframe' }).click();
  await view.frame.locator('.chip[data-filter="tagfocus"]').waitFor();
  await table.locator('th.value-group').first().filter({ hasText: 'iframe' }).waitFor();
  assert.deepEqual(await table.locator('th.value-group').allTextContents(), [XSS_LABEL]);
  await wb.screenshot('xss-by-label');
  assert.deepEqual(await injected(), { elements: 0, pwned: undefined });
});

test('nothing the profile carries violated the content security policy', () => {
  const violations = console.filter((t) => /Content Security Policy|Refused to/i.test(t));
  assert.deepEqual(violations, []);
});
