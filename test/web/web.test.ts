// npm run test:web: pprof Lens's web build in the web worker extension host of a real VS Code (code-server
// in headless Chromium). The extension is installed with user settings that make VS Code run its `browser`
// entry there (see README, "The web build"); beside it a test extension (test/web/suite, browser entry
// only) runs the in-host suite against the numbers of `go tool pprof` (oracle.json, computed here) and logs
// each outcome to the console, which is read here; then the page itself is driven: the profile editor,
// a zoom, a sample type, the lenses, the capture error.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildWebSuite } from '../harness/buildWebSuite.mjs';
import { repoRoot } from '../harness/codeServer.mjs';
import { startGoService, type GoService } from '../support/goService';
import { pprofTop } from '../support/pprofTop';
import { checkFlameAndLegend, checkHeader, type ComparedFile } from '../ui/compareChecks';
import { CompareView } from '../ui/compareView';
import { ProfileView } from '../ui/profileView';
import { compareInExplorer } from '../ui/support/explorer';
import { launchWorkbench, type Workbench } from '../ui/support/workbench';
import { peekCallers, writeOracle } from './oracle';
import { SUITE_MARK, type Captured, type Oracle, type SuiteEvent } from './oracleTypes';

const SUITE_TIMEOUT_MS = 300_000;

function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-web-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), dir, { recursive: true });
  mkdirSync(join(dir, 'profiles'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/parca/parca_testdata_labels.pb.gz'), join(dir, 'profiles/labels.pb.gz'));
  // The source as it was when the profiles were taken: older than them, so their lenses are not stale.
  const before = new Date('2000-01-01T00:00:00Z');
  utimesSync(join(dir, 'main.go'), before, before);
  mkdirSync(join(dir, 'compared'), { recursive: true });
  cpSync(join(dir, 'profiles/heap.pb.gz'), join(dir, 'compared/before.pb.gz'));
  cpSync(join(dir, 'profiles/heap-gc.pb.gz'), join(dir, 'compared/after.pb.gz'));
  mkdirSync(join(dir, 'dumps'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/goroutine/debug2-go1.19.txt'), join(dir, 'dumps/service-goroutine.txt'));
  return dir;
}

/** The suite's console lines, as they arrive, until its last one. */
async function suiteEvents(wb: Workbench): Promise<SuiteEvent[]> {
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  for (;;) {
    const events = wb.console
      .filter((m) => m.includes(SUITE_MARK))
      .map((m) => {
        const json = m.slice(m.indexOf(SUITE_MARK) + SUITE_MARK.length);
        return JSON.parse(json.slice(0, json.lastIndexOf('}') + 1)) as SuiteEvent;
      });
    if (events.some((e) => e.event === 'done')) return events;
    if (Date.now() > deadline) {
      const tail = wb.console.slice(-15).join('\n');
      throw new Error(`the web suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (${events.length} outcomes); the page's last console lines:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

let workspace: string;
let services: GoService[] = [];
let wb: Workbench;
let oracle: Oracle;
let events: SuiteEvent[] = [];

before(async () => {
  workspace = makeWorkspace();
  services = [await startGoService(), await startGoService({ cors: '*' })];
  oracle = writeOracle(workspace, { noCorsUrl: `${services[0].url}/debug/pprof/heap`, corsUrl: `${services[1].url}/debug/pprof/heap` });
  const suite = await buildWebSuite();
  wb = await launchWorkbench({ workspace, web: { extensions: [suite] } });
  events = await suiteEvents(wb);
});

after(async () => {
  // The page's console (the web worker host's log among it), for when something here fails.
  if (wb) {
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-results', 'web-console.log'), wb.console.join('\n'));
  }
  await wb?.close();
  for (const s of services) await s.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('inside the web worker extension host', async (t) => {
  const done = events.find((e) => e.event === 'done');
  assert.ok(done && done.passed + done.failed > 0, 'the suite ran its tests');
  for (const e of events) {
    if (e.event === 'done') continue;
    await t.test(e.name, () => {
      if (e.event === 'fail') throw new Error(e.error);
    });
  }
});

test('the capture the browser refused says why (CORS) and what to do instead, in one line', async () => {
  const toast = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: 'The browser could not read' }).first();
  await toast.waitFor({ timeout: 30000 });
  const text = (await toast.locator('.notification-list-item-message').textContent()) ?? '';
  assert.match(text, new RegExp(`could not read ${oracle.noCorsUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(text, /CORS: no Access-Control-Allow-Origin/);
  assert.match(text, /use the desktop VS Code, or save the profile/);
  assert.doesNotMatch(text, /\n/);
  await wb.screenshot('web-capture-refused');
  await wb.page.keyboard.press('Escape');
});

test('the palette of the web build has no command that needs a process', async () => {
  const page = wb.page;
  const labels = async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>pprof: ');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'pprof: Open Profile' }).first().waitFor({ timeout: 30000 });
    const shown = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
    await page.keyboard.press('Escape');
    return shown;
  };
  const shown = await labels();
  for (const has of ['pprof: Open Profile…', 'pprof: Capture Profile…', 'pprof: Compare Profiles…', 'pprof: Toggle Hot Lines']) {
    assert.ok(shown.includes(has), `${has} in ${shown.join(' | ')}`);
  }
  for (const hidden of ['Capture Again', 'Set Endpoint Credentials', 'Capture Snapshot Series', 'Stop Snapshot Series', 'Capture Fleet', 'Capture When', 'Stop Watching']) {
    assert.ok(!shown.some((l) => l.includes(hidden)), `${hidden} hidden: ${shown.join(' | ')}`);
  }
});

test('the capture the service allowed is the profile pprof reads, with its total', () => {
  const file = join(wb.workspaceDir, 'captured.json');
  assert.ok(existsSync(file), 'the suite recorded its capture');
  const captured = JSON.parse(readFileSync(file, 'utf8')) as Captured;
  const top = pprofTop(join(wb.workspaceDir, captured.file), { unit: 'bytes' });
  assert.equal(captured.sampleType, top.type);
  assert.equal(captured.total, top.total);
});

test('the profile editor of the web build: pprof\'s total and rows, a zoom, another sample type', async () => {
  const view = new ProfileView(wb);
  await view.open('profiles/cpu.pb.gz');
  const top = pprofTop(join(wb.workspaceDir, 'profiles/cpu.pb.gz'), { unit: 'nanoseconds' });
  assert.equal(await view.headerTotal(), top.total);
  assert.deepEqual(
    (await view.rows()).slice(0, 10).map((r) => [r.name, r.flat, r.cum]),
    top.rows.slice(0, 10).map((r) => [r.name, r.flat, r.cum]),
  );
  await wb.screenshot('web-editor-cpu');
  const widest = await view.widestFrame();
  await view.zoomInto(widest);
  assert.deepEqual((await view.breadcrumb()).slice(-1), [widest]);
  await wb.screenshot('web-editor-zoomed');
  await view.selectSampleType('samples (count)');
  assert.equal(await view.headerTotal(), pprofTop(join(wb.workspaceDir, 'profiles/cpu.pb.gz'), { sampleIndex: 'samples' }).total);
  await view.selectSampleType('cpu (nanoseconds)');
  assert.equal(await view.headerTotal(), top.total);
});

test('filters and callers/callees in the web build\'s profile editor follow pprof', async () => {
  const view = new ProfileView(wb);
  const file = join(wb.workspaceDir, 'profiles/cpu.pb.gz');
  await view.applyFilter('focus', 'main\\.leafHash');
  await view.ready();
  const focused = pprofTop(file, { unit: 'nanoseconds', focus: 'main\\.leafHash' });
  assert.deepEqual((await view.rows()).slice(0, 8).map((r) => [r.name, r.flat, r.cum]), focused.rows.slice(0, 8).map((r) => [r.name, r.flat, r.cum]));
  await wb.screenshot('web-editor-focus');
  await view.frame.locator('#filters-clear').click();
  await view.ready();
  const first = (await view.rows())[0].name;
  await view.selectRow(first);
  await view.frame.locator('#callers tr.row').first().waitFor();
  const shown = await view.frame.locator('#callers tr.row').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.name ?? ''));
  assert.deepEqual([...shown].sort(), [...peekCallers(file, first)].sort(), `callers of ${first}`);
  await wb.screenshot('web-editor-callers');
});

test('the compare view of the web build: both sides and the change as pprof gives them, the differential flame graph and its legend', async () => {
  await compareInExplorer(wb, 'compared', 'before.pb.gz', 'after.pb.gz');
  const view = new CompareView(wb.webviewFrame());
  await view.ready();
  const byName: Record<string, ComparedFile> = Object.fromEntries(
    ['before.pb.gz', 'after.pb.gz'].map((name) => [name, { name, path: join(wb.workspaceDir, 'compared', name) }]),
  );
  const base = byName[(await view.side('base')).name];
  const target = byName[(await view.side('target')).name];
  assert.ok(base && target && base !== target, 'the two selected files are the two sides');
  await checkHeader(view, base, target, 'inuse_space', 'bytes');
  await checkFlameAndLegend(view);
  await wb.screenshot('web-compare');
});

test('a goroutine dump opens in the web build\'s goroutine view, grouped as the CLI groups it', async () => {
  const dump = join(wb.workspaceDir, 'dumps/service-goroutine.txt');
  const out = execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'goroutines', dump, '--json'], { encoding: 'utf8' });
  const cli = JSON.parse(out) as { total: number; groups: unknown[] };
  await wb.openFile('dumps/service-goroutine.txt');
  const title = wb.webviewFrame().locator('.dump-title');
  await title.waitFor({ timeout: 60000 });
  assert.match((await title.textContent()) ?? '', new RegExp(`· ${cli.total} goroutines in ${cli.groups.length} groups ·`));
  await wb.screenshot('web-goroutines');
});

test('main.go shows the lenses of the open profile', async () => {
  // The annotations follow the active profile: the cpu profile again, after the compare view.
  await new ProfileView(wb).open('profiles/cpu.pb.gz');
  await wb.openFile('main.go');
  // walkA (line 48) starts the hot code of main.go: bring it into view, since only lenses in view are drawn.
  await wb.page.keyboard.press('Control+G');
  await wb.page.locator('.quick-input-widget input').fill(':60');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'line 60' }).waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'pprof cpu' }).filter({ visible: true });
  await lens.first().waitFor({ timeout: 30000 });
  const shown = await lens.allTextContents();
  const titles = new Set(oracle.lenses.functions.map((f) => f.title));
  assert.ok(shown.some((t) => titles.has(t.trim())), `a lens with pprof's numbers for a function among: ${shown.join(' | ')}`);
  await wb.screenshot('web-lenses');
});
