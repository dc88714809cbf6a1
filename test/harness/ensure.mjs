// Runs before `npm start`, `npm test` and the other scripts that need the repo set up (npm's pre<script>
// hooks), so that a fresh clone needs no other command. Installs only what is missing, and prints nothing
// when everything is in place:
//   - the extension's npm modules (`npm ci`), when node_modules is absent or does not match package-lock.json;
//   - then what test/harness/setup.sh installs, when some of it is missing: the Debian packages listed in
//     test/harness/package.json (apt, with sudo when not root) and code-server, pinned in
//     test/harness/package-lock.json.
// `--modules` stops after the npm modules (build, watch, typecheck, package). Plain Node with node: builtins
// only: it runs before anything else is installed.
//
//   node test/harness/ensure.mjs [--modules]
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Whether `dir`/node_modules holds what `dir`/package-lock.json asks for, judged from the lockfile npm
 * writes into node_modules after each install (node_modules/.package-lock.json): newer than package-lock.json
 * means installed from it; otherwise every package must be there at the same version and integrity (a lockfile
 * rewritten with the same content, by a checkout or a copy, needs no install). Optional packages for other
 * platforms are never installed, so their absence is fine.
 */
export function modulesMatchLock(dir) {
  const lockFile = join(dir, 'package-lock.json');
  const installedFile = join(dir, 'node_modules/.package-lock.json');
  if (!existsSync(installedFile)) return false;
  if (statSync(installedFile).mtimeMs >= statSync(lockFile).mtimeMs) return true;
  let lock, installed;
  try {
    lock = readJson(lockFile).packages ?? {};
    installed = readJson(installedFile).packages ?? {};
  } catch {
    return false;
  }
  for (const [path, want] of Object.entries(lock)) {
    if (path === '') continue;
    const have = installed[path];
    if (!have) {
      if (want.optional) continue;
      return false;
    }
    for (const key of ['version', 'resolved', 'integrity', 'link']) if (want[key] !== have[key]) return false;
  }
  return Object.keys(installed).every((path) => path in lock);
}

/** The Debian packages of `names` that dpkg does not list as installed. */
export function missingDebianPackages(names) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names], { encoding: 'utf8' });
  if (r.error) return names; // no dpkg: setup.sh says what it cannot do
  const installed = new Set(
    r.stdout.split('\n').filter((l) => l.endsWith(' install ok installed')).map((l) => l.split(' ')[0]),
  );
  return names.filter((n) => !installed.has(n));
}

/** Whether test/harness/node_modules holds the code-server version its lockfile pins (setup.sh's own test). */
export function codeServerInstalled() {
  const want = readJson(join(here, 'package-lock.json')).packages['node_modules/code-server'].version;
  try {
    if (readJson(join(here, 'node_modules/code-server/package.json')).version !== want) return false;
    accessSync(join(here, 'node_modules/.bin/code-server'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command; its output is shown only when it fails. */
function run(what, cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status === 0) return;
  const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
  if (tail) console.error(tail);
  console.error(`setup: ${what} failed${r.error ? `: ${r.error.message}` : ''}`);
  process.exit(1);
}

function main(argv) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    console.error(`setup: node ${process.version} is too old: code-server 4.100.3 needs Node 20`);
    process.exit(1);
  }
  if (!modulesMatchLock(repoRoot)) {
    console.log("setup: installing the extension's npm modules (npm ci)");
    run('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], repoRoot);
  }
  if (argv.includes('--modules')) return;
  const debian = readJson(join(here, 'package.json')).debianPackages;
  if (missingDebianPackages(debian).length || !codeServerInstalled()) {
    // setup.sh says what it installs; it re-checks everything itself.
    const r = spawnSync('bash', [join(here, 'setup.sh')], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`setup: test/harness/setup.sh failed${r.error ? `: ${r.error.message}` : ''}`);
      process.exit(1);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
