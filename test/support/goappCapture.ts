// Builds the demo Go service (a workspace's main.go + go.mod) in a temp directory other than the
// workspace, with or without -trimpath, then deletes the copied sources, so the binary's file names
// point at a build machine that no longer exists. Runs it under load and captures a CPU profile over
// plain HTTP from its /debug/pprof endpoint.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GoappBuild {
  readonly bin: string;
  /** Where the sources were when the binary was built (deleted since): the prefix of its file names. */
  readonly sourceDir: string;
  readonly trimpath: boolean;
  remove(): void;
}

function repoRoot(): string {
  return process.env.PPROF_LENS_REPO ?? path.resolve(__dirname, '..', '..');
}

export async function buildGoapp(workspaceDir: string, trimpath: boolean): Promise<GoappBuild> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `goapp-build-${trimpath ? 'trim' : 'plain'}-`));
  const sourceDir = path.join(dir, 'src');
  mkdirSync(sourceDir);
  for (const f of ['main.go', 'go.mod']) copyFileSync(path.join(workspaceDir, f), path.join(sourceDir, f));
  const bin = path.join(dir, 'goapp');
  // The same build cache as test/support/goService.ts: the standard library is compiled once.
  const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? path.join(repoRoot(), 'out', 'gocache'), CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  const args = ['build', ...(trimpath ? ['-trimpath'] : []), '-o', bin, '.'];
  await run('go', args, { cwd: sourceDir, env, timeout: 300_000 });
  rmSync(sourceDir, { recursive: true, force: true });
  return { bin, sourceDir, trimpath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `goapp serve` on a free loopback port and resolves to its host:port. */
function serve(bin: string): Promise<{ child: ChildProcess; addr: string }> {
  const child = spawn(bin, ['serve', '-addr', '127.0.0.1:0'], { stdio: ['pipe', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`goapp did not start: ${err}`))), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, addr: m[1] });
      }
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`goapp exited (${code}): ${err}`))));
  });
}

function get(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Runs the binary, puts `goapp load` on it, and returns /debug/pprof/profile?seconds=N. `alsoGet` paths
 * are requested in a loop meanwhile: /fib keeps main.go's own lines hot (flat), which the load's mix,
 * spending most of its time in the standard library, does not guarantee.
 */
export async function captureCpuProfile(bin: string, seconds = 2, alsoGet: readonly string[] = ['/fib?n=30']): Promise<Buffer> {
  const { child: server, addr } = await serve(bin);
  const load = spawn(bin, ['load', '-addr', addr, '-c', '2', '-n', '1000000', '-d', `${seconds + 2}s`], { stdio: 'ignore' });
  let capturing = true;
  const loops = alsoGet.map(async (p) => {
    while (capturing) await get(`http://${addr}${p}`).catch(() => undefined);
  });
  try {
    return await get(`http://${addr}/debug/pprof/profile?seconds=${seconds}`);
  } finally {
    capturing = false;
    await Promise.all(loops);
    await stop(load);
    await stop(server);
  }
}
