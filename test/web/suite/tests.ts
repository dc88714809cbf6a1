// The web suite: the extension's browser entry, in the web worker extension host, checked against the
// numbers of `go tool pprof` (oracle.json, written by the Node side into the workspace).
import * as vscode from 'vscode';
import type { Captured, Oracle } from '../oracleTypes';
import { check, equal, eventually, type Test } from './runner';

interface Api {
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri; sampleType: string; total: number } | undefined;
}

const EXTENSION = 'pprof-lens.pprof-lens';

export function webTests(api: Api, oracle: Oracle, folder: vscode.Uri): Test[] {
  const at = (rel: string) => vscode.Uri.joinPath(folder, rel);

  async function openAndExpect(rel: string, sampleType: string, total: number): Promise<void> {
    const uri = at(rel);
    const opened = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.openProfile', { uri });
    equal(opened?.toString(), uri.toString(), 'openProfile resolves to the file');
    await eventually(`activeProfile() = ${sampleType} ${total} for ${rel}`, () => {
      const a = api.activeProfile();
      if (a?.uri.toString() !== uri.toString() || a.sampleType !== sampleType) return undefined;
      equal(a.total, total, `${rel} total`);
      return true;
    });
  }

  async function lenses(uri: vscode.Uri): Promise<{ line: number; title: string; name: string }[]> {
    await vscode.workspace.openTextDocument(uri);
    const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return found
      .filter((l) => l.command?.title.startsWith('pprof '))
      .map((l) => ({ line: l.range.start.line + 1, title: l.command!.title, name: (l.command!.arguments?.[0] as { name: string }).name }));
  }

  return [
    {
      name: 'the browser entry runs in the web worker extension host',
      async run() {
        equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'typeof process');
        // What the engine's worker inflates with here; without it, pako.
        equal(typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream, 'function', 'typeof DecompressionStream');
        equal(vscode.env.uiKind, vscode.UIKind.Web, 'uiKind');
        const ext = vscode.extensions.getExtension(EXTENSION);
        check(ext?.isActive, 'the extension is active here');
        equal(ext.extensionKind, vscode.ExtensionKind.UI, 'extensionKind (UI: the web worker host in a browser)');
        equal(ext.packageJSON.browser, './dist/web/extension.js', 'the browser entry');
        // The Node build sets it; in the web build the commands that need a process stay hidden.
        const ids = await vscode.commands.getCommands(true);
        check(ids.includes('pprofLens.openProfile') && ids.includes('pprofLens.captureProfile'), 'the web commands are registered');
        check(!ids.includes('pprofLens.captureFleet') && !ids.includes('pprofLens.captureSeries'), 'no command that needs a process is registered');
      },
    },
    ...oracle.opened.map((o) => ({
      name: `${o.file} opens with pprof's default sample type (${o.sampleType}) and total`,
      run: () => openAndExpect(o.file, o.sampleType, o.total),
    })),
    {
      name: 'selectSampleType goes through the heap profile\'s four sample types with pprof\'s totals',
      async run() {
        const { file, totals } = oracle.sampleTypes;
        await openAndExpect(file, 'inuse_space', totals.inuse_space);
        for (const [name, total] of Object.entries(totals)) {
          equal(await vscode.commands.executeCommand('pprofLens.selectSampleType', { sampleType: name }), name, 'selectSampleType resolves to the type');
          const a = api.activeProfile();
          equal(a?.sampleType, name, 'activeProfile().sampleType');
          equal(a?.total, total, `${name} total`);
        }
      },
    },
    {
      name: 'compareProfiles opens the compare view with the total of pprof -diff_base',
      async run() {
        const { base, target, sampleType, total } = oracle.comparison;
        const result = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.compareProfiles', { base: at(base), target: at(target) });
        equal(result?.toString(), at(target).toString(), 'compareProfiles resolves to the target');
        await eventually('the compare view as the active profile', () => {
          const a = api.activeProfile();
          if (a?.baseUri?.toString() !== at(base).toString()) return undefined;
          equal(a.uri.toString(), at(target).toString(), 'the target');
          equal(a.sampleType, sampleType, 'sampleType');
          equal(a.total, total, 'total');
          return true;
        });
      },
    },
    {
      name: 'main.go of the workspace gets a lens on each hot function, with pprof\'s numbers',
      async run() {
        const { profile, goFile, functions } = oracle.lenses;
        check(functions.length >= 3, `pprof reports hot functions in ${goFile}`);
        await openAndExpect(profile, 'cpu', oracle.opened[0].total);
        const got = await eventually(`lenses on ${goFile}`, async () => {
          const ls = await lenses(at(goFile));
          return ls.length >= functions.length ? ls : undefined;
        });
        for (const f of functions) {
          check(got.some((l) => l.name === f.name && l.title === f.title), `no lens "${f.title}" for ${f.name}; lenses: ${JSON.stringify(got)}`);
        }
      },
    },
    {
      name: 'the hover on a hot function lists its callers as pprof -peek does',
      async run() {
        const { profile, goFile, line, function: fn, names } = oracle.callers;
        await openAndExpect(profile, 'cpu', oracle.opened[0].total);
        const doc = await vscode.workspace.openTextDocument(at(goFile));
        await vscode.window.showTextDocument(doc);
        const text = await eventually(`a hover on ${goFile}:${line}`, async () => {
          const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line - 1, 5))) ?? [];
          const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
          return all.includes('top callers') ? all : undefined;
        });
        check(text.includes(`Function \`${fn}\``), `the hover names ${fn}: ${text}`);
        for (const n of names) check(text.includes(`| ${n} |`), `the hover lists the caller ${n}: ${text}`);
      },
    },
    {
      name: 'a capture from an origin that sends no CORS header resolves to nothing (its message is checked by the page)',
      async run() {
        const result = await vscode.commands.executeCommand('pprofLens.captureProfile', { url: oracle.noCorsUrl, open: false });
        equal(result, undefined, 'captureProfile result');
      },
    },
    {
      name: 'a capture from a service that allows this origin is saved in .pprof/ of the workspace and opens',
      async run() {
        const saved = await vscode.commands.executeCommand<vscode.Uri>('pprofLens.captureProfile', { url: oracle.corsUrl, open: false });
        check(saved instanceof vscode.Uri, `captureProfile resolves to the saved file, not ${String(saved)}`);
        const dir = vscode.Uri.joinPath(folder, '.pprof');
        check(saved.toString().startsWith(`${dir.toString()}/`) && /-heap-\d{8}-\d{6}\.pb\.gz$/.test(saved.path), `saved under .pprof/ with a capture's name: ${saved.toString()}`);
        const names = (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n);
        equal(names.length, 1, `files in .pprof/ (no temporary left): ${names.join(', ')}`);
        await vscode.commands.executeCommand('pprofLens.openProfile', { uri: saved });
        const a = await eventually('the capture as the active profile', () => (api.activeProfile()?.uri.toString() === saved.toString() ? api.activeProfile() : undefined));
        equal(a.sampleType, 'inuse_space', 'a heap profile opens on inuse_space');
        const record: Captured = { file: `.pprof/${names[0]}`, sampleType: a.sampleType, total: a.total };
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'captured.json'), new TextEncoder().encode(JSON.stringify(record)));
      },
    },
  ];
}
