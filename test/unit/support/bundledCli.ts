// The CLI as a user runs it: cli.js bundled once into a temporary folder (also the test's scratch folder,
// removed at exit), and run in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before } from 'node:test';
import * as esbuild from 'esbuild';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface BundledCli {
  /** A folder of the test's own, removed when the process exits. */
  readonly dir: string;
  run(...args: string[]): { code: number | null; out: string; err: string };
}

/** Bundles src/cli.ts before the file's tests run. */
export function bundledCli(prefix: string): BundledCli {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const cli = join(dir, 'cli.js');
  before(async () => {
    await esbuild.build({ entryPoints: [join(repoRoot, 'src/cli.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cli, logLevel: 'warning' });
  });
  return {
    dir,
    run(...args) {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
  };
}
