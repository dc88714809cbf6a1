// npm start: packages and installs the extension into a fresh code-server, opens a temp copy of
// test/workspace (the demo service's sources and profiles), starts the demo service when `go` is
// present, and prints the URL. Ctrl+C stops what it started, by pid, and removes the temp dir.
// The demo service gets a light background load (a few requests a second to its CPU handlers, about 4% of a
// core), so that a plain CPU capture of it shows the handlers rather than an empty profile.
// `npm start -- --leak` (or `--leak=heap,goroutine`) starts the demo with its leaks switched on, for a
// snapshot series to find; they can also be switched at /leak/start and /leak/stop.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, freePort, isolatedEnv, makeRunDir, removeRunDir, repoRoot, startCodeServer } from './codeServer.mjs';
import { backgroundLoad } from './backgroundLoad.mjs';
import { installVsix, packageVsix } from './vsix.mjs';

const hasGo = () => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** The leaks `--leak[=kinds]` asks for: all of them by default, or the kinds listed. */
const leakArg = process.argv.slice(2).find((a) => a === '--leak' || a.startsWith('--leak='));
const leakKinds = leakArg === undefined ? undefined : leakArg.slice('--leak='.length) || 'all';

/** Builds the goapp in the workspace copy (so live profiles name its files) and serves it on loopback. */
async function startDemoService(runDir, workspace) {
  const bin = join(runDir, 'bin/goapp');
  const env = isolatedEnv(runDir, { GOCACHE: join(repoRoot, 'out/go-cache'), GOPATH: join(repoRoot, 'out/go') });
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: workspace, env, stdio: 'inherit' });
  const url = `http://127.0.0.1:${await freePort()}`;
  const child = spawn(bin, ['serve', '-addr', url.slice('http://'.length)], { env: leakKinds ? { ...env, GOAPP_LEAK: leakKinds } : env, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`goapp exited with code ${child.exitCode}`);
    if (await fetch(`${url}/debug/pprof/`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`goapp did not answer on ${url}`);
}

const runDir = makeRunDir('pprof-lens-start-');
let server, demo, stopLoad;
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  stopLoad?.();
  if (demo && demo.child.exitCode === null) process.kill(demo.child.pid, 'SIGTERM');
  await server?.stop();
  removeRunDir(runDir);
  process.exit(code);
}
process.on('SIGINT', () => stop(0)).on('SIGTERM', () => stop(0));

try {
  packageVsix();
  installVsix(runDir);
  const workspace = copyWorkspace(runDir);
  const settings = {
    // The shipped profiles were captured from a build in /tmp/perf-anchors/goapp.
    'pprofLens.pathMappings': { '/tmp/perf-anchors/goapp': '${workspaceFolder}' },
  };
  if (hasGo()) {
    demo = await startDemoService(runDir, workspace);
    stopLoad = backgroundLoad(demo.url);
    settings['pprofLens.targets'] = [{ name: 'goapp', url: demo.url }];
  } else {
    console.log('go not found: the demo service is not started (live capture needs a target).');
  }
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  server = await startCodeServer({ runDir, workspace });
  // No openFile payload: at startup it opens before custom editors register, so as text.
  if (demo) console.log(`demo service (net/http/pprof): ${demo.url}/debug/pprof/ (a light background load keeps it busy; "pprof: Load and Profile…" on ${demo.url}/work puts real load on it)`);
  if (demo) console.log(leakKinds ? `its leaks are on (${leakKinds}): run "pprof: Capture Snapshot Series…" on goapp` : `leaks to hunt: ${demo.url}/leak/start?kind=all (or npm start -- --leak)`);
  console.log(`pprof Lens in VS Code: ${server.url(workspace)}`);
  console.log('Open profiles/cpu.pb.gz for the flame graph, main.go for the hot lines. Ctrl+C stops it all.');
  // If either process dies on its own, end the rest too. The live child handles keep node running.
  const died = (what) => () => stopping || (console.error(`start: ${what} exited`), stop(1));
  server.exited.then(died('code-server'));
  demo?.child.once('exit', died('the demo service'));
} catch (e) {
  console.error(`start: ${e.message}`);
  await stop(1);
}
