// One series running: each round at its time, every type's snapshot fetched and written atomically, the
// manifest rewritten atomically after each snapshot and at each heartbeat. A failed snapshot becomes an
// entry of `errors` and the series goes on; a disk error stops it (`failed`). No vscode here.
import * as path from 'node:path';
import { isCancelled } from '../capture/captureError';
import type { SeriesError, SeriesManifest, SeriesSnapshot, SeriesType } from '../model/profile/seriesManifest';
import { serializeSeriesManifest } from '../model/profile/seriesManifestJson';
import { writeFileAtomic } from './atomicWrite';
import { HEARTBEAT_MS } from './resume';
import { dueTime } from './schedule';
import { MANIFEST_FILE, snapshotFileName } from './seriesFolder';

/** Fetches one snapshot and checks it; rejects with a one-line CaptureError. */
export type SnapshotFetcher = (type: SeriesType, format: SeriesSnapshot['format'], signal: AbortSignal) => Promise<Uint8Array>;

export interface SeriesRunDeps {
  readonly folder: string;
  readonly fetch: SnapshotFetcher;
  readonly now?: () => number;
  /** Called whenever what the status bar shows may have changed. */
  readonly onChange?: () => void;
}

/** A write in the series folder failed: more snapshots cannot fix that. */
export class SeriesDiskError extends Error {}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class SeriesRun {
  private m: SeriesManifest;
  private stopping: 'cancel' | 'detach' | undefined;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  private saving: Promise<void> = Promise.resolve();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  /** When the next round is due (ms), or undefined while a round is being taken. */
  nextDueMs: number | undefined;
  /** Resolves with the manifest as it was last written, once the series stops. */
  readonly done: Promise<SeriesManifest>;

  constructor(
    manifest: SeriesManifest,
    private readonly deps: SeriesRunDeps,
    firstRound: number,
  ) {
    this.m = manifest;
    this.now = deps.now ?? Date.now;
    this.done = this.run(firstRound);
  }

  get manifest(): SeriesManifest {
    return this.m;
  }

  get folder(): string {
    return this.deps.folder;
  }

  /** Stops for good: what was captured stays, the status becomes `cancelled`. */
  cancel(): void {
    this.stop('cancel');
  }

  /** Lets go without a final status, as when the window closes: the next host takes it over. */
  detach(): void {
    this.stop('detach');
  }

  private stop(how: 'cancel' | 'detach'): void {
    this.stopping ??= how;
    this.abort.abort();
    this.wake?.();
  }

  private async run(firstRound: number): Promise<SeriesManifest> {
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref?.();
    try {
      const started = Date.parse(this.m.started);
      for (let round = firstRound; round <= this.m.count && !this.stopping; round++) {
        this.nextDueMs = dueTime(started, this.m.intervalSeconds, round);
        this.deps.onChange?.();
        await this.sleepUntil(this.nextDueMs);
        if (this.stopping) break;
        this.nextDueMs = undefined;
        this.deps.onChange?.();
        await this.takeRound(round);
        if (this.stopping) break;
        this.update({ rounds: round });
        await this.save();
      }
      if (this.stopping === 'detach') return this.m;
      const done = this.m.rounds ?? 0;
      if (this.stopping === 'cancel') this.update({ status: 'cancelled', stopReason: `stopped by the user after ${done} of ${this.m.count} rounds` });
      else this.update({ status: 'complete' });
      this.update({ ended: new Date(this.now()).toISOString() });
      await this.save();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.update({ status: 'failed', stopReason: reason, ended: new Date(this.now()).toISOString() });
      // The disk may refuse this one too; the host still shows the reason.
      await this.save().catch(() => undefined);
    } finally {
      clearInterval(this.heartbeat);
      this.nextDueMs = undefined;
      this.abort.abort();
      this.deps.onChange?.();
    }
    return this.m;
  }

  private async takeRound(round: number): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const type of this.m.types) {
      jobs.push(this.takeSnapshot(type, 'pprof', round));
      // States, wait minutes and "created by" exist only in the debug=2 text.
      if (type === 'goroutine') jobs.push(this.takeSnapshot(type, 'goroutine-text', round));
    }
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async takeSnapshot(type: SeriesType, format: SeriesSnapshot['format'], round: number): Promise<void> {
    const time = new Date(this.now()).toISOString();
    let bytes: Uint8Array;
    try {
      bytes = await this.deps.fetch(type, format, this.abort.signal);
    } catch (e) {
      if (this.stopping || isCancelled(e)) return;
      const what = format === 'goroutine-text' ? 'the debug=2 dump: ' : '';
      const error: SeriesError = { time, type, error: `${what}${e instanceof Error ? e.message : String(e)}`, round };
      this.update({ errors: [...this.m.errors, error] });
      return this.save();
    }
    const file = snapshotFileName(type, round, format);
    await this.write(path.join(this.deps.folder, file), bytes);
    const snap: SeriesSnapshot = { time, type, format, file, round };
    this.update({ snapshots: sortSnapshots([...this.m.snapshots, snap], this.m.types) });
    return this.save();
  }

  private beat(): void {
    if (this.stopping) return;
    this.update({});
    this.save().catch(() => undefined);
  }

  private update(change: Partial<Mutable<SeriesManifest>>): void {
    this.m = { ...this.m, ...change, heartbeat: new Date(this.now()).toISOString() };
  }

  /** Writes the manifest as it is now, after any write already under way. */
  private save(): Promise<void> {
    const text = serializeSeriesManifest(this.m);
    const file = path.join(this.deps.folder, MANIFEST_FILE);
    this.saving = this.saving.catch(() => undefined).then(() => this.write(file, text));
    return this.saving;
  }

  private async write(file: string, data: Uint8Array | string): Promise<void> {
    try {
      await writeFileAtomic(file, data);
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
      throw new SeriesDiskError(`Cannot write ${file} (${code}): free some space or fix the folder's permissions (pprofLens.capture.directory); the series stopped`);
    }
  }

  private sleepUntil(dueMs: number): Promise<void> {
    const wait = dueMs - this.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, wait);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/** In round order, then the order the types were asked in, the profile before its dump. */
function sortSnapshots(snaps: SeriesSnapshot[], types: readonly SeriesType[]): SeriesSnapshot[] {
  const key = (s: SeriesSnapshot) => (s.round ?? 0) * 100 + types.indexOf(s.type) * 2 + (s.format === 'pprof' ? 0 : 1);
  return snaps.sort((a, b) => key(a) - key(b));
}
