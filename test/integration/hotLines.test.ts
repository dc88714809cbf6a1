import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lensTitle, STALE_NOTE } from '../../src/annotations/lensText';
import { buildGoapp, captureCpuProfile, GoappBuild } from '../support/goappCapture';
import { pprofList } from '../support/pprofList';
import { pprofTop } from '../support/pprofTop';
import { eventually } from './support/eventually';

interface Api {
  activeProfile(): { uri: vscode.Uri; sampleType: string; total: number } | undefined;
}

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const mainGo = () => vscode.Uri.file(path.join(ws(), 'main.go'));
const cpu = { type: 'cpu', unit: 'nanoseconds' };
const THRESHOLD = 0.01; // the default pprofLens.codeLens.threshold, 1%

interface Lens {
  line: number;
  title: string;
  name: string;
  command: vscode.Command;
}

async function lenses(uri = mainGo()): Promise<Lens[]> {
  await vscode.workspace.openTextDocument(uri); // the command needs the document's model
  const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return found
    .filter((l) => l.command?.title.startsWith('pprof '))
    .map((l) => ({ line: l.range.start.line + 1, title: l.command!.title, name: (l.command!.arguments?.[0] as { name: string }).name, command: l.command! }));
}

/** Waits until the lenses of main.go satisfy `ok`, and returns them. */
function lensesWhen(what: string, ok: (ls: Lens[]) => boolean): Promise<Lens[]> {
  return eventually(what, async () => {
    const ls = await lenses();
    return ok(ls) ? ls : undefined;
  });
}

interface Capture {
  build: GoappBuild;
  uri: vscode.Uri;
}

suite('hot lines in the Go source', () => {
  let api: Api;
  const captures: Capture[] = [];
  let source: string[];

  suiteSetup(async function () {
    this.timeout(600000);
    api = (await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate()) as Api;
    source = readFileSync(mainGo().fsPath, 'utf8').split('\n');
    mkdirSync(path.join(ws(), 'profiles'), { recursive: true });
    for (const trimpath of [false, true]) {
      const build = await buildGoapp(ws(), trimpath);
      const file = path.join(ws(), 'profiles', `hot-${trimpath ? 'trimpath' : 'plain'}.pb.gz`);
      writeFileSync(file, await captureCpuProfile(build.bin, 2));
      captures.push({ build, uri: vscode.Uri.file(file) });
    }
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const c of captures) {
      c.build.remove();
      rmSync(c.uri.fsPath, { force: true });
    }
  });

  teardown(async () => {
    await vscode.commands.executeCommand('pprofLens.toggleHotLines', { visible: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function open(c: Capture): Promise<void> {
    await vscode.commands.executeCommand('pprofLens.openProfile', { uri: c.uri });
    await eventually('the profile to become active', () => (api.activeProfile()?.uri.fsPath === c.uri.fsPath ? true : undefined));
  }

  /** What pprof says the lenses of main.go must be: [line or function name, title]. */
  function oracle(c: Capture, sampleIndex = 'cpu', type = cpu) {
    const top = pprofTop(c.uri.fsPath, { sampleIndex, unit: type.unit });
    const trimPath = c.build.trimpath ? 'example.com/goapp' : c.build.sourceDir;
    const list = pprofList(c.uri.fsPath, { functions: '^main\\.', unit: type.unit === 'nanoseconds' ? 'ns' : '', sampleIndex, sourcePath: ws(), trimPath });
    assert.equal(list.total, top.total);
    const hot = (v: number) => v !== 0 && Math.abs(v) >= THRESHOLD * top.total;
    const functions = top.rows
      .filter((r) => r.name.startsWith('main.') && hot(r.cum))
      .map((r) => ({ name: r.name, title: lensTitle(r.flat, r.cum, type, top.total, false) }));
    const lines = list.routines.flatMap((r) =>
      [...r.lines].filter(([, v]) => hot(v.flat)).map(([line, v]) => ({ line, title: lensTitle(v.flat, v.cum, type, top.total, false) })),
    );
    return { functions, lines, total: top.total };
  }

  /** Each pprof function has one lens, on its declaration; each hot line one, on it; nothing else. */
  function assertMatches(got: Lens[], want: ReturnType<typeof oracle>): void {
    assert.ok(want.functions.length >= 3, `pprof reports hot functions in main.go: ${JSON.stringify(want)}`);
    assert.ok(want.lines.length >= 1, 'pprof reports hot lines in main.go');
    const rest = [...got];
    const take = (pred: (l: Lens) => boolean, what: string) => {
      const i = rest.findIndex(pred);
      assert.ok(i >= 0, `no lens for ${what}; lenses: ${JSON.stringify(got, null, 1)}`);
      return rest.splice(i, 1)[0];
    };
    for (const f of want.functions) {
      const l = take((x) => x.name === f.name && x.title === f.title && isDeclaration(x), `${f.name}: ${f.title}`);
      assert.ok(l.line >= 1);
    }
    for (const h of want.lines) take((x) => x.line === h.line && x.title === h.title, `line ${h.line}: ${h.title}`);
    assert.deepEqual(rest.map(({ line, title, name }) => ({ line, title, name })), [], 'lenses pprof does not report');
  }

  function isDeclaration(l: Lens): boolean {
    const text = source[l.line - 1] ?? '';
    const local = l.name.replace(/^main\./, '');
    if (/\.func\d+(\.\d+)*$/.test(local)) return /func\(/.test(text);
    const fn = local.replace(/^\(\*?\w+\)\./, '');
    return new RegExp(`^func (\\([^)]*\\) )?${fn}\\(`).test(text);
  }

  for (const trimpath of [false, true]) {
    test(`a profile of a ${trimpath ? '-trimpath' : 'plain'} build from another directory: lenses where go tool pprof reports hot, with its numbers`, async () => {
      const c = captures[trimpath ? 1 : 0];
      const want = oracle(c);
      await open(c);
      const got = await lensesWhen('lenses on main.go', (ls) => ls.length >= want.functions.length + want.lines.length);
      assertMatches(got, want);
    });
  }

  test('changing the sample type changes the lenses to that type, with pprof numbers', async () => {
    const c = captures[0];
    await open(c);
    await lensesWhen('cpu lenses', (ls) => ls.length > 0 && ls[0].title.startsWith('pprof cpu:'));
    await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'samples' });
    try {
      const got = await lensesWhen('samples lenses', (ls) => ls.length > 0 && ls.every((l) => l.title.startsWith('pprof samples:')));
      assertMatches(got, oracle(c, 'samples', { type: 'samples', unit: 'count' }));
    } finally {
      // The editor remembers its sample type; the next tests expect pprof's default.
      await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: 'cpu' });
    }
  });

  test('toggleHotLines hides and shows the lenses; closing the profile removes them', async () => {
    await open(captures[0]);
    await lensesWhen('lenses', (ls) => ls.length > 0);
    assert.equal(await vscode.commands.executeCommand('pprofLens.toggleHotLines'), false);
    await lensesWhen('no lenses while hidden', (ls) => ls.length === 0);
    assert.equal(await vscode.commands.executeCommand('pprofLens.toggleHotLines'), true);
    await lensesWhen('lenses again', (ls) => ls.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('no active profile', () => (api.activeProfile() ? undefined : true));
    await lensesWhen('no lenses without a profile', (ls) => ls.length === 0);
  });

  test('pprofLens.codeLens.enabled = false turns the lenses off', async () => {
    await open(captures[0]);
    await lensesWhen('lenses', (ls) => ls.length > 0);
    const config = vscode.workspace.getConfiguration('pprofLens');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await lensesWhen('no lenses', (ls) => ls.length === 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await lensesWhen('lenses again', (ls) => ls.length > 0);
  });

  test('a hover on a hot line gives flat and cum for every sample type and the top callers', async () => {
    const c = captures[0];
    await open(c);
    const ls = await lensesWhen('lenses', (x) => x.length > 0);
    const hotLine = ls.find((l) => !isDeclaration(l)) ?? ls[0];
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', mainGo(), new vscode.Position(hotLine.line - 1, 1));
    const text = hovers.flatMap((h) => h.contents.map((m) => (typeof m === 'string' ? m : m.value))).join('\n');
    for (const want of [/\| \*\*cpu\*\* \|/, /\| samples \|/, /top callers/]) assert.match(text, want, text);
  });

  test('clicking a lens reveals its function in the profile editor', async () => {
    const c = captures[0];
    await open(c);
    const [first] = await lensesWhen('lenses', (x) => x.length > 0);
    await vscode.window.showTextDocument(mainGo());
    assert.equal(await vscode.commands.executeCommand(first.command.command, ...(first.command.arguments ?? [])), true);
    await eventually('the profile editor in front', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.fsPath === c.uri.fsPath ? true : undefined;
    });
  });

  test('a file saved after the profile was taken says so', async () => {
    await open(captures[0]);
    await lensesWhen('fresh lenses', (ls) => ls.length > 0 && ls.every((l) => !l.title.includes(STALE_NOTE)));
    const file = mainGo().fsPath;
    writeFileSync(file, readFileSync(file)); // same text, newer mtime
    await lensesWhen('stale lenses', (ls) => ls.length > 0 && ls.every((l) => l.title.endsWith(STALE_NOTE)));
  });

  test('with two main.go files, the -trimpath profile still resolves through go.mod; the plain one needs a mapping', async () => {
    const [c, trimmed] = captures;
    const other = path.join(ws(), 'cmd', 'other');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'main.go'), 'package main\n\nfunc main() {}\n');
    const config = vscode.workspace.getConfiguration('pprofLens');
    try {
      await open(c);
      await lensesWhen('no lenses: two main.go files match the build path', (ls) => ls.length === 0);
      await open(trimmed);
      await lensesWhen('lenses: example.com/goapp/main.go is in the module of go.mod', (ls) => ls.length > 0);
      await open(c);
      await lensesWhen('no lenses again for the plain build', (ls) => ls.length === 0);
      await config.update('pathMappings', { [c.build.sourceDir]: '${workspaceFolder}' }, vscode.ConfigurationTarget.Workspace);
      await lensesWhen('lenses through the mapping', (ls) => ls.length > 0);
    } finally {
      await config.update('pathMappings', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(path.join(ws(), 'cmd'), { recursive: true, force: true });
    }
  });
});
