import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { contrast, frameColor, type ThemeKind } from '../../webview/colors';
import { fanOutProfileBytes, wideProfileBytes } from '../fixtures/generated/wideProfile';
import { repoRoot } from '../harness/codeServer.mjs';
import { pprofTop } from '../support/pprofTop';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

const fixtures = join(repoRoot, 'test/fixtures');
const fx = (rel: string) => join(fixtures, rel);

/** test/workspace plus the fixtures these tests open, under names that say what they are and that no
 *  other name contains (Quick Open picks by substring). */
function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-editor-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), dir, { recursive: true });
  const profiles = join(dir, 'profiles');
  mkdirSync(profiles, { recursive: true });
  cpSync(fx('parca/parca_testdata_labels.pb.gz'), join(profiles, 'labels.pb.gz'));
  cpSync(fx('parca/symbolizer_testdata_normal-cpu.stripped.pprof'), join(profiles, 'unsymbolized.pprof'));
  cpSync(fx('google-pprof/proftest-large.cpu.pb.gz'), join(profiles, 'proftest-large.pb.gz'));
  const cpu = readFileSync(fx('go-generated/cpu.pb.gz'));
  writeFileSync(join(profiles, 'truncated.pb.gz'), cpu.subarray(0, cpu.length >> 1));
  writeFileSync(join(profiles, 'wide.pb.gz'), wideProfileBytes());
  writeFileSync(join(profiles, 'fanout.pb.gz'), fanOutProfileBytes(300));
  writeFileSync(join(profiles, 'notes.prof'), 'These are notes about a profile, not a profile.\n');
  return dir;
}

/** The theme the webview is showing, as webview/colors.ts names it. */
async function theme(): Promise<ThemeKind> {
  const cls = (await view.frame.locator('body').getAttribute('class')) ?? '';
  if (cls.includes('vscode-high-contrast-light')) return 'hc-light';
  if (cls.includes('vscode-high-contrast')) return 'hc-dark';
  return cls.includes('vscode-light') ? 'light' : 'dark';
}

const sameRows = (shown: { name: string; flat: number; cum: number }[], oracle: readonly { name: string; flat: number; cum: number }[], n: number) =>
  assert.deepEqual(
    shown.slice(0, n).map((r) => [r.name, r.flat, r.cum]),
    oracle.slice(0, n).map((r) => [r.name, r.flat, r.cum]),
  );

let wb: Workbench;
let view: ProfileView;
let workspace: string;

before(async () => {
  workspace = makeWorkspace();
  wb = await launchWorkbench({ workspace });
  view = new ProfileView(wb);
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('a cpu profile shows pprof\'s header, top table and a bounded flame graph', async () => {
  await view.open('profiles/cpu.pb.gz');
  const oracle = pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds' });
  assert.equal(await view.headerTotal(), oracle.total);
  assert.equal(await view.selectedSampleType(), 'cpu (nanoseconds)');
  assert.equal((await view.frame.locator('#profile-kind').textContent())?.trim(), 'CPU');
  assert.equal(await view.stat('duration'), '5.17s');
  assert.equal(await view.stat('samples'), '949');
  sameRows(await view.rows(), oracle.rows, 12);
  const frames = await view.frames();
  assert.ok(frames.length > 10 && frames.length <= 5000, `${frames.length} frames drawn`);
  await wb.screenshot('editor-cpu');
});

test('the widest frames\' zooms arrive ahead of the clicks: the widest is drawn at full detail as it is clicked', async () => {
  await view.frame.locator('#flame-chart[data-ahead]').waitFor();
  const zoom = await view.frame.locator('#flame-chart').evaluate(() => {
    const gs = [...document.querySelectorAll('#flame-chart g.frame')].filter((g) => g.getAttribute('name') !== 'root');
    gs.sort((a, b) => Number(b.querySelector('rect')?.getAttribute('width')) - Number(a.querySelector('rect')?.getAttribute('width')));
    const name = gs[0].getAttribute('name');
    gs[0].dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    // Read before the page's next turn: a zoom that had to ask the host would still show the old root.
    const root = document.querySelector('#flame-chart g.frame')?.getAttribute('name');
    return { name, root, status: document.querySelector('#flame-status')?.textContent ?? '' };
  });
  assert.equal(zoom.root, zoom.name, 'the zoomed frame is the root at once');
  assert.match(zoom.status, /frames drawn of [\d,]+ sent/);
  assert.deepEqual(await view.breadcrumb(), ['All', zoom.name!]);
  await view.frame.locator('#zoom-reset').click();
  await view.frame.locator('.breadcrumb .crumb[aria-current="page"]', { hasText: 'All' }).waitFor();
});

test('switching the sample type reloads the header and table with pprof\'s numbers', async () => {
  await view.selectSampleType('samples (count)');
  const oracle = pprofTop(fx('go-generated/cpu.pb.gz'), { sampleIndex: 'samples' });
  assert.equal(await view.headerTotal(), oracle.total);
  sameRows(await view.rows(), oracle.rows, 12);
  await view.selectSampleType('cpu (nanoseconds)');
});

test('search highlights the matching frames and shows their share, as pprof -focus counts it', async () => {
  const term = 'crypto/sha256';
  const { text, value } = await view.search(term);
  const oracle = pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds', focus: term });
  assert.equal(value, oracle.shown);
  assert.match(text, /frames · [\d.]+% of total/);
  const frames = await view.frames();
  const match = frameColor('', await theme(), 'match');
  const matching = frames.filter((f) => f.name.includes(term));
  assert.ok(matching.length > 0);
  assert.deepEqual([...new Set(matching.map((f) => f.fill))], [match]);
  assert.ok(frames.filter((f) => !f.name.includes(term)).every((f) => f.fill !== match));
  await wb.screenshot('editor-cpu-search');
  await view.search('');
});

test('clicking a frame zooms into it through the worker, with a breadcrumb and a reset', async () => {
  const name = await view.widestFrame();
  await view.zoomInto(name);
  assert.deepEqual(await view.breadcrumb(), ['All', name]);
  const frames = await view.frames();
  assert.equal(frames[0].name, name, 'the zoomed frame is the new root');
  assert.ok(frames[0].width >= Math.max(...frames.map((f) => f.width)));
  await wb.screenshot('editor-cpu-zoomed');
  await view.frame.locator('#zoom-reset').click();
  await view.frame.locator('.breadcrumb .crumb[aria-current="page"]', { hasText: 'All' }).waitFor();
  assert.deepEqual(await view.breadcrumb(), ['All']);
});

test('selecting a row shows its callers and callees and marks its frames in the flame graph', async () => {
  const name = (await view.rows())[0].name;
  await view.selectRow(name);
  assert.equal(await view.frame.locator('#top-table tr.row.selected').first().getAttribute('data-name'), name);
  assert.ok((await view.frame.locator('#callers tr.row').count()) > 0, 'no callers listed');
  const selected = frameColor('', await theme(), 'selected');
  const mine = (await view.frames()).filter((f) => f.name === name);
  assert.ok(mine.length > 0 && mine.every((f) => f.fill === selected));
  await wb.screenshot('editor-cpu-selected');
});

test('the view keeps search, zoom and sample type when hidden, and when closed and reopened', async () => {
  await view.search('sort\\.');
  const name = await view.widestFrame();
  await view.zoomInto(name);
  await view.selectSampleType('samples (count)');
  const expectKept = async () => {
    await view.frame.locator('#search-info', { hasText: 'of total' }).waitFor({ timeout: 10000 }).catch(() => undefined);
    const kept = {
      search: await view.frame.locator('#flame-search input').inputValue(),
      info: /of total/.test((await view.frame.locator('#search-info').textContent()) ?? ''),
      breadcrumb: await view.breadcrumb(),
      sampleType: await view.selectedSampleType(),
    };
    assert.deepEqual(kept, { search: 'sort\\.', info: true, breadcrumb: ['All', name], sampleType: 'samples (count)' });
  };
  await wb.openFile('go.mod');
  await view.open('profiles/cpu.pb.gz');
  await expectKept();
  await wb.runCommand('View: Close All Editors');
  await view.open('profiles/cpu.pb.gz');
  await expectKept();
  await view.frame.locator('#zoom-reset').click();
  await view.search('');
  await view.selectSampleType('cpu (nanoseconds)');
});

test('go to source opens the file beside the profile at the row\'s line', async () => {
  await view.setGranularity('lines');
  await view.filterRows('counterStore');
  const link = view.frame.locator('#top-table .source-link', { hasText: 'main.go:235' }).first();
  await link.click();
  await wb.page.locator('.tabs-container .tab.active', { hasText: 'main.go' }).waitFor();
  await wb.page.locator('.statusbar-item', { hasText: 'Ln 235, Col 1' }).waitFor();
  await wb.screenshot('editor-go-to-source');
  await view.filterRows('');
  await view.setGranularity('functions');
  await wb.runCommand('View: Close All Editors');
});

test('at files the table\'s rows are files with pprof\'s numbers, the flame graph and callers follow, and the choice is kept', async () => {
  await view.open('profiles/cpu.pb.gz');
  await view.setGranularity('files');
  const oracle = pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds', granularity: 'files' });
  const rows = await view.rows();
  sameRows(rows, oracle.rows, 8);
  assert.ok(rows.every((r) => /^\/.*\.(go|s)$/.test(r.name)), rows.map((r) => r.name).join('\n'));
  assert.equal(await view.frame.locator('#top-table th.name').textContent(), 'File');
  const frames = (await view.frames()).filter((f) => f.name !== 'root');
  assert.ok(frames.length > 0 && frames.every((f) => /\.(go|s)$/.test(f.name) || f.name.startsWith('[')), frames.map((f) => f.name).join('\n'));
  await view.selectRow(rows[0].name);
  assert.ok((await view.frame.locator('#callers tr.row').count()) > 0, 'no calling files listed');
  assert.ok(await view.frame.locator('#callers tr.row').evaluateAll((trs) => trs.every((tr) => /\.(go|s)$/.test((tr as HTMLElement).dataset.name ?? ''))));
  await wb.screenshot('editor-cpu-files');

  await wb.runCommand('View: Close All Editors');
  await view.open('profiles/cpu.pb.gz');
  assert.equal(await view.granularity(), 'files');
  await view.frame.locator('#top-table[data-granularity="files"]').waitFor();

  await view.setGranularity('addresses');
  const byAddress = pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds', granularity: 'addresses' });
  const first = await view.frame.locator('#top-table tr.row td.name').first().textContent();
  // pprof prints the address as 16 hex digits before the name; the table shows it as 0x….
  const [hex, name, file] = byAddress.rows[0].name.split(' ');
  assert.equal(first, `0x${BigInt('0x' + hex).toString(16)} ${name} :${file.split(':').pop()}`);
  assert.deepEqual((await view.rows()).slice(0, 8).map((r) => [r.flat, r.cum]), byAddress.rows.slice(0, 8).map((r) => [r.flat, r.cum]));
  await wb.screenshot('editor-cpu-addresses');
  await view.setGranularity('functions');
  await wb.runCommand('View: Close All Editors');
});

test('a heap profile defaults to inuse_space and follows pprof through its four sample types', async () => {
  await view.open('profiles/heap.pb.gz');
  assert.equal(await view.selectedSampleType(), 'inuse_space (bytes)');
  assert.equal((await view.frame.locator('#profile-kind').textContent())?.trim(), 'Heap');
  for (const [type, unit] of [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']]) {
    await view.selectSampleType(`${type} (${unit})`);
    const oracle = pprofTop(fx('go-generated/heap.pb.gz'), { sampleIndex: type, unit });
    assert.equal(await view.headerTotal(), oracle.total, type);
    sameRows(await view.rows(), oracle.rows, 8);
  }
  await wb.screenshot('editor-heap');
});

for (const [kind, rel, file, unit] of [
  ['goroutine', 'profiles/goroutine.pb.gz', 'go-generated/goroutine.pb.gz', 'count'],
  ['mutex', 'profiles/mutex.pb.gz', 'go-generated/mutex.pb.gz', 'nanoseconds'],
  ['unsymbolized', 'profiles/unsymbolized.pprof', 'parca/symbolizer_testdata_normal-cpu.stripped.pprof', 'nanoseconds'],
  ['labels', 'profiles/labels.pb.gz', 'parca/parca_testdata_labels.pb.gz', 'nanoseconds'],
] as const) {
  test(`a ${kind} profile matches pprof's total and top rows`, async () => {
    await view.open(rel);
    const oracle = pprofTop(fx(file), { unit });
    assert.equal(await view.headerTotal(), oracle.total);
    sameRows(await view.rows(), oracle.rows, 8);
    await wb.screenshot(`editor-${kind}`);
  });
}

test('a label filter is applied by the worker, listed, and clearable', async () => {
  await view.open('profiles/cpu.pb.gz');
  await view.applyFilter('tagfocus', 'handler=contend');
  await view.ready();
  const oracle = pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds', tagfocus: 'handler=contend' });
  sameRows(await view.rows(), oracle.rows, 8);
  assert.equal((await view.frame.locator('.chip[data-filter="tagfocus"] code').textContent()), 'handler=contend');
  await wb.screenshot('editor-label-filter');
  await view.frame.locator('#filters-clear').click();
  await view.frame.locator('.filter-chips', { hasText: 'No filters applied' }).waitFor();
  await view.ready();
  sameRows(await view.rows(), pprofTop(fx('go-generated/cpu.pb.gz'), { unit: 'nanoseconds' }).rows, 8);
});

test('a profile whose tree is larger than the cap draws at most 5,000 frames and says what it folded', async () => {
  await view.open('profiles/wide.pb.gz');
  const status = (await view.frame.locator('#flame-status').textContent()) ?? '';
  assert.match(status, /of 5,000 sent/);
  assert.match(status, /too narrow to draw/);
  const frames = await view.frames();
  assert.ok(frames.length > 1000 && frames.length <= 5000, `${frames.length} frames drawn`);
  await wb.screenshot('editor-wide');
});

test('a function with more callees than the view lists shows the heaviest 100 and counts the rest', async () => {
  await view.open('profiles/fanout.pb.gz');
  await view.zoomInto('example.com/fan.dispatch');
  await view.frame.locator('#sandwich .selected-name', { hasText: 'example.com/fan.dispatch' }).waitFor();
  const callees = view.frame.locator('#callees');
  await callees.locator('.omitted').waitFor();
  assert.equal(await callees.locator('h3').textContent(), 'Callees (300)');
  const names = await callees.locator('tr.row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name));
  // Handler i weighs i + 1 samples, so the heaviest 100 are handlers 299 down to 200.
  assert.deepEqual(names, Array.from({ length: 100 }, (_, i) => `example.com/fan.handler${299 - i}`));
  // The other 200 weigh 1 + … + 200 = 20,100 samples of 10 ms, 201 s, of a total of 451.5 s.
  assert.equal(await callees.locator('.omitted').textContent(), '…and 200 more callees, 201s (44.52%) together');
  await wb.screenshot('editor-fanout-callees');
});

test('a large real profile matches pprof, and its pruned weight is reported', async () => {
  await view.open('profiles/proftest-large.pb.gz');
  const oracle = pprofTop(fx('google-pprof/proftest-large.cpu.pb.gz'), { unit: 'nanoseconds' });
  assert.equal(await view.headerTotal(), oracle.total);
  sameRows(await view.rows(), oracle.rows, 8);
  assert.match((await view.frame.locator('#flame-status').textContent()) ?? '', /too narrow to draw/);
  await wb.screenshot('editor-large');
});

test('frame labels keep a readable contrast in light, dark and high-contrast themes', async () => {
  const themes: [string, string][] = [
    ['Default Light Modern', 'light'],
    ['Default High Contrast', 'hc-dark'],
    ['Default High Contrast Light', 'hc-light'],
    ['Default Dark Modern', 'dark'],
  ];
  mkdirSync(join(wb.workspaceDir, '.vscode'), { recursive: true });
  for (const [theme, kind] of themes) {
    writeFileSync(join(wb.workspaceDir, '.vscode/settings.json'), JSON.stringify({ 'workbench.colorTheme': theme }));
    const bodyClass = { light: 'vscode-light', dark: 'vscode-dark', 'hc-dark': 'vscode-high-contrast', 'hc-light': 'vscode-high-contrast-light' }[kind]!;
    await view.frame.locator(`body.${bodyClass}`).waitFor({ timeout: 20000 });
    await view.frame.locator('#flame-chart g.frame rect').first().waitFor();
    // Colours are re-applied when the theme changes; give the webview its frame to do so.
    await view.page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => r(true))));
    const pairs = await view.frame.locator('#flame-chart g.frame').evaluateAll((gs) =>
      gs
        .map((g) => ({ fill: g.querySelector('rect')!.getAttribute('fill') ?? '', label: g.querySelector('.d3-flame-graph-label') as HTMLElement | null }))
        .filter((x) => x.label && getComputedStyle(x.label).display !== 'none' && x.label.textContent)
        .map((x) => ({ fill: x.fill, color: getComputedStyle(x.label!).color })),
    );
    assert.ok(pairs.length > 5, `${theme}: only ${pairs.length} labelled frames`);
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const worst = Math.min(...pairs.map((p) => contrast(rgb(p.fill), rgb(p.color))));
    assert.ok(worst >= 4.5, `${theme}: label contrast ${worst.toFixed(2)} < 4.5`);
    await wb.screenshot(`editor-theme-${kind}`);
  }
});

test('a file that is not a profile says why and reopens in the text editor', async () => {
  await wb.openFile('profiles/notes.prof');
  const box = view.frame.locator('#not-profile');
  await box.waitFor({ timeout: 60000 });
  assert.match((await view.frame.locator('#not-profile-message').textContent()) ?? '', /notes\.prof: .*text/i);
  await wb.screenshot('editor-not-profile');
  await view.frame.locator('#reopen-as-text').click();
  await wb.page.locator('.monaco-editor .view-lines', { hasText: 'These are notes about a profile' }).waitFor();
  await wb.runCommand('View: Close All Editors');
  await wb.openFile('profiles/truncated.pb.gz');
  await view.frame.locator('#not-profile-message', { hasText: /truncated gzip/ }).waitFor({ timeout: 60000 });
  await wb.screenshot('editor-truncated');
});
