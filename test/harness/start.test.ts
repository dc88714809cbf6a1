// `npm start` as a newcomer runs it (its script, after the set-up that `npm test` has already done): it
// prints the demo service's URL, the fleet's Prometheus and the editor's URL; each answers; the workspace's
// settings name the demo and the fleet's group; the Prometheus sees the three instances up; Ctrl+C stops
// every process it started and removes its folder.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { build, repoRoot } from './codeServer.mjs';

let child: ChildProcess | undefined;
after(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  build(); // npm start packaged the production build; the other suites load the development one
});

/** Resolves with each of `patterns`' first match in the process's output, once all have been printed. */
function printed(c: ChildProcess, patterns: RegExp[]): Promise<string[]> {
  let out = '';
  return new Promise((resolve, reject) => {
    // A hang guard: packaging, code-server's install of the .vsix and the Go build take about a minute.
    const guard = setTimeout(() => reject(new Error(`npm start printed, in 5 minutes:\n${out}`)), 300_000);
    const look = (d: Buffer) => {
      out += d.toString();
      const found = patterns.map((p) => out.match(p)?.[1]);
      if (found.every((f) => f !== undefined)) {
        clearTimeout(guard);
        resolve(found as string[]);
      }
    };
    c.stdout!.on('data', look);
    c.stderr!.on('data', look);
    c.once('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`npm start exited (${code}):\n${out}`));
    });
  });
}

const answers = (url: string) => fetch(url).then((r) => r.status, () => 0);

test('npm start serves the demo, a fleet of it behind Prometheus, and the editor; Ctrl+C stops them all', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'test/harness/start.mjs'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const [demo, prometheus, editor] = await printed(child, [
    /demo service \(net\/http\/pprof\): (http:\/\/127\.0\.0\.1:\d+)\/debug\/pprof\//,
    /a fleet: Prometheus (http:\/\/127\.0\.0\.1:\d+) scrapes 3 instances/,
    /pprof Lens in VS Code: (http:\S+)/,
  ]);
  assert.equal(await answers(`${demo}/debug/pprof/`), 200);
  assert.equal(await answers(editor), 200);

  const targets = (await (await fetch(`${prometheus}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: { labels: Record<string, string>; health: string; scrapeUrl: string }[] } };
  const up = targets.data.activeTargets.filter((t) => t.health === 'up' && t.labels.job === 'goapp');
  assert.equal(up.length, 3, JSON.stringify(targets.data.activeTargets.map((t) => [t.scrapeUrl, t.health])));
  assert.ok(up.some((t) => demo.endsWith(t.labels.instance)), 'the demo is one of them');
  const instances = up.map((t) => `http://${t.labels.instance}`);

  // The workspace the editor opens: vscode-remote://host:port/<path>.
  const workspace = decodeURIComponent(new URL(editor).searchParams.get('folder')!).replace(/^vscode-remote:\/\/[^/]+/, '');
  const settings = JSON.parse(readFileSync(join(workspace, '.vscode/settings.json'), 'utf8')) as { 'pprofLens.targets': unknown[] };
  assert.deepEqual(settings['pprofLens.targets'], [
    { name: 'goapp', url: demo },
    { name: 'demo', prometheus, job: 'goapp' },
  ]);

  const exited = new Promise((r) => child!.once('exit', r));
  child.kill('SIGINT');
  await exited;
  for (const url of [...instances, prometheus, editor]) assert.equal(await answers(url), 0, `${url} stopped`);
  assert.ok(!existsSync(workspace), 'its folder is removed');
});
