// The layers of src/: the engine never imports vscode, no module imports itself through others, and no
// module imports one on a higher floor. The floors read as the data flow: the model's pipeline
// (base → profile → decode/filter → analysis → report), then what crosses threads, the worker, and the
// VS Code side from the pieces up to the command table and activate().
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { ImportEdge, importCycles, importEdges } from './support/importGraph';

const root = join(__dirname, '..', '..');
const tsFiles = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

/** For each module reachable from `entry`, the module that imported it first; and who imports vscode. */
async function vscodeImporters(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const importedBy = new Map<string, string>();
  for (const [file, info] of Object.entries(inputs)) {
    for (const imp of info.imports) if (!importedBy.has(imp.path)) importedBy.set(imp.path, file);
  }
  const chains: string[] = [];
  for (const [file, info] of Object.entries(inputs)) {
    if (!info.imports.some((i) => i.path === 'vscode')) continue;
    const chain = [file];
    for (let f = importedBy.get(file); f && chain.length < 20; f = importedBy.get(f)) chain.unshift(f);
    chains.push(chain.map((f) => relative(root, join(root, f))).join(' → ') + ' → vscode');
  }
  return chains;
}

describe('layering: the engine never imports vscode', () => {
  const entries = [
    ...tsFiles('src/model'),
    ...tsFiles('src/protocol'),
    ...tsFiles('src/worker'),
    'src/cli.ts',
    ...tsFiles('src/cli'),
  ];
  for (const entry of entries) {
    test(entry, async () => {
      assert.deepEqual(await vscodeImporters(entry), []);
    });
  }

  test('the check sees an import of vscode when there is one', async () => {
    const chains = await vscodeImporters('src/extension.ts');
    assert.ok(chains.length > 0, 'extension.ts reaches vscode');
    assert.match(chains[0], /→ vscode$/);
  });
});

/** Floors, lowest first. A module belongs to the longest prefix that names it. */
const FLOORS: readonly (readonly string[])[] = [
  ['src/model/base/'],
  ['src/model/profile/'],
  ['src/model/decode/', 'src/model/filter/'],
  ['src/model/analysis/'],
  ['src/model/report/'],
  ['src/protocol/', 'src/cli.ts', 'src/cli/'],
  ['src/worker/'],
  ['src/config.ts', 'src/disposable.ts'],
  ['src/source/', 'src/capture/', 'src/series/', 'src/fleet/', 'src/runs/', 'src/gotest/'],
  // What differs between the Node and the web build (an interface the layers below know by type only).
  ['src/platform/'],
  ['src/editor/'],
  ['src/annotations/'],
  ['src/load/'],
  ['src/services.ts'],
  ['src/commands/'],
  ['src/activation.ts'],
  ['src/extension.ts', 'src/extensionWeb.ts'],
];

function floorOf(file: string): number {
  let best = -1;
  let bestLength = 0;
  FLOORS.forEach((prefixes, floor) => {
    for (const p of prefixes) {
      if ((file === p || file.startsWith(p)) && p.length > bestLength) [best, bestLength] = [floor, p.length];
    }
  });
  return best;
}

/** Imports that run upward. A type-only import is allowed upward: it is a promise about a shape, gone at run time. */
function upwardImports(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((e) => !e.typeOnly && floorOf(e.to) > floorOf(e.from))
    .map((e) => `${e.from} (floor ${floorOf(e.from)}) → ${e.to} (floor ${floorOf(e.to)})`);
}

describe('layering: one direction, no cycles', () => {
  const edges = importEdges(root, ['src']);

  test('the imports were found', () => assert.ok(edges.length > 100));

  test('every module of src/ is on a floor', () => {
    const files = tsFiles('src');
    assert.deepEqual(files.filter((f) => floorOf(f) < 0), []);
  });

  test('no import cycles in src/, type-only imports included', () => {
    assert.deepEqual(importCycles(edges), []);
  });

  test('no module imports one on a higher floor', () => {
    assert.deepEqual(upwardImports(edges), []);
  });

  test('the cycle check finds a cycle', () => {
    const cycles = importCycles([
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: true },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: false },
    ]);
    assert.deepEqual(cycles, [['a.ts', 'b.ts', 'c.ts']]);
  });

  test('the floor check finds an import from a lower floor to a higher one', () => {
    const up = upwardImports([
      { from: 'src/model/decode/decodeProfile.ts', to: 'src/model/analysis/flatCum.ts', typeOnly: false },
      { from: 'src/model/analysis/flatCum.ts', to: 'src/model/profile/profile.ts', typeOnly: false },
    ]);
    assert.equal(up.length, 1);
    assert.match(up[0], /^src\/model\/decode\/decodeProfile\.ts/);
  });
});
