// The engine as the extension runs it: engineProcess.ts and worker.ts bundled as esbuild.mjs bundles them,
// in a process of their own started by EngineProcessClient. Answers equal the in-process ones and typed
// arrays cross the IPC channel as typed arrays; the process asks glibc for huge pages; a process that dies
// fails what it owed in one line and the next request starts another; it never outlives its host.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { flameTree } from '../../src/model/analysis/flame/flameTree';
import { computeTop } from '../../src/model/analysis/topRows';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { ProfileError } from '../../src/model/profile/profile';
import { EngineProcessClient } from '../../src/worker/startEngineProcess';
import { FIXTURE_DIR } from './support/pprofOracle';
import { generate } from '../../bench/gen-large.mjs';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-engine-process-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const engineJs = join(dir, 'engineProcess.js');
const CPU = join(FIXTURE_DIR, 'go-generated/cpu.pb.gz');
const local = loadProfile(new Uint8Array(readFileSync(CPU)));
let client: EngineProcessClient;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, ok: () => boolean): Promise<void> {
  // A hang guard, not a timing assert: a process ends in milliseconds.
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ok(), what);
}

const node: esbuild.BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['long'] };

function bundleHost(file: string, body: string): Promise<unknown> {
  const client = JSON.stringify(join(root, 'src/worker/startEngineProcess.ts'));
  const contents = `const { EngineProcessClient } = require(${client}); const c = new EngineProcessClient(${JSON.stringify(engineJs)}); ${body}`;
  return esbuild.build({ ...node, stdin: { contents, resolveDir: root, loader: 'ts' }, outfile: join(dir, file) });
}

before(async () => {
  await esbuild.build({ ...node, entryPoints: { engineProcess: join(root, 'src/worker/engineProcess.ts'), worker: join(root, 'src/worker/worker.ts') }, outdir: dir });
  // A host that starts the engine, says its pid, and waits to be killed…
  await bundleHost('host.js', `c.prepare(); console.log(c.pid); setInterval(() => {}, 1000);`);
  // …and one that opens a profile, says its sample count, then has nothing left to do.
  await bundleHost('idleHost.js', `c.openFile('cpu', ${JSON.stringify(CPU)}, 'cpu').then((s) => console.log(s.sampleCount));`);
  client = new EngineProcessClient(engineJs);
});
after(() => client.dispose());

test('answers from the engine process equal the in-process ones, typed arrays as typed arrays', { timeout: 60_000 }, async () => {
  const summary = await client.openFile('cpu', CPU, 'cpu.pb.gz');
  assert.deepEqual(summary.totals, [953, 9530000000]);
  const q = { sampleIndex: 1, path: ['main.walkA', 'main.walkB'], minFraction: 0.001 };
  const tree = await client.flame('cpu', q);
  for (const k of ['nodeName', 'parent'] as const) assert.ok(tree[k] instanceof Int32Array, k);
  for (const k of ['value', 'self', 'folded'] as const) assert.ok(tree[k] instanceof Float64Array, k);
  assert.deepEqual(tree, flameTree(local, q));
  const top = { sampleIndex: 1, granularity: 'functions' as const, filters: { focus: 'sort' } };
  const { sampleType, total, rows } = computeTop(local, top);
  assert.deepEqual(await client.top('cpu', top), { sampleType, total, rows });
  const cc = { sampleIndex: 1, name: 'runtime.mallocgc' };
  assert.deepEqual(await client.callersCallees('cpu', cc), callersCallees(local, cc));
  const bytes = new Uint8Array(readFileSync(CPU));
  assert.equal((await client.open('cpu-bytes', bytes, 'cpu.pb.gz')).sampleCount, local.sampleCount);
  await assert.rejects(client.open('bad', new TextEncoder().encode('<html>Sign in</html>'), 'capture.pb.gz'), (e: Error) => e instanceof ProfileError && /^capture\.pb\.gz: this is an HTML page/.test(e.message));
});

test('the engine process holds a big profile\'s columns on transparent huge pages, beside the tunables it was given', { timeout: 60_000 }, async () => {
  const before = process.env.GLIBC_TUNABLES;
  process.env.GLIBC_TUNABLES = 'glibc.malloc.arena_max=4';
  const fresh = new EngineProcessClient(engineJs);
  try {
    await fresh.open('big', generate({ samples: 60_000 }), 'big.pb');
    const environ = readFileSync(`/proc/${fresh.pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes('ELECTRON_RUN_AS_NODE=1'), 'a desktop VS Code\'s Electron runs it as Node');
    // /proc/PID/environ cannot show GLIBC_TUNABLES (glibc rewrites it in place as it reads it), so what is
    // checked is its effect: the columns, and the flame tree's trie, on huge pages.
    await fresh.flame('big', { sampleIndex: 0 });
    const thp = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    const hugeKb = Number(/^AnonHugePages:\s+(\d+) kB/m.exec(readFileSync(`/proc/${fresh.pid}/smaps_rollup`, 'utf8'))![1]);
    if (thp.includes('[never]')) assert.equal(hugeKb, 0, 'this system gives no huge pages');
    else assert.ok(hugeKb >= 2048, `huge pages in the engine process: ${hugeKb} kB (transparent_hugepage: ${thp.trim()})`);
  } finally {
    fresh.dispose();
    if (before === undefined) delete process.env.GLIBC_TUNABLES;
    else process.env.GLIBC_TUNABLES = before;
  }
});

test('a killed engine process fails what it owed in one line, and the next request starts another', { timeout: 60_000 }, async () => {
  await client.openFile('cpu2', CPU, 'cpu.pb.gz');
  const pid = client.pid!;
  const owed = client.lineIndexHead('cpu2');
  process.kill(pid, 'SIGKILL');
  await assert.rejects(owed, (e: Error) => {
    assert.match(e.message, /^the analysis worker stopped \(signal SIGKILL\); reopen the profile$/);
    return true;
  });
  await assert.rejects(client.flame('cpu2', { sampleIndex: 1 }), /no open profile with handle cpu2/);
  assert.notEqual(client.pid, pid, 'a new process');
  assert.equal((await client.openFile('cpu2', CPU, 'cpu.pb.gz')).sampleCount, local.sampleCount);
});

test('the engine process ends when its host is killed', { timeout: 60_000 }, async () => {
  const host = spawn(process.execPath, [join(dir, 'host.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(host.stdout!, 'data')) as [Buffer];
  const pid = Number(line.toString().trim());
  assert.ok(pid > 0 && alive(pid), `the engine process runs (${line})`);
  host.kill('SIGKILL');
  await until('the engine process ended with its host', () => !alive(pid));
});

test('an engine process that owes nothing does not keep its host running', { timeout: 60_000 }, async () => {
  const host = spawn(process.execPath, [join(dir, 'idleHost.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  host.stdout!.on('data', (d: Buffer) => (out += d));
  const [code] = await once(host, 'exit');
  assert.equal(code, 0);
  assert.equal(out.trim(), String(local.sampleCount));
});
