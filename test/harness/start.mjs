// npm start: packages and installs the extension into a fresh code-server, opens a temp copy of
// test/workspace (the demo service's sources and profiles), starts the demo service when `go` is
// present, and prints the URL. Ctrl+C stops what it started, by pid, and removes the temp dir.
// With Debian's Prometheus installed (the setup script installs it), two more instances of the demo
// and a Prometheus on loopback that scrapes all three make a fleet to try "pprof: Capture Fleet…" and
// "pprof: Capture When…" on: the settings get a group `demo` of that Prometheus's job `goapp`.
// The demo service gets a light background load (a few requests a second to its CPU handlers, about 4% of a
// core), so that a plain CPU capture of it shows the handlers rather than an empty profile.
// `npm start -- --leak` (or `--leak=heap,goroutine`) starts the demo with its leaks switched on, for a
// snapshot series to find; they can also be switched at /leak/start and /leak/stop.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, freePort, isolatedEnv, makeRunDir, removeRunDir, repoRoot, startCodeServer } from './codeServer.mjs';
import { backgroundLoad } from './backgroundLoad.mjs';
import { installVsix, packageVsix } from './vsix.mjs';
import { PROMETHEUS_BIN, startPrometheus } from '../support/prometheus.ts';

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

/** Builds the goapp in the workspace copy (so live profiles name its files). */
function buildDemoService(runDir, workspace) {
  const bin = join(runDir, 'bin/goapp');
  const env = isolatedEnv(runDir, { GOCACHE: join(repoRoot, 'out/go-cache'), GOPATH: join(repoRoot, 'out/go') });
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: workspace, env, stdio: 'inherit' });
  return { bin, env };
}

/** Serves one instance of the built goapp on loopback. */
async function startDemoService({ bin, env }) {
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
let server, demo, prometheus;
/** Every instance of the demo (the first is `demo`), each with its background load. */
const instances = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const i of instances) {
    i.stopLoad();
    if (i.child.exitCode === null) process.kill(i.child.pid, 'SIGTERM');
  }
  await prometheus?.stop();
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
    const built = buildDemoService(runDir, workspace);
    const fleet = existsSync(PROMETHEUS_BIN);
    for (let i = 0; i < (fleet ? 3 : 1); i++) {
      const started = await startDemoService(built);
      instances.push({ ...started, stopLoad: backgroundLoad(started.url) });
    }
    demo = instances[0];
    settings['pprofLens.targets'] = [{ name: 'goapp', url: demo.url }];
    if (fleet) {
      prometheus = await startPrometheus(instances.map((i) => i.url), { job: 'goapp', scrapeInterval: '2s' });
      settings['pprofLens.targets'].push({ name: 'demo', prometheus: prometheus.url, job: 'goapp' });
    } else {
      console.log(`${PROMETHEUS_BIN} not found: no fleet to try (npm run setup installs it).`);
    }
  } else {
    console.log('go not found: the demo service is not started (live capture needs a target).');
  }
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  server = await startCodeServer({ runDir, workspace });
  // No openFile payload: at startup it opens before custom editors register, so as text.
  if (demo) console.log(`demo service (net/http/pprof): ${demo.url}/debug/pprof/ (a light background load keeps it busy; "pprof: Load and Profile…" on ${demo.url}/work puts real load on it)`);
  if (demo) console.log(leakKinds ? `its leaks are on (${leakKinds}): run "pprof: Capture Snapshot Series…" on goapp` : `leaks to hunt: ${demo.url}/leak/start?kind=all (or npm start -- --leak)`);
  if (prometheus) console.log(`a fleet: Prometheus ${prometheus.url} scrapes ${instances.length} instances of the demo (job goapp): "pprof: Capture Fleet…" on the group "demo", or "pprof: Capture When…" with a query such as go_goroutines{job="goapp"} > 50`);
  console.log(`pprof Lens in VS Code: ${server.url(workspace)}`);
  console.log('Open profiles/cpu.pb.gz for the flame graph, main.go for the hot lines. Ctrl+C stops it all.');
  // If either process dies on its own, end the rest too. The live child handles keep node running.
  const died = (what) => () => stopping || (console.error(`start: ${what} exited`), stop(1));
  server.exited.then(died('code-server'));
  for (const i of instances) i.child.once('exit', died('the demo service'));
} catch (e) {
  console.error(`start: ${e.message}`);
  await stop(1);
}
