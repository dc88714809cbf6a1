// npm test: builds, then runs the unit tests (plain Node), the integration tests (one launch of the
// real extension host), the UI tests (Playwright, one workbench per file), the web build's tests (its browser
// entry in the web worker extension host, test/web), npm start and the packaging test, and ends with the line CI reads:
// `N passed, N failed`. `--only unit|integration|ui|web|package` runs one suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, makeRunDir, removeRunDir, repoRoot } from './harness/codeServer.mjs';
import { buildIntegrationTests } from './harness/buildTests.mjs';
import { runInHost } from './harness/host.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const total = { passed: 0, failed: 0 };

function testFiles(dir, recursive) {
  const abs = join(repoRoot, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive }).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f));
}

/** Runs files with node:test; spec output to the console, TAP to a file for the counts. */
function nodeTest(title, files) {
  console.log(`\n# ${title}`);
  if (!files.length) return console.log('(no test files)');
  const tmp = makeRunDir('pprof-lens-tap-');
  const tap = join(tmp, 'out.tap');
  try {
    const r = spawnSync(process.execPath, [
      '--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files,
    ], { cwd: repoRoot, stdio: 'inherit' });
    const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (k) => Number(summary.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
    const failed = count('fail') + count('cancelled');
    total.passed += count('pass');
    // A runner that died without reporting still counts as one failure.
    total.failed += failed || (r.status !== 0 ? 1 : 0);
  } finally {
    removeRunDir(tmp);
  }
}

async function integration() {
  console.log('\n# integration (inside the VS Code extension host)');
  const tests = await buildIntegrationTests();
  const { exitCode, passed, failed } = await runInHost({ tests });
  total.passed += passed ?? 0;
  total.failed += failed ?? 0;
  if (exitCode !== 0 && !failed) total.failed += 1;
}

rmSync(join(repoRoot, 'test-results'), { recursive: true, force: true });
/** Runs one suite; a suite that cannot start counts as one failure, and the others still run. */
async function suite(name, run) {
  if (only && only !== name && name !== 'build') return;
  try {
    await run();
  } catch (e) {
    console.error(`run-all: ${name}: ${e.message}`);
    total.failed += 1;
  }
}

await suite('build', build);
await suite('unit', () => nodeTest('unit', testFiles('test/unit', true)));
await suite('integration', integration);
await suite('ui', () => nodeTest('ui (Playwright on the workbench)', testFiles('test/ui', false)));
await suite('web', () => nodeTest('web (the browser entry in the web worker extension host)', testFiles('test/web', false)));
// Packaging rebuilds dist/ for production, so it runs last: npm start (which packages the extension), then the .vsix.
await suite('package', () => nodeTest('package (npm start, the .vsix)', ['test/harness/start.test.ts', 'test/harness/vsix.test.ts']));
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed ? 1 : 0);
