// The goroutine dump view in the real workbench: a saved debug=2 dump of the test service opens by its
// name, shows its groups largest first, filters them by search, and opens a frame's source; a file that is
// not a dump says so and offers the text editor.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { launchWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;
let workspace: string;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pprof-lens-goroutines-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), workspace, { recursive: true });
  const dumps = join(workspace, 'dumps');
  mkdirSync(dumps, { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/goroutine/debug2-go1.19.txt'), join(dumps, 'service-goroutine.txt'));
  writeFileSync(join(dumps, 'broken-goroutine.txt'), 'Not a dump: these are notes.\n');
  writeFileSync(
    join(dumps, 'markup-goroutine.txt'),
    'goroutine 1 [<b>select</b>]:\nmain.<img src=x onerror="document.body.dataset.pwned=1">(0x1)\n\t/src/<script>x</script>.go:3 +0x1\n',
  );
  wb = await launchWorkbench({ workspace });
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const frame = () => wb.webviewFrame();

test('a saved dump shows its groups largest first, with state, wait, creator and frames', async () => {
  await wb.openFile('dumps/service-goroutine.txt');
  const groups = frame().locator('.group');
  await groups.first().waitFor({ timeout: 60000 });
  const counts = (await groups.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.count))));
  assert.equal(counts.length, 9);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  assert.equal(counts.reduce((a, b) => a + b, 0), 39);
  const first = groups.first();
  assert.equal(await first.locator('.group-state').textContent(), 'chan receive');
  assert.equal(await first.locator('.group-wait').textContent(), 'waiting 0–1 min');
  assert.equal(await first.locator('.group-creator .frame-name').textContent(), 'main.handlePark');
  assert.equal(await first.locator('.frames .frame-name').first().textContent(), 'main.parkedWaiter');
  assert.match((await frame().locator('.dump-title').textContent()) ?? '', /39 goroutines in 9 groups · debug=2 dump/);
  const chips = await frame().locator('button.state-chip').allTextContents();
  assert.deepEqual(chips.slice(0, 3), ['chan receive 23', 'chan send 10', 'IO wait 2']);
  await wb.screenshot('goroutines-view');
});

test('the search box keeps the groups that mention a frame, a state or a creator', async () => {
  const search = frame().locator('input.search');
  await search.fill('locked to thread');
  await frame().locator('.search-summary', { hasText: '1 of 9 groups, 2 goroutines' }).waitFor();
  assert.equal(await frame().locator('.group .frames .frame-name').first().textContent(), 'main.lockedPark');
  await search.fill('handlePark');
  await frame().locator('.search-summary', { hasText: '3 of 9 groups, 32 goroutines' }).waitFor();
  await frame().locator('button.state-chip[data-state="chan send"]').click();
  assert.equal(await search.inputValue(), 'chan send');
  await frame().locator('.search-summary', { hasText: '1 of 9 groups, 10 goroutines' }).waitFor();
  await search.fill('parkedWaiter');
  await frame().locator('.search-summary', { hasText: '1 of 9 groups, 20 goroutines' }).waitFor();
  await wb.screenshot('goroutines-search');
});

test('a frame opens its source beside the view at its line', async () => {
  await frame().locator('.group a.frame', { hasText: 'main.parkedWaiter' }).first().click();
  await wb.page.locator('.tabs-container .tab.active', { hasText: 'main.go' }).waitFor();
  await wb.page.locator('.statusbar-item', { hasText: 'Ln 195, Col 1' }).waitFor();
  await wb.screenshot('goroutines-go-to-source');
  await wb.runCommand('View: Close All Editors');
});

test('a file that is not a dump says why and offers the text editor', async () => {
  await wb.openFile('dumps/broken-goroutine.txt');
  const message = frame().locator('.not-dump-message');
  await message.waitFor({ timeout: 60000 });
  assert.match((await message.textContent()) ?? '', /not a goroutine dump: .*it starts with "Not a dump: these are notes\."/);
  await wb.screenshot('goroutines-not-a-dump');
  await frame().locator('button.open-text').click();
  await wb.page.locator('.monaco-editor .view-lines', { hasText: 'Not a dump: these are notes.' }).waitFor();
});

test('names from a dump are shown as text, never as markup', async () => {
  await wb.openFile('dumps/markup-goroutine.txt');
  const group = frame().locator('.group').first();
  await group.waitFor({ timeout: 60000 });
  assert.equal(await group.locator('.group-state').textContent(), '<b>select</b>');
  assert.equal(await group.locator('.frame-name').first().textContent(), 'main.<img src=x onerror="document.body.dataset.pwned=1">');
  assert.equal(await group.locator('.frame-pos').first().textContent(), '/src/<script>x</script>.go:3');
  assert.equal(await frame().locator('#app img, #app b, #app script').count(), 0);
  assert.equal(await frame().locator('body').getAttribute('data-pwned'), null);
});
