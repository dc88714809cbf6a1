// Bundles test/integration/index.ts and every test/integration/*.test.ts into one CommonJS module,
// out/test/integration/index.js, whose run() the extension host calls (see host.mjs).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './codeServer.mjs';

export const integrationBundle = join(repoRoot, 'out/test/integration/index.js');

export async function buildIntegrationTests() {
  const dir = join(repoRoot, 'test/integration');
  // PPROF_LENS_INTEGRATION=name runs only the files whose name contains it, while a suite is being written.
  const only = process.env.PPROF_LENS_INTEGRATION;
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && (!only || f.includes(only))).sort();
  // The test files are required lazily, after index.ts has installed mocha's TDD globals.
  const entry = [
    `import { runSuites } from './index';`,
    `export function run() { return runSuites(() => { ${files.map((f) => `require('./${f}');`).join(' ')} }); }`,
  ].join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: dir, sourcefile: 'all-tests.ts', loader: 'ts' },
    outfile: integrationBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent' }, // mocha's parallel mode, unused here
  });
  return integrationBundle;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildIntegrationTests();
