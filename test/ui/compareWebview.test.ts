// The compare view's webview alone, in real Chromium, with this process as its host over the real engine
// (support/compareDevPage.ts): the checks of compare.test.ts, and the cases the workbench test cannot
// reach from the Explorer (a profile compared with itself, a comparison that could not be opened, the
// colour-blind-safe palette). What VS Code does around it is compare.test.ts's to test.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { XSS_FUNCTIONS, xssProfileBytes } from '../fixtures/generated/xssProfile';
import { diffColor } from '../../webview/diffColors';
import { repoRoot } from '../harness/codeServer.mjs';
import { checkFlameAndLegend, checkHeader, checkSwap, checkTable, checkTooltip, pprofDiffTop } from './compareChecks';
import { CompareView, SELECTORS } from './compareView';
import { openComparePage, type ComparePage } from './support/compareDevPage';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);
const file = (path: string) => ({ name: path.split('/').pop()!, path });
const heap = fx('go-generated/heap.pb.gz');
const heapGc = fx('go-generated/heap-gc.pb.gz');
const cpu = fx('go-generated/cpu.pb.gz');

execFileSync('node', ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });

const pages: ComparePage[] = [];
after(async () => {
  for (const p of pages) await p.close();
});
async function open(o: Parameters<typeof openComparePage>[0]): Promise<{ p: ComparePage; view: CompareView }> {
  const p = await openComparePage(o);
  pages.push(p);
  const view = new CompareView(p.page);
  await view.root.locator(SELECTORS.header).waitFor();
  return { p, view };
}

describe('a heap profile compared with a later one', () => {
  let view: CompareView;
  let page: ComparePage;

  test('the header names both sides with pprof\'s totals and the change', async () => {
    ({ p: page, view } = await open({ base: heap, target: heapGc, palette: 'redGreen' }));
    await view.ready();
    await checkHeader(view, file(heap), file(heapGc), 'inuse_space', 'bytes');
  });

  test('the flame graph takes the legend\'s colours, and the tooltip gives base → target', async () => {
    await checkFlameAndLegend(view);
    await checkTooltip(view);
    await page.screenshot('compare-webview-tooltip');
  });

  test('the table\'s Δ is go tool pprof -diff_base\'s, sorted by |Δ cum| and by another column', async () => {
    await checkTable(view, pprofDiffTop(heap, heapGc, 'inuse_space', 'B').rows);
  });

  test('a row selects its function in callers/callees, which show the change', async () => {
    const top = (await view.rows())[0];
    await view.selectRow(top.name);
    const cum = view.root.locator('#sandwich [data-stat="cum"]');
    assert.equal(Number(await cum.getAttribute('data-value')), top.cumDelta);
    assert.equal(Number(await cum.getAttribute('data-base')), top.cumBase);
    assert.match((await cum.textContent()) ?? '', /→/);
    const callers = await view.root.locator('#callers tr.row td.delta[data-value]').evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
    assert.ok(callers.length > 0);
    for (let i = 1; i < callers.length; i++) assert.ok(Math.abs(callers[i - 1]) >= Math.abs(callers[i]));
  });

  test('the sample-type switch shows that type\'s totals and changes', async () => {
    await view.root.locator('#sample-type').click();
    await view.root.locator('#sample-type vscode-option', { hasText: 'alloc_space (bytes)' }).click();
    // heap's sample types: alloc_objects, alloc_space, inuse_objects, inuse_space.
    await view.root.locator(`${SELECTORS.table}[data-sample-index="1"]`).waitFor();
    await view.ready();
    await checkHeader(view, file(heap), file(heapGc), 'alloc_space', 'bytes');
    await view.root.locator('[data-stat="total"] dd[data-value]').waitFor();
    await checkTable(view, pprofDiffTop(heap, heapGc, 'alloc_space', 'B').rows);
    await view.root.locator('#sample-type').click();
    await view.root.locator('#sample-type vscode-option', { hasText: 'inuse_space (bytes)' }).click();
    await view.root.locator(`${SELECTORS.table}[data-sample-index="3"]`).waitFor();
    await view.ready();
  });

  test('swap posts to the host, which reopens the comparison the other way round', async () => {
    await checkSwap(view);
    await checkHeader(view, file(heapGc), file(heap), 'inuse_space', 'bytes');
    await checkTable(view, pprofDiffTop(heapGc, heap, 'inuse_space', 'B').rows);
    await page.screenshot('compare-webview-swapped');
  });
});

test('the mode and normalize controls ask the host to reopen the comparison with those options', async () => {
  const { view } = await open({ base: heap, target: heapGc, palette: 'redGreen' });
  await view.ready();
  const stat = view.root.locator('[data-stat="mode"] dd');
  assert.equal(await stat.textContent(), '-diff_base');
  await view.root.locator(SELECTORS.normalize).click();
  await view.root.locator('[data-stat="mode"] dd', { hasText: '-diff_base -normalize' }).waitFor();
  assert.match((await view.root.locator(`${SELECTORS.targetSide} .side-tag`).textContent()) ?? '', /normalized/);
  await view.root.locator(SELECTORS.mode).click();
  await view.root.locator(`${SELECTORS.mode} vscode-option[value="base"]`).click();
  await view.root.locator('[data-stat="mode"] dd', { hasText: /^-base -normalize$/ }).waitFor();
  await view.ready();
});

test('a profile compared with itself says so, and draws no change', async () => {
  const { p, view } = await open({ base: cpu, target: cpu, palette: 'redGreen' });
  await view.root.locator(SELECTORS.identical).waitFor();
  assert.match((await view.root.locator(SELECTORS.identical).textContent()) ?? '', /No difference: the two profiles are the same/);
  assert.equal(await view.root.locator(SELECTORS.legendSwatch).count(), 0);
  const neutral = diffColor(0, 'redGreen', await view.theme());
  const fills = new Set((await view.frames()).map((f) => f.fill));
  assert.deepEqual([...fills], [neutral]);
  assert.match((await view.root.locator('#top-table tr.empty').textContent()) ?? '', /No differences/);
  assert.equal((await view.change()).change, 'same');
  await p.screenshot('compare-webview-identical');
});

test('the colour-blind-safe palette fills frames and legend in blue and orange', async () => {
  const { view } = await open({ base: heapGc, target: heap, palette: 'blueOrange' });
  await view.ready();
  assert.equal(await view.palette(), 'blueOrange');
  await checkFlameAndLegend(view);
  assert.match((await view.root.locator(SELECTORS.legend).textContent()) ?? '', /blue: less in target.*orange: more in target/);
});

test('a comparison that could not be opened names both sides and says why, as text', async () => {
  const { p, view } = await open({ base: heap, target: heapGc, palette: 'redGreen' });
  const message = 'cannot compare a heap profile (inuse_space) with a CPU profile (cpu): <b>sample types differ</b>';
  await p.send({ type: 'notProfile', fileName: 'cpu.pb.gz', message, compare: { baseName: 'heap.pb.gz', targetName: '<img src=x>.pb.gz', palette: 'redGreen' } });
  const shown = view.root.locator('#not-profile');
  await shown.waitFor();
  assert.equal(await view.root.locator('#not-profile-message').textContent(), message);
  assert.match((await shown.textContent()) ?? '', /Cannot compare these profiles.*heap\.pb\.gz.*<img src=x>\.pb\.gz/s);
  assert.equal(await shown.locator('img, b').count(), 0);
  assert.equal(await view.root.locator('#reopen-as-text').count(), 0);
});

test('names with HTML and script payloads, in the profiles and in their file names, show as text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-compare-xss-'));
  const path = join(dir, '<img src=x onerror=document.body.dataset.pwned=1>.pb.gz');
  writeFileSync(path, xssProfileBytes());
  try {
    const { view } = await open({ base: path, target: path, palette: 'redGreen' });
    await view.root.locator(SELECTORS.flameReady).waitFor();
    assert.equal((await view.side('base')).name, '<img src=x onerror=document.body.dataset.pwned=1>.pb.gz');
    const names = (await view.frames()).map((f) => f.name);
    for (const name of XSS_FUNCTIONS) assert.ok(names.includes(name), `flame graph lacks ${name}`);
    const tip = await view.hoverFrame(names.indexOf(XSS_FUNCTIONS[1]));
    assert.equal(tip.name, XSS_FUNCTIONS[1]);
    const injected = await view.root.locator('body').evaluate((body) => ({
      elements: body.querySelectorAll('#app img, #app iframe, #app script, #app b, #app svg svg, #app foreignObject svg').length,
      pwned: (body as HTMLElement).dataset.pwned,
    }));
    assert.deepEqual(injected, { elements: 0, pwned: undefined });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing the compare view draws violated the content security policy', () => {
  assert.ok(pages.length > 0);
  for (const p of pages) assert.deepEqual(p.cspViolations(), []);
});
