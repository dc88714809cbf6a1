// The series view in the real VS Code: a series folder captured from the real Go service (its /leak handler
// retains 256 kB per call) opens in the series view by its manifest.json, and the leaking line of main.go
// gets a growth lens whose numbers are go tool pprof's. The manifest is re-read when it is rewritten.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { growthAmount } from '../../src/annotations/growthLensText';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { startGoService, type GoService } from '../support/goService';
import { pprofTop } from '../support/pprofTop';
import { captureSeriesFolder } from '../support/seriesFolder';
import { eventually } from './support/eventually';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const mainGo = () => vscode.Uri.file(path.join(ws(), 'main.go'));
const bytes = { type: 'inuse_space', unit: 'bytes' };

interface Lens {
  line: number;
  title: string;
  command: vscode.Command;
}

async function growthLenses(): Promise<Lens[]> {
  await vscode.workspace.openTextDocument(mainGo());
  const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mainGo())) ?? [];
  return found.filter((l) => l.command?.title.startsWith('pprof ↑')).map((l) => ({ line: l.range.start.line + 1, title: l.command!.title, command: l.command! }));
}

function seriesTabs(): vscode.TabInputCustom[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs.map((t) => t.input))
    .filter((i): i is vscode.TabInputCustom => i instanceof vscode.TabInputCustom && i.viewType === 'pprofLens.series');
}

/** The 1-based line of main.go that allocates each leaked session's payload. */
function leakingLine(): number {
  const i = readFileSync(mainGo().fsPath, 'utf8').split('\n').findIndex((l) => l.includes('payload: make([]byte, 256<<10)'));
  assert.ok(i >= 0, 'main.go has the leaking allocation');
  return i + 1;
}

suite('the series view', () => {
  let svc: GoService;
  let folder: string;
  let manifestUri: vscode.Uri;
  let manifest: SeriesManifest;

  suiteSetup(async function () {
    this.timeout(300_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    svc = await startGoService();
    folder = await captureSeriesFolder(svc, path.join(ws(), '.pprof'), { rounds: 6, leaksPerRound: 2, parksPerRound: 1, pauseMs: 300, failHeapRound: 3 });
    manifestUri = vscode.Uri.file(path.join(folder, 'manifest.json'));
    manifest = JSON.parse(readFileSync(manifestUri.fsPath, 'utf8'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await svc?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a manifest.json outside a series folder stays a JSON file', async () => {
    const plain = vscode.Uri.file(path.join(ws(), '.pprof', 'manifest.json'));
    writeFileSync(plain.fsPath, '{}');
    try {
      await vscode.commands.executeCommand('vscode.open', plain);
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputText, `manifest.json outside a series folder opened as ${JSON.stringify(tab?.input)}`);
    } finally {
      rmSync(plain.fsPath, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('a series folder\'s manifest.json opens in the series view', async () => {
    await vscode.commands.executeCommand('vscode.open', manifestUri, { preview: false });
    await eventually('the series view', () => (seriesTabs().some((t) => t.uri.fsPath === manifestUri.fsPath) ? true : undefined));
  });

  test('the leaking line of main.go gets a growth lens with go tool pprof\'s growth', async function () {
    this.timeout(120_000);
    const line = leakingLine();
    const lenses = await eventually('a growth lens on main.go', async () => {
      const ls = await growthLenses();
      return ls.length ? ls : undefined;
    }, 90_000);
    const lens = lenses.find((l) => l.line === line);
    assert.ok(lens, `no growth lens on line ${line}: ${JSON.stringify(lenses.map((l) => [l.line, l.title]))}`);
    // Each heap snapshot's flat at that line, as pprof -lines prints it.
    const heaps = manifest.snapshots.filter((s) => s.type === 'heap');
    assert.equal(heaps.length, 5, 'one heap snapshot failed, five were taken');
    const tops = heaps.map((s) => pprofTop(path.join(folder, s.file), { sampleIndex: 'inuse_space', unit: 'bytes', lines: true }));
    const flatAt = (n: number) => tops.map((top) => top.rows.filter((r) => /[ /]main\.go:(\d+)$/.exec(r.name)?.[1] === String(n)).reduce((a, r) => a + r.flat, 0));
    const flat = flatAt(line);
    let ups = 0;
    for (let i = 1; i < flat.length; i++) if (flat[i] > flat[i - 1]) ups++;
    const growth = flat[flat.length - 1] - flat[0];
    assert.ok(growth > 0 && ups === flat.length - 1, `pprof sees the leak grow at every step: ${flat}`);
    assert.match(lens.title, new RegExp(`^pprof ↑ ${growthAmount(growth, bytes).replace(/[+.]/g, '\\$&')} over \\d+ s, (mostly )?steady \\(${ups}/${flat.length - 1} snapshots up\\)$`));
    assert.equal(lens.command.command, 'pprofLens.revealSeriesRow');
    assert.equal(await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? [])), true);
    // Any other lens is on a line that pprof too sees grow.
    for (const l of lenses) {
      const f = flatAt(l.line);
      assert.ok(f[f.length - 1] > f[0], `a lens on line ${l.line}, which pprof sees at ${f}`);
    }
  });

  test('the manifest is re-read when it is rewritten: an early series has no lenses, and a full one has them again', async function () {
    this.timeout(120_000);
    const full = readFileSync(manifestUri.fsPath, 'utf8');
    const firstHeap = manifest.snapshots.findIndex((s) => s.type === 'heap');
    const early: SeriesManifest = { ...manifest, status: 'running', snapshots: manifest.snapshots.slice(0, firstHeap + 1), errors: [] };
    writeFileSync(manifestUri.fsPath, JSON.stringify(early));
    await eventually('no growth lens with one heap snapshot', async () => ((await growthLenses()).length === 0 ? true : undefined), 60_000);
    writeFileSync(manifestUri.fsPath, full);
    await eventually('the growth lens back', async () => ((await growthLenses()).some((l) => l.line === leakingLine()) ? true : undefined), 60_000);
  });

  test('a malformed manifest leaves the view open with no lenses, and the host keeps working', async function () {
    this.timeout(120_000);
    const full = readFileSync(manifestUri.fsPath, 'utf8');
    writeFileSync(manifestUri.fsPath, '{"target": 42}');
    await eventually('no growth lens for a malformed manifest', async () => ((await growthLenses()).length === 0 ? true : undefined), 60_000);
    assert.ok(seriesTabs().some((t) => t.uri.fsPath === manifestUri.fsPath), 'the series view stays open');
    writeFileSync(manifestUri.fsPath, full);
    await eventually('the growth lens back', async () => ((await growthLenses()).some((l) => l.line === leakingLine()) ? true : undefined), 60_000);
  });

  test('closing the series view takes its growth lenses away', async function () {
    this.timeout(120_000);
    await eventually('the growth lens', async () => ((await growthLenses()).some((l) => l.line === leakingLine()) ? true : undefined), 60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no growth lens once the view is closed', async () => ((await growthLenses()).length === 0 ? true : undefined), 30_000);
  });
});
