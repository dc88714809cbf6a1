// Bundles the web suite (test/web/suite) as an extension of its own with only a `browser` entry, so that
// VS Code runs it in the web worker extension host beside pprof Lens: out/test/web-suite/<id>-<version>/.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './codeServer.mjs';

export const webSuiteDir = join(repoRoot, 'out/test/web-suite/pprof-lens-tests.web-suite-0.0.1');

export async function buildWebSuite() {
  rmSync(webSuiteDir, { recursive: true, force: true });
  mkdirSync(webSuiteDir, { recursive: true });
  writeFileSync(join(webSuiteDir, 'package.json'), JSON.stringify({
    name: 'web-suite',
    publisher: 'pprof-lens-tests',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    browser: './extension.js',
    activationEvents: ['onStartupFinished'],
  }, null, 2));
  await esbuild.build({
    entryPoints: [join(repoRoot, 'test/web/suite/extension.ts')],
    outfile: join(webSuiteDir, 'extension.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome120',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return webSuiteDir;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) buildWebSuite().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
