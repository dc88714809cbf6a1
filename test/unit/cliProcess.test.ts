// The CLI as a shell runs it: a reader that stops early (`| head`) ends the output, not the process with a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';

test('a reader that closes the pipe after the first line: exit 0, nothing on stderr', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../src/cli.ts'), 'top', join(__dirname, '../fixtures/google-pprof/proftest-large.cpu.pb.gz'), '--granularity=addresses'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Read one chunk of the 2.6 MB table, then close our end, as `head -1` does once it has its line.
  await once(child.stdout, 'data');
  child.stdout.destroy();
  const [code] = await once(child, 'exit');
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
