// The engine never imports vscode: src/model, src/protocol and the worker's logic must run in plain Node
// (the worker thread, the CLI, these tests). esbuild follows every import, direct or through other modules,
// and the test names the chain that reaches vscode.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';

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
    'src/worker/analysis.ts',
    'src/worker/rpc.ts',
    'src/worker/transfer.ts',
    'src/worker/worker.ts',
    'src/cli.ts',
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
