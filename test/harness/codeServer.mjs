// Starts code-server (a real VS Code) for one run: fresh port, user data, extensions, TMPDIR and
// XDG dirs inside one temp dir, so nothing is written to ~/.config, ~/.local or /tmp's top level.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServerEntry = join(repoRoot, 'test/harness/node_modules/code-server/out/node/entry.js');

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
};

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Builds dist/ with the project's esbuild script (well under a second). */
export function build() {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

/** A fresh temp dir holding everything one run writes. */
export function makeRunDir(prefix = 'pprof-lens-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['ud/User', 'exts', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'ud/User/settings.json'), JSON.stringify(userSettings, null, 2));
  return dir;
}

/** Env for a child that must keep its files inside runDir. */
export function isolatedEnv(runDir, extra = {}) {
  return {
    ...process.env,
    TMPDIR: join(runDir, 'tmp'),
    XDG_CONFIG_HOME: join(runDir, 'xdg/config'),
    XDG_DATA_HOME: join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: join(runDir, 'xdg/cache'),
    PPROF_LENS_REPO: repoRoot,
    ...extra,
  };
}

/** Copies a workspace template into runDir/workspace and returns its path. */
export function copyWorkspace(runDir, from = join(repoRoot, 'test/workspace')) {
  const to = join(runDir, 'workspace');
  // Timestamps kept: a source file older than a profile in the workspace is not "changed since the profile".
  cpSync(from, to, { recursive: true, preserveTimestamps: true });
  return to;
}

async function waitHealthy(origin, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs / 1000}s`);
}

/**
 * Starts code-server on 127.0.0.1 serving `workspace`. Returns { origin, port, pid, folderUrl, stop }.
 * `log` receives code-server's output as it comes; the last of it is also in the error when it fails to start.
 */
export async function startCodeServer(options) {
  if (!existsSync(codeServerEntry)) throw new Error('code-server is not installed: run `npm run setup`');
  // The port is free when freePort() returns, but a process started at the same time (a test's Go service
  // binding port 0) can take it before code-server binds it: then code-server says EADDRINUSE, and another
  // free port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(options, await freePort());
    } catch (e) {
      if (attempt >= 3 || !/EADDRINUSE/.test(e.message)) throw e;
    }
  }
}

async function startOnPort({ runDir, workspace, env = {}, log }, port) {
  const args = [
    codeServerEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--user-data-dir', join(runDir, 'ud'),
    '--extensions-dir', join(runDir, 'exts'), workspace,
  ];
  const child = spawn(process.execPath, args, { env: isolatedEnv(runDir, env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const sink = (b) => {
    output = (output + b).slice(-8000);
    log?.(String(b));
  };
  child.stdout.on('data', sink);
  child.stderr.on('data', sink);
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // Its extension hosts and language servers exit on their own once it is gone; wait for
      // them too, so that none writes into the run dir after it is removed.
      const family = descendants(child.pid);
      process.kill(child.pid, 'SIGTERM');
      const t = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      await waitGone(family, 5000);
    }
  };
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, child, 30000);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${output}`);
  }
  const origin = `http://127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    origin, port, pid: child.pid, remote, stop, exited,
    /** Workbench URL opening `folder`, with an optional payload (e.g. extensionDevelopmentPath). */
    url(folder = workspace, payload) {
      let u = `${origin}/?folder=${encodeURIComponent(remote(folder))}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
  };
}

/** Pids of every process below `pid`, read from /proc. */
export function descendants(pid) {
  const parentOf = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parentOf.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* exited meanwhile */ }
  }
  const out = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of parentOf) {
      if ((pp === pid || out.includes(pp)) && !out.includes(p)) out.push(p), (grew = true);
    }
  }
  return out;
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** Waits for the pids to exit; kills the ones still there after `ms`. */
export async function waitGone(pids, ms) {
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const p of pids.filter(alive)) process.kill(p, 'SIGKILL');
}

/** Removes a run dir; tolerant of files still being released. */
export function removeRunDir(runDir) {
  rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}
