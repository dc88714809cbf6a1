import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { deltaTitle, STALE_NOTE } from '../../src/annotations/lensText';
import { pprofTop } from '../support/pprofTop';
import { pprofDiff } from './support/pprofDiff';
import { eventually } from './support/eventually';

interface Api {
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri; sampleType: string; total: number } | undefined;
}

const fixture = (rel: string) => vscode.Uri.file(path.join(process.env.PPROF_LENS_REPO!, 'test/fixtures', rel));
const heap = () => fixture('go-generated/heap.pb.gz');
const heapGc = () => fixture('go-generated/heap-gc.pb.gz');
const cpu = () => fixture('go-generated/cpu.pb.gz');
const mainGo = () => vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'main.go'));
const THRESHOLD = 0.01; // the default pprofLens.codeLens.threshold, 1%

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('pprofLens.compare'));
}

/** The one compare tab, once the workbench's tab model has caught up with the panel. */
function compareTab(): Promise<vscode.Tab> {
  return eventually('one compare tab', () => {
    const tabs = compareTabs();
    if (tabs.length === 1) return tabs[0];
    const all = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label}: ${(t.input as { viewType?: string })?.viewType}`);
    throw new Error(`tabs: ${JSON.stringify(all)}`);
  });
}

suite('compare view', () => {
  let api: Api;

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate()) as Api;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no active profile', () => (api.activeProfile() === undefined ? true : undefined));
  });

  function assertActive(base: vscode.Uri, target: vscode.Uri, type: string, total: number): void {
    const a = api.activeProfile();
    assert.ok(a, 'a compare view is the active profile');
    assert.equal(a.uri.toString(), target.toString(), 'uri is the target');
    assert.equal(a.baseUri?.toString(), base.toString(), 'baseUri is the base');
    assert.equal(a.sampleType, type);
    assert.equal(a.total, total);
  }

  test('compareProfiles with { base, target } opens the compare view; activeProfile() gives the target, the base and the total of pprof -diff_base', async () => {
    const oracle = pprofDiff(heap().fsPath, heapGc().fsPath, { unit: 'bytes' });
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    assert.equal(result?.toString(), heapGc().toString());
    const tab = await compareTab();
    assert.equal(tab.label, 'heap.pb.gz ↔ heap-gc.pb.gz');
    assert.ok(tab.isActive);
    assertActive(heap(), heapGc(), oracle.type, oracle.total);
  });

  test('comparing the same pair again shows the open view instead of a second one', async () => {
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    await compareTab();
    await vscode.commands.executeCommand('pprofLens.openProfile', { uri: cpu() });
    await eventually('cpu active', () => (api.activeProfile()?.uri.toString() === cpu().toString() ? true : undefined));
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    await eventually('the compare view active again', () => (api.activeProfile()?.baseUri ? true : undefined));
    assert.equal(compareTabs().length, 1);
  });

  test('a profile compared with itself opens, with the total pprof reports for it', async () => {
    const oracle = pprofDiff(heap().fsPath, heap().fsPath, { unit: 'bytes' });
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heap() });
    assert.equal((await compareTab()).label, 'heap.pb.gz ↔ heap.pb.gz');
    assertActive(heap(), heap(), oracle.type, oracle.total);
  });

  test('Select Sample Type switches a compare view, with the totals of pprof -diff_base', async () => {
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap().fsPath, target: heapGc().fsPath });
    const units: Record<string, string> = { alloc_objects: 'count', alloc_space: 'bytes', inuse_objects: 'count', inuse_space: 'bytes' };
    try {
      for (const name of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) {
        assert.equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: name }), name);
        assertActive(heap(), heapGc(), name, pprofDiff(heap().fsPath, heapGc().fsPath, { sampleIndex: name, unit: units[name] }).total);
      }
    } finally {
      await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'inuse_space' });
    }
  });

  test('mode "base" gives the net total, as pprof -base reports it', async () => {
    const oracle = pprofDiff(heap().fsPath, heapGc().fsPath, { mode: 'base', unit: 'bytes' });
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc(), mode: 'base' });
    assertActive(heap(), heapGc(), oracle.type, oracle.total);
  });

  test("the Explorer's Compare Selected Profiles takes the older profile as the base", async () => {
    const oracle = pprofDiff(heap().fsPath, heapGc().fsPath, { unit: 'bytes' });
    // As the Explorer calls it: the clicked file, then the selection; the newer file is listed first.
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareSelectedProfiles', heapGc(), [heapGc(), heap()]);
    assert.equal(result?.toString(), heapGc().toString());
    assert.equal((await compareTab()).label, 'heap.pb.gz ↔ heap-gc.pb.gz');
    assertActive(heap(), heapGc(), oracle.type, oracle.total);
  });

  async function openEditors(...uris: vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      await vscode.commands.executeCommand('pprofLens.openProfile', { uri });
      await eventually(`${path.basename(uri.fsPath)} active`, () => (api.activeProfile()?.uri.toString() === uri.toString() ? true : undefined));
    }
  }

  /**
   * Runs a command that prompts, accepting the first item of each quick pick it shows, until it resolves.
   * An accept that reaches a quick pick before its list is live picks nothing and the command resolves to
   * undefined; then the whole command runs again.
   */
  async function acceptingFirstItems<T>(run: () => Thenable<T | undefined>): Promise<T | undefined> {
    let value: T | undefined;
    for (let attempt = 0; attempt < 5 && value === undefined; attempt++) {
      let result: { value: T | undefined } | undefined;
      void run().then((v) => (result = { value: v }));
      value = (
        await eventually('the picks accepted and the command done', async () => {
          if (result) return result;
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          return undefined;
        })
      ).value;
    }
    return value;
  }

  test('Compare Profiles… from the palette asks for the base, then the target, among the open profiles', async () => {
    await openEditors(heap(), heapGc());
    // The open profiles come first, the most recently focused first: heap-gc is the base, heap the target.
    const result = await acceptingFirstItems(() => vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareProfiles'));
    assert.equal(result?.toString(), heap().toString());
    const oracle = pprofDiff(heapGc().fsPath, heap().fsPath, { unit: 'bytes' });
    assertActive(heapGc(), heap(), oracle.type, oracle.total);
  });

  test('Compare with… takes the profile editor as the target and offers the open profiles as the base', async () => {
    await openEditors(heap(), heapGc());
    // As the editor title bar calls it, with the editor's file; the quick pick lists heap.pb.gz first.
    const result = await acceptingFirstItems(() => vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareWith', heapGc()));
    assert.equal(result?.toString(), heapGc().toString());
    const oracle = pprofDiff(heap().fsPath, heapGc().fsPath, { unit: 'bytes' });
    assertActive(heap(), heapGc(), oracle.type, oracle.total);
  });

  test('Compare Selected Profiles counts only the profile files of the selection', async () => {
    const folder = vscode.Uri.file(path.dirname(heap().fsPath));
    const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareSelectedProfiles', heap(), [folder, heap(), heapGc()]);
    assert.equal(result?.toString(), heapGc().toString());
    assert.equal(api.activeProfile()?.baseUri?.toString(), heap().toString());
  });

  const notTwo: [string, () => vscode.Uri[]][] = [
    ['one profile', () => [heap()]],
    ['three profiles', () => [heap(), heapGc(), cpu()]],
    ['a profile and a Go file', () => [heap(), mainGo()]],
  ];
  for (const [what, selection] of notTwo) {
    test(`Compare Selected Profiles with ${what} selected opens nothing`, async () => {
      const [clicked] = selection();
      assert.equal(await vscode.commands.executeCommand('pprofLens.compareSelectedProfiles', clicked, selection()), undefined);
      assert.equal(compareTabs().length, 0);
      assert.equal(api.activeProfile(), undefined);
    });
  }

  const refused: [string, () => unknown][] = [
    ['profiles whose sample types differ (cpu and heap)', () => ({ base: cpu(), target: heap() })],
    ['a base file that does not exist', () => ({ base: path.join(tmpdir(), 'no-such-profile.pb.gz'), target: heap() })],
    [
      'a target that is not a profile',
      () => {
        const bad = path.join(mkdtempSync(path.join(tmpdir(), 'pprof-lens-compare-')), 'bad.pb.gz');
        writeFileSync(bad, 'this is a text file, not a profile\n');
        return { base: heap(), target: bad };
      },
    ],
    ['an argument without a target', () => ({ base: heap() })],
    ['an unknown mode', () => ({ base: heap(), target: heapGc(), mode: 'sideways' })],
  ];
  for (const [what, arg] of refused) {
    test(`${what}: no view, and no active profile`, async () => {
      assert.equal(await vscode.commands.executeCommand('pprofLens.compareProfiles', arg()), undefined);
      // The page opens while the worker reads the pair; a pair that cannot be compared takes it away again.
      await eventually('no compare view left', () => (compareTabs().length === 0 ? true : undefined));
      assert.equal(api.activeProfile(), undefined);
    });
  }

  test('a failed comparison leaves the active profile editor active', async () => {
    await vscode.commands.executeCommand('pprofLens.openProfile', { uri: heap() });
    await eventually('heap active', () => (api.activeProfile()?.uri.toString() === heap().toString() ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: cpu(), target: heap() }), undefined);
    assert.equal(api.activeProfile()?.uri.toString(), heap().toString());
    assert.equal(api.activeProfile()?.baseUri, undefined);
  });

  test('closing the compare view hands "active" back to the profile editor', async () => {
    await vscode.commands.executeCommand('pprofLens.openProfile', { uri: heap() });
    await eventually('heap active', () => (api.activeProfile()?.uri.toString() === heap().toString() ? true : undefined));
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    assert.equal(api.activeProfile()?.baseUri?.toString(), heap().toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually('the heap editor active again', () => {
      const a = api.activeProfile();
      return a?.uri.toString() === heap().toString() && a.baseUri === undefined ? true : undefined;
    });
  });

  test('the hover on a changed line gives base → target and the change for every sample type', async () => {
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    await vscode.workspace.openTextDocument(mainGo());
    const lens = await eventually('a delta lens on main.go', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mainGo())) ?? [];
      return found.find((l) => l.command?.title.startsWith('pprof Δ '));
    });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mainGo(), new vscode.Position(lens.range.start.line, 1));
    const text = hovers.flatMap((h) => h.contents.map((m) => (typeof m === 'string' ? m : m.value))).join('\n');
    for (const want of [/\*\*pprof\*\* Δ heap\\\.pb\\\.gz → heap\\-gc\\\.pb\\\.gz/, /flat: base → target \| Δ flat \| cum: base → target \| Δ cum/, /\| \*\*inuse\\_space\*\* \|/, /\| alloc\\_space \|/, /<span style="color:var\(--vscode-charts-(red|green)\);">/]) {
      assert.match(text, want, text);
    }
  });

  test('the CodeLens of a Go file shows the change of each function, as pprof -diff_base reports it', async () => {
    const type = { type: 'inuse_space', unit: 'bytes' };
    const diff = pprofDiff(heap().fsPath, heapGc().fsPath, { unit: 'bytes' });
    const base = pprofTop(heap().fsPath, { unit: 'bytes' });
    const baseCum = new Map(base.rows.map((r) => [r.name, r.cum]));
    const want = diff.rows
      .filter((r) => r.name.startsWith('main.') && r.cum !== 0 && Math.abs(r.cum) >= THRESHOLD * Math.abs(diff.total))
      .map((r) => ({ name: r.name, title: deltaTitle(r.cum, baseCum.get(r.name) ?? 0, type, false) }));
    assert.ok(want.length >= 3, `pprof reports changed functions in main.go: ${JSON.stringify(want)}`);
    await vscode.commands.executeCommand('pprofLens.compareProfiles', { base: heap(), target: heapGc() });
    await vscode.workspace.openTextDocument(mainGo());
    const lenses = await eventually('delta lenses on main.go', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', mainGo())) ?? [];
      const ours = found.filter((l) => l.command?.title.startsWith('pprof '));
      return ours.length >= want.length ? ours : undefined;
    });
    // The workspace's copy of main.go is newer than the fixtures: the titles end with the staleness note.
    const got = lenses.map((l) => ({ name: (l.command!.arguments?.[0] as { name: string }).name, title: l.command!.title.replace(` ${STALE_NOTE}`, '') }));
    for (const l of got) assert.match(l.title, /^pprof Δ inuse_space: /, JSON.stringify(got));
    for (const w of want) assert.ok(got.some((g) => g.name === w.name && g.title === w.title), `no lens ${w.name}: ${w.title}; lenses: ${JSON.stringify(got, null, 1)}`);
  });
});
