import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { buildGoapp, captureCpuProfile, GoappBuild } from '../support/goappCapture';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

let wb: Workbench;
let build: GoappBuild;
let workspace: string;

const lenses = () => wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'pprof cpu:' }).filter({ visible: true });
/** Gutter bars: glyph-margin decorations drawn from our SVG data URIs. */
const gutterBars = () =>
  wb.page.locator('.monaco-editor .glyph-margin-widgets > div').evaluateAll((els) => els.filter((e) => getComputedStyle(e).backgroundImage.includes('data:image/svg+xml')).length);

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pprof-lens-hotlines-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), workspace, { recursive: true });
  build = await buildGoapp(workspace, false);
  mkdirSync(join(workspace, 'profiles'), { recursive: true });
  writeFileSync(join(workspace, 'profiles', 'hot.pb.gz'), await captureCpuProfile(build.bin, 2));
  wb = await launchWorkbench({ workspace });
  // The workbench copied the workspace, so main.go looks newer than the profile: date it back.
  const old = new Date(Date.now() - 3600_000);
  utimesSync(join(wb.workspaceDir, 'main.go'), old, old);
});

after(async () => {
  await wb?.close();
  build?.remove();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('main.go shows lenses, the heat gutter and the active profile in the status bar', async () => {
  await new ProfileView(wb).open('profiles/hot.pb.gz');
  await wb.openFile('main.go');
  // fib (line 39) is the hottest code of main.go under the capture's /fib loop: bring it into view.
  await wb.page.keyboard.press('Control+G');
  await wb.page.locator('.quick-input-widget input').fill(':55');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'line 55' }).waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await lenses().first().waitFor({ timeout: 60000 });
  const titles = await lenses().allTextContents();
  assert.ok(titles.some((t) => /^pprof cpu: flat \S+ \(\S+%\) · cum \S+ \(\S+%\)$/.test(t)), titles.join('\n'));
  assert.ok(titles.every((t) => !t.includes('file changed since profile')), titles.join('\n'));
  await wb.page.waitForFunction(() => document.querySelectorAll('.monaco-editor .glyph-margin-widgets > div').length > 0);
  assert.ok((await gutterBars()) > 0, 'heat bars in the gutter');
  await wb.page.locator('.statusbar-item', { hasText: 'hot.pb.gz · cpu' }).waitFor({ timeout: 10000 });
  await wb.screenshot('hot-lines');
});

test('a hover on a hot line lists every sample type and the top callers', async () => {
  const line = wb.page.locator('.monaco-editor .view-line', { hasText: 'return fib(n-1) + fib(n-2)' });
  // Over the text itself: past the end of a line the editor asks no hover provider.
  await line.locator('span', { hasText: 'return' }).last().hover();
  const hover = wb.page.locator('.monaco-hover', { hasText: 'top callers' });
  await hover.waitFor({ timeout: 20000 });
  const text = (await hover.textContent()) ?? '';
  assert.match(text, /samples/);
  assert.match(text, /main\.fib/);
  await wb.page.waitForTimeout(500); // let the hover finish fading in before the screenshot
  await wb.screenshot('hot-lines-hover');
  await wb.page.keyboard.press('Escape');
});

test('Toggle Hot Lines hides the lenses and the gutter, and shows them again', async () => {
  await wb.runCommand('pprof: Toggle Hot Lines');
  await lenses().first().waitFor({ state: 'detached', timeout: 20000 });
  await wb.page.waitForFunction(() => document.querySelectorAll('.monaco-editor .glyph-margin-widgets > div').length === 0);
  await wb.screenshot('hot-lines-hidden');
  await wb.runCommand('pprof: Toggle Hot Lines');
  await lenses().first().waitFor({ timeout: 20000 });
});

test('clicking a function lens selects that function in the profile editor and its flame graph', async () => {
  // A function's lens says "Show <name> in the flame graph"; a hot line's says "Line N of <name>; …".
  const lens = lenses().and(wb.page.locator('a[title^="Show "]')).first();
  await lens.waitFor({ timeout: 20000 });
  const name = /^Show (.+) in the flame graph$/.exec((await lens.getAttribute('title')) ?? '')?.[1];
  assert.ok(name, 'the lens names its function');
  await lens.click();
  const view = new ProfileView(wb);
  await view.ready();
  // The sandwich view and the top table follow the selection.
  await view.frame.locator('#sandwich .selected-name').filter({ hasText: name }).waitFor({ timeout: 20000 });
  assert.equal(await view.frame.locator('#sandwich .selected-name').textContent(), name);
  await view.frame.locator('#top-table tr.row.selected').waitFor();
  assert.deepEqual(await view.frame.locator('#top-table tr.row.selected').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.name)), [name]);
  // In the flame graph its frames, and only its frames, wear the selection's colour, and one is in view.
  const frames = await view.frames();
  const fills = new Set(frames.filter((f) => f.name === name).map((f) => f.fill));
  assert.equal(fills.size, 1, `${name} is drawn in one colour`);
  const [selectedFill] = fills;
  assert.deepEqual(frames.filter((f) => f.fill === selectedFill && f.name !== name).map((f) => f.name), [], 'no other frame looks selected');
  assert.notEqual(selectedFill, frames.find((f) => f.name !== name && f.name !== 'root')?.fill);
  const inView = await view.frame.locator('.flame-scroll').evaluate((scroll, n) => {
    const box = scroll.getBoundingClientRect();
    return [...scroll.querySelectorAll('g.frame')].some((g) => {
      const r = g.getBoundingClientRect();
      return g.getAttribute('name') === n && r.bottom > box.top && r.top < box.bottom;
    });
  }, name);
  assert.ok(inView, `a ${name} frame is scrolled into view`);
  await wb.screenshot('hot-lines-reveal');
});
