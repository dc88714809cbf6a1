// pprof: Capture Snapshot Series in the real VS Code against the real Go service with its leaks switched
// on: the snapshots and dumps saved, the leaks ranked first by the engine's trend, a service killed
// mid-series, a stop, and a series its window left running taken over or marked interrupted.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { trend } from '../../src/model/analysis/trend';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { parseSeriesManifest, serializeSeriesManifest } from '../../src/model/profile/seriesManifestJson';
import { listSeriesEntries } from '../../src/series/seriesEntries';
import { GoService, startGoService } from '../support/goService';
import { eventually } from './support/eventually';

const SERIES = 'pprofLens.captureSeries';

function captureDir(): string {
  return path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pprof');
}

function manifestOf(folder: string): SeriesManifest {
  return parseSeriesManifest(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
}

/** The series folder of the service at `url`, once it exists and has a manifest. */
function folderOf(url: string): Promise<string> {
  const prefix = `127.0.0.1_${new URL(url).port}-series-`;
  return eventually(`the series folder of ${url}`, () => {
    const name = existsSync(captureDir()) ? readdirSync(captureDir()).find((n) => n.startsWith(prefix)) : undefined;
    return name && existsSync(path.join(captureDir(), name, 'manifest.json')) ? path.join(captureDir(), name) : undefined;
  });
}

function roundsDone(folder: string, n: number): Promise<true> {
  return eventually(`${n} rounds in ${folder}`, () => ((manifestOf(folder).rounds ?? 0) >= n ? true : undefined), 120_000);
}

/** A process id that no process has any more: one that was started and has exited. */
function deadPid(): number {
  return spawnSync('true').pid!;
}

suite('snapshot series', () => {
  let leaky: GoService;

  suiteSetup(async function () {
    this.timeout(300_000);
    await vscode.extensions.getExtension('pprof-lens.pprof-lens')!.activate();
    leaky = await startGoService();
    assert.match(await leaky.get('/leak/start?kind=heap,goroutine,decoy,noise&rate=640'), /on=decoy,goroutine,heap,noise/);
    // The first snapshot already holds leaked goroutines, so every dump shows their creator.
    await eventually('leaked goroutines', async () => (/watchers=([1-9]\d*)/.test(await leaky.get('/leak/status')) ? true : undefined));
    rmSync(captureDir(), { recursive: true, force: true });
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('pprofLens').update('series.resume', undefined, vscode.ConfigurationTarget.Workspace);
    await leaky?.stop();
  });

  test('8 rounds of heap and goroutine at 2 s: every snapshot and dump saved, the leaks ranked first, not the decoy', async function () {
    this.timeout(240_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(SERIES, { url: leaky.url, types: ['heap', 'goroutine'], intervalSeconds: 2, count: 8, open: false });
    assert.ok(uri instanceof vscode.Uri, 'the command did not resolve to the folder');
    assert.equal(path.dirname(uri.fsPath), captureDir());
    assert.match(path.basename(uri.fsPath), /^127\.0\.0\.1_\d+-series-\d{8}-\d{6}$/);
    const m = manifestOf(uri.fsPath);
    assert.equal(m.status, 'complete');
    assert.equal(m.target, leaky.url);
    assert.deepEqual(m.errors, []);
    const of = (type: string, format: string) => m.snapshots.filter((s) => s.type === type && s.format === format);
    assert.equal(of('heap', 'pprof').length, 8);
    assert.equal(of('goroutine', 'pprof').length, 8);
    const dumps = of('goroutine', 'goroutine-text');
    assert.equal(dumps.length, 8);
    for (const d of dumps) {
      assert.match(d.file, /goroutine.*\.txt$/);
      const text = readFileSync(path.join(uri.fsPath, d.file), 'utf8');
      assert.match(text, /^goroutine \d+ \[running\]:/);
      assert.match(text, /^main\.leakyWatcher\(/m);
      assert.match(text, /created by main\.leakyWatchers/);
    }
    const load = (file: string) => loadProfile(readFileSync(path.join(uri.fsPath, file)));
    const heaps = of('heap', 'pprof').map((s) => load(s.file));
    const goroutines = of('goroutine', 'pprof').map((s) => load(s.file));

    const heapTrend = trend(heaps, { granularity: 'functions', sampleIndex: 'inuse_space' });
    const names = heapTrend.rows.map((r) => r.name);
    assert.equal(names[0], 'main.leakySessionStore', `heap ranking: ${names.slice(0, 5).join(', ')}`);
    assert.ok(names.indexOf('main.decoyCache') > 0, `the decoy is in the series, below the leak: ${names.slice(0, 5).join(', ')}`);
    // The decoy grows faster than the leak between two snapshots: a comparison of one pair would blame it.
    const maxStep = (name: string) => {
      const flat = heapTrend.rows.find((r) => r.name === name)!.flat;
      return Math.max(...flat.slice(1).map((v, i) => v - flat[i]));
    };
    assert.ok(maxStep('main.decoyCache') > maxStep('main.leakySessionStore'), 'the decoy outgrows the leak at some step');

    // A blocked goroutine's leaf is the runtime's park; hiding the runtime makes its own function the leaf.
    const goroutineTrend = trend(goroutines, { granularity: 'functions', filters: { hide: '^runtime\\.' } });
    assert.equal(goroutineTrend.rows[0].name, 'main.leakyWatcher', `goroutine ranking: ${goroutineTrend.rows.slice(0, 5).map((r) => r.name).join(', ')}`);
    assert.ok(goroutineTrend.rows[0].growth > 0);

    const listed = (await listSeriesEntries(captureDir())).find((e) => e.folder === uri.fsPath);
    assert.equal(listed?.manifest?.snapshots.length, 24, 'the Profiles view lists the series with its snapshots');
  });

  test('a service killed mid-series: its failures are recorded, the series goes on and ends complete with fewer snapshots', async function () {
    this.timeout(240_000);
    const doomed = await startGoService();
    const done = vscode.commands.executeCommand<vscode.Uri>(SERIES, { url: doomed.url, types: ['heap', 'goroutine'], intervalSeconds: 1, count: 6, open: false });
    const folder = await folderOf(doomed.url);
    await roundsDone(folder, 2);
    await doomed.stop();
    const uri = await done;
    assert.equal(uri?.fsPath, folder);
    const m = manifestOf(folder);
    assert.equal(m.status, 'complete');
    assert.equal(m.rounds, 6);
    const heaps = m.snapshots.filter((s) => s.type === 'heap');
    assert.ok(heaps.length >= 2 && heaps.length < 6, `${heaps.length} heap snapshots`);
    assert.ok(m.errors.length >= 3, `${m.errors.length} errors`);
    for (const e of m.errors) {
      assert.match(e.error, /refused|closed the connection/);
      assert.ok(!e.error.includes('\n'));
    }
    for (const s of m.snapshots) assert.ok(existsSync(path.join(folder, s.file)), s.file);
  });

  test('stopping a series keeps what was captured and resolves to its folder', async function () {
    this.timeout(240_000);
    const other = await startGoService();
    try {
      const done = vscode.commands.executeCommand<vscode.Uri>(SERIES, { url: other.url, types: ['heap', 'goroutine'], intervalSeconds: 1, count: 100, open: false });
      const folder = await folderOf(other.url);
      await roundsDone(folder, 2);
      assert.equal(await vscode.commands.executeCommand('pprofLens.stopSeries', { folder }), true);
      assert.equal((await done)?.fsPath, folder);
      const m = manifestOf(folder);
      assert.equal(m.status, 'cancelled');
      assert.match(m.stopReason ?? '', /^stopped by the user after \d+ of 100 rounds$/);
      assert.ok(m.snapshots.length >= 6, `${m.snapshots.length} snapshots`);
      for (const s of m.snapshots) assert.ok(existsSync(path.join(folder, s.file)), s.file);
      assert.equal(await vscode.commands.executeCommand('pprofLens.stopSeries', { folder }), false, 'it is no longer running');
    } finally {
      await other.stop();
    }
  });

  test('a series left running by a window that is gone is taken over, or marked interrupted when resuming is off', async function () {
    this.timeout(240_000);
    const orphan = (name: string, count: number): string => {
      const folder = path.join(captureDir(), name);
      mkdirSync(folder, { recursive: true });
      const now = new Date().toISOString();
      const m: SeriesManifest = {
        target: leaky.url,
        types: ['heap'],
        intervalSeconds: 2,
        count,
        snapshots: [],
        errors: [],
        status: 'running',
        started: now,
        rounds: 0,
        gc: true,
        owner: `${os.hostname()}/${deadPid()}`,
        heartbeat: now,
      };
      writeFileSync(path.join(folder, 'manifest.json'), serializeSeriesManifest(m));
      // A temp file a crash left mid-write.
      writeFileSync(path.join(folder, '.heap-0001.pb.gz.0123456789ab.tmp'), 'half');
      return folder;
    };
    const config = vscode.workspace.getConfiguration('pprofLens');

    const resumed = orphan('orphan-series-20260101-000000', 3);
    await config.update('series.resume', true, vscode.ConfigurationTarget.Workspace);
    const m = await eventually('the orphan to be finished', () => {
      const now = manifestOf(resumed);
      return now.status === 'complete' ? now : undefined;
    }, 120_000);
    assert.equal(m.owner, `${os.hostname()}/${process.pid}`);
    assert.equal(m.rounds, 3);
    assert.ok(m.snapshots.length >= 1, 'rounds were taken after the takeover');
    for (const s of m.snapshots) assert.ok(loadProfile(readFileSync(path.join(resumed, s.file))).sampleCount > 0, s.file);
    assert.ok(!existsSync(path.join(resumed, '.heap-0001.pb.gz.0123456789ab.tmp')), 'the temp file is removed');

    const closed = orphan('orphan-series-20260101-000001', 50);
    await config.update('series.resume', false, vscode.ConfigurationTarget.Workspace);
    const i = await eventually('the orphan to be interrupted', () => {
      const now = manifestOf(closed);
      return now.status === 'interrupted' ? now : undefined;
    });
    assert.match(i.stopReason ?? '', /after 0 of 50 rounds, and pprofLens\.series\.resume is off/);
    assert.deepEqual(i.snapshots, []);
  });
});
