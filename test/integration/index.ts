/// <reference types="mocha" />
// The mocha entry that runs inside the extension host. Mocha's TDD globals (suite, test,
// suiteSetup, suiteTeardown) are installed before the test files are loaded. Progress lines go to
// $PPROF_LENS_TEST_REPORT and the counts to $PPROF_LENS_TEST_RESULTS, which the harness reads.
import { appendFileSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';

function out(line: string): void {
  const file = process.env.PPROF_LENS_TEST_REPORT;
  if (file) appendFileSync(file, line + '\n');
  else console.log(line);
}

export function runSuites(loadTests: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: function () {} as never });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  loadTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      out(`integration: ${passes} passed, ${failed} failed`);
      const results = process.env.PPROF_LENS_TEST_RESULTS;
      if (results) writeFileSync(results, JSON.stringify({ passed: passes, failed }));
      failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve();
    });
    runner.on('suite', (s) => s.title && out(`  ${s.title}`));
    runner.on('pass', (t) => out(`    ✓ ${t.title}`));
    runner.on('fail', (t, err: Error) => out(`    ✗ ${t.title}\n      ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n      ')}`));
  });
}
