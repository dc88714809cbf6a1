// The series running in this extension host: starting one, its status-bar item, stopping it, and on
// activation (or when the capture directory changes) taking over or closing the series that a window
// which went away left `running`. Disposing lets the series go unfinished, for the next host to take.
import { randomUUID } from 'node:crypto';
import { open as openFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProfileValidator } from '../capture/capture';
import { CaptureRuntime, captureRuntime } from '../capture/captureRuntime';
import { getCaFile, getMaxBodyBytes, getSeriesResume, getTargets, onDidChangeConfig } from '../config';
import { Disposable, onePerOwner } from '../disposable';
import type { SeriesManifest } from '../model/profile/seriesManifest';
import { parseTargetUrl } from '../capture/targetUrl';
import { targetFor } from '../capture/targets';
import type { Services } from '../services';
import type { EngineCalls } from '../worker/engineCalls';
import { removeTempFiles } from './atomicWrite';
import { decideResume, HEARTBEAT_MS, ownerId } from './resume';
import type { SeriesSpec } from './seriesArgs';
import { snapshotFetcher, seriesRequests } from './seriesFetch';
import { MANIFEST_FILE } from './seriesFolder';
import { SeriesRun } from './seriesRun';
import { SeriesStatusItem } from './seriesStatusItem';
import { createSeries, interruptedManifest, listSeriesFolders, readManifest, takeOverManifest, writeManifest } from './seriesStore';

const SELF = ownerId(os.hostname(), process.pid);
/** When a series is running elsewhere, look again: soon (a reloading window's old host is still exiting), then at each heartbeat. */
const RESCAN_MS = [3000, 10_000, HEARTBEAT_MS];

export class SeriesRuntime extends Disposable {
  private readonly runs = new Map<string, SeriesRun>();
  /** Per run: the snapshots and errors the Profiles view was last told of. */
  private readonly counts = new Map<string, { n: number }>();
  private readonly capture: CaptureRuntime;
  private scanning: Promise<void> = Promise.resolve();
  private rescan: { timer?: ReturnType<typeof setTimeout>; step: number } = { step: 0 };

  static register(services: Services): vscode.Disposable {
    const runtime = seriesRuntime(services);
    void runtime.takeOverOrphans();
    return onDidChangeConfig(() => void runtime.takeOverOrphans());
  }

  constructor(private readonly services: Services) {
    super();
    this.capture = captureRuntime(services);
    this._register({ dispose: () => this.runs.forEach((r) => r.detach()) });
    this._register({ dispose: () => clearTimeout(this.rescan.timer) });
  }

  /** The folders of the series running here. */
  running(): string[] {
    return [...this.runs.keys()];
  }

  get(folder: string): SeriesRun | undefined {
    return this.runs.get(path.resolve(folder));
  }

  stop(folder: string): boolean {
    const run = this.get(folder);
    run?.cancel();
    return run !== undefined;
  }

  /** Starts a series; resolves to its folder once it stops (complete or cancelled), or undefined after an error. */
  async start(spec: SeriesSpec, open: boolean): Promise<vscode.Uri | undefined> {
    let folder: string;
    let manifest: SeriesManifest;
    let run: SeriesRun;
    try {
      const fetch = await this.fetcher(spec.url, spec.name, spec.types, spec.gc);
      const label = fetch.label;
      ({ folder, manifest } = await createSeries(this.capture.captureDir(), label, spec.url, spec, new Date(), SELF));
      run = this.track(new SeriesRun(manifest, { folder, fetch: fetch.fetch, onChange: () => this.changed(folder) }, 1));
    } catch (e) {
      void vscode.window.showErrorMessage(`pprof: ${oneLine(e)}`);
      return undefined;
    }
    this.capture.didSave(vscode.Uri.file(folder));
    const end = await run.done;
    return this.finished(folder, end, open);
  }

  /** Takes over, or marks interrupted, each series in the capture directory that its window left running. */
  takeOverOrphans(): Promise<void> {
    // One scan at a time, so that two triggers never both take the same series.
    this.scanning = this.scanning.then(() => this.scanOnce()).catch(() => undefined);
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    clearTimeout(this.rescan.timer);
    let elsewhere = 0;
    for (const folder of await listSeriesFolders(this.capture.captureDir())) {
      if (this.isDisposed || this.get(folder)) continue;
      let m: SeriesManifest;
      try {
        m = await readManifest(folder);
      } catch {
        continue; // A folder without a readable manifest is not ours to change; the Profiles view says why.
      }
      const decision = decideResume(m, {
        nowMs: Date.now(),
        hostname: os.hostname(),
        self: SELF,
        runningHere: false,
        isPidAlive,
        allowResume: getSeriesResume(),
      });
      if (decision.action === 'leave') {
        if (m.status === 'running') elsewhere++;
        continue;
      }
      // Two windows may find the same orphan: only the one that makes this file goes on.
      if (!(await claim(folder, m))) continue;
      try {
        await removeTempFiles(folder);
        if (decision.action === 'interrupt') {
          await writeManifest(folder, interruptedManifest(m, decision.reason, new Date()));
          this.capture.didSave(vscode.Uri.file(folder));
          continue;
        }
        const fetch = await this.fetcher(m.target, undefined, m.types, m.gc === true);
        const taken = takeOverManifest(m, decision.next, decision.missed, SELF, new Date());
        await writeManifest(folder, taken);
        const run = this.track(new SeriesRun(taken, { folder, fetch: fetch.fetch, onChange: () => this.changed(folder) }, decision.next));
        vscode.window.setStatusBarMessage(`$(pulse) pprof: resumed the series in ${path.basename(folder)} at round ${decision.next} of ${m.count}`, 8000);
        void run.done.then((end) => this.finished(folder, end, false));
      } catch (e) {
        void vscode.window.showErrorMessage(`pprof: cannot take over the series in ${folder}: ${oneLine(e)}`);
      }
    }
    if (this.isDisposed) return;
    this.rescan.step = elsewhere ? this.rescan.step + 1 : 0;
    if (elsewhere) this.rescan.timer = setTimeout(() => void this.takeOverOrphans(), RESCAN_MS[Math.min(this.rescan.step, RESCAN_MS.length) - 1]);
  }

  private async fetcher(url: string, name: string | undefined, types: SeriesSpec['types'], gc: boolean) {
    const target = targetFor({ url, name }, getTargets());
    const credentials = await this.capture.credentials.get(parseTargetUrl(target.url).origin);
    const requests = seriesRequests(target, types, { gc, maxBodyBytes: getMaxBodyBytes(), caFile: getCaFile(), credentials });
    return { label: requests.get(types[0])!.label, fetch: snapshotFetcher(requests, workerValidator(this.services.engine)) };
  }

  private track(run: SeriesRun): SeriesRun {
    const key = path.resolve(run.folder);
    const item = new SeriesStatusItem(run);
    this.runs.set(key, run);
    this.counts.set(key, { n: -1 });
    void run.done.finally(() => {
      this.runs.delete(key);
      this.counts.delete(key);
      item.dispose();
    });
    return run;
  }

  /** Redraws the item; the Profiles view hears of it when the count of snapshots changed. */
  private changed(folder: string): void {
    const key = path.resolve(folder);
    const run = this.runs.get(key);
    const seen = this.counts.get(key);
    if (!run || !seen) return;
    const n = run.manifest.snapshots.length + run.manifest.errors.length;
    if (n !== seen.n) {
      seen.n = n;
      this.capture.didSave(vscode.Uri.file(path.join(folder, MANIFEST_FILE)));
    }
  }

  private async finished(folder: string, m: SeriesManifest, open: boolean): Promise<vscode.Uri | undefined> {
    const uri = vscode.Uri.file(folder);
    this.capture.didSave(uri);
    if (m.status === 'running') return undefined; // let go as the window closed: the next host takes it over
    if (m.status === 'failed') {
      void vscode.window.showErrorMessage(`pprof: the series in ${path.basename(folder)} stopped: ${m.stopReason ?? 'unknown error'}`);
      return undefined;
    }
    const failed = m.errors.length ? `, ${m.errors.length} failed (see "errors" in manifest.json)` : '';
    vscode.window.setStatusBarMessage(`$(check) pprof: series ${m.status}: ${m.snapshots.length} snapshots${failed}`, 8000);
    if (open) {
      try {
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path.join(folder, MANIFEST_FILE)), 'pprofLens.series');
      } catch (e) {
        void vscode.window.showWarningMessage(`pprof: the series is saved in ${folder} but its view did not open: ${oneLine(e)}`);
      }
    }
    return uri;
  }
}

/** Decodes each profile in the worker, so a large one never blocks the extension host, then lets it go. */
function workerValidator(engine: EngineCalls): ProfileValidator {
  return async (bytes, label) => {
    const handle = `series-${randomUUID()}`;
    // The worker takes ownership of what it is sent, so it gets a copy; the original is saved.
    const summary = await engine.open(handle, new Uint8Array(bytes), label);
    void engine.close(handle).catch(() => undefined);
    return { sampleCount: summary.sampleCount };
  };
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Creates a lock file named after the orphan's last heartbeat; false when another host made it first. */
async function claim(folder: string, m: SeriesManifest): Promise<boolean> {
  const stamp = (m.heartbeat ?? m.started).replace(/[^0-9A-Za-z]/g, '');
  try {
    await (await openFile(path.join(folder, `.takeover-${stamp}.lock`), 'wx')).close();
    return true;
  } catch {
    return false;
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
}

/** The one SeriesRuntime of these services, disposed with the extension. */
export const seriesRuntime = onePerOwner((services: Services) => new SeriesRuntime(services));
