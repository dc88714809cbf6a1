// Runs a compiled tests module inside the real VS Code extension host (code-server), with this
// extension loaded unpacked from the repo:
//   node test/harness/host.mjs --tests <module.js> [--workspace <dir>] [--timeout <seconds>]
// The module's run() executes in the extension host; its failure gives exit code 1. The workspace
// opened is a fresh temp copy of <dir> (default test/workspace).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { build, copyWorkspace, makeRunDir, removeRunDir, repoRoot, startCodeServer } from './codeServer.mjs';

/** Returns { exitCode, passed, failed } (counts are null when the module does not report them). */
export async function runInHost({ tests, workspace = join(repoRoot, 'test/workspace'), timeoutMs = 300000 }) {
  tests = resolve(tests);
  if (!existsSync(tests)) throw new Error(`tests module not found: ${tests}`);
  build();
  const runDir = makeRunDir('pprof-lens-host-');
  const report = join(runDir, 'report.txt');
  const results = join(runDir, 'results.json');
  const logFile = join(repoRoot, 'test-results', `host-${basename(tests, '.js')}.log`);
  const logLines = [];
  let server, browser, tail, exit;
  const exited = new Promise((r) => (exit = r));
  const interrupt = () => exit('interrupted'); // Ctrl+C still ends everything below by pid
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  try {
    const ws = copyWorkspace(runDir, resolve(workspace));
    server = await startCodeServer({
      runDir, workspace: ws,
      // The engine's threads log each request they answer there (src/worker/worker.ts), which the tests read
      // to see what the extension asked of its engine.
      env: { PPROF_LENS_TEST_REPORT: report, PPROF_LENS_TEST_RESULTS: results, PPROF_LENS_WORKER_TRACE: join(runDir, 'engine-requests.jsonl') },
      log: (s) => logLines.push(s),
    });
    browser = await launchBrowser(runDir);
    const { page } = browser;
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => logLines.push(`[${type}] ${[].concat(args).join(' ')}\n`));
    page.on('pageerror', (e) => logLines.push(`[pageerror] ${e.message}\n`));

    let shown = 0; // stream the in-host reporter's lines as they arrive
    tail = setInterval(() => {
      if (!existsSync(report)) return;
      const text = readFileSync(report, 'utf8');
      process.stdout.write(text.slice(shown));
      shown = text.length;
    }, 300);

    await page.goto(server.url(ws, [
      ['extensionDevelopmentPath', server.remote(repoRoot)],
      ['extensionTestsPath', server.remote(tests)],
    ]));
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const code = await Promise.race([exited, timeout]);
    clearInterval(tail);
    if (existsSync(report)) process.stdout.write(readFileSync(report, 'utf8').slice(shown));
    if (code === 'interrupted') console.error('host: interrupted');
    if (code === 'timeout') console.error(`host: the tests did not finish within ${timeoutMs / 1000}s`);
    const counts = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { passed: null, failed: null };
    const exitCode = code === 0 ? 0 : 1;
    if (exitCode) {
      // The tests module's own error reaches us as an [error] log line; the gallery's are noise.
      const errors = logLines.filter((l) => l.startsWith('[error]') && !/open-vsx|ENOTFOUND/.test(l));
      process.stderr.write(errors.slice(-20).join(''));
      console.error(`host: extension host log in ${logFile}`);
    }
    return { exitCode, ...counts };
  } finally {
    process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
    clearInterval(tail);
    await browser?.context.close().catch(() => {});
    await server?.stop();
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    writeFileSync(logFile, logLines.join(''));
    removeRunDir(runDir);
  }
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--tests') opts.tests = v, i++;
    else if (k === '--workspace') opts.workspace = v, i++;
    else if (k === '--timeout') opts.timeoutMs = Number(v) * 1000, i++;
    else throw new Error(`unknown argument ${k}`);
  }
  if (!opts.tests) throw new Error('usage: npm run test:host -- --tests <module.js> [--workspace <dir>] [--timeout <s>]');
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { exitCode, passed, failed } = await runInHost(parseArgs(process.argv.slice(2)));
    if (passed !== null) console.log(`${passed} passed, ${failed} failed`);
    process.exit(exitCode);
  } catch (e) {
    console.error(`host: ${e.message}`);
    process.exit(1);
  }
}
