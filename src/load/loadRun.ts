// A load run, from a checked spec to the saved profile and its record: the pprof target is asked first (a
// target that does not answer means no load is sent), then the load and the CPU capture start together and
// last the same seconds. A capture that fails stops the load; a cancel stops both; either leaves no file.
// At the end the profile is saved and `<name>.run.json` beside it, each atomically. No vscode.
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { setMaxListeners } from 'node:events';
import type { ProfileValidator } from '../capture/capture';
import { CaptureError, isCancelled } from '../capture/captureError';
import { cancelledError } from '../capture/classify';
import { fetchProfile } from '../capture/fetch';
import type { CaptureRequest } from '../capture/policy';
import { saveCapture, writeNewFile } from '../capture/save';
import { runRecordName, type RunRecord } from '../protocol/runRecord';
import { captureCpuWindows } from './cpuWindows';
import type { LoadSpec } from './loadArgs';
import { LoadError } from './loadError';
import { startLoad, type LoadProgress } from './loadGenerator';
import { loadRunRecord } from './loadRecord';
import type { LoadSummary } from './loadSummary';

export interface LoadRunDeps {
  readonly dir: string;
  /** The CPU capture request of the target for `seconds`; may throw a CaptureError (a bad target). */
  readonly requestFor: (seconds: number) => CaptureRequest;
  readonly validate: ProfileValidator;
  readonly merge: (files: readonly string[]) => Promise<Uint8Array>;
  /** Seconds per live window; 0: one capture of the whole run and no live updates. */
  readonly liveWindowSeconds: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: LoadProgress) => void;
  /** The profile of the windows captured so far, and the seconds they cover. */
  readonly onLive?: (merged: Uint8Array, seconds: number) => void;
  /** Told once the target answered and the load and capture start. */
  readonly onStart?: () => void;
  readonly now?: () => Date;
}

export interface LoadRunResult {
  readonly profile: string;
  readonly report: string;
  readonly summary: LoadSummary;
  readonly record: RunRecord;
}

const PROBE_TIMEOUT_MS = 5000;

export async function runLoad(spec: LoadSpec, deps: LoadRunDeps): Promise<LoadRunResult> {
  const started = (deps.now ?? (() => new Date()))();
  const whole = deps.requestFor(spec.seconds);
  await probeTarget(whole, deps.signal);

  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  const onAbort = () => ac.abort();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  const staging = await mkdtemp(path.join(os.tmpdir(), 'pprof-lens-load-'));
  try {
    deps.onStart?.();
    const load = startLoad(spec, deps.onProgress);
    ac.signal.addEventListener('abort', () => load.stop(), { once: true });
    // A load that fails ends the capture too; its error is thrown below, where the load's end is awaited.
    load.done.catch(() => ac.abort());
    const cpu = captureCpuWindows(spec.seconds, deps.liveWindowSeconds, {
      requestFor: deps.requestFor,
      validate: deps.validate,
      merge: deps.merge,
      staging,
      signal: ac.signal,
      onWindow: deps.onLive,
    });
    let bytes: Uint8Array;
    try {
      bytes = await cpu;
    } catch (e) {
      ac.abort();
      const loadFailure = await load.done.then(() => undefined, (f: unknown) => f);
      if (deps.signal?.aborted) throw cancelledError();
      if (loadFailure !== undefined) throw loadError(spec, loadFailure);
      if (isCancelled(e)) throw cancelledError();
      throw new LoadError(`The CPU capture from ${whole.baseUrl} failed, so the load was stopped: ${e instanceof Error ? e.message : String(e)}`);
    }
    const outcome = await load.done.catch((f: unknown) => {
      throw loadError(spec, f);
    });
    if (deps.signal?.aborted) throw cancelledError();
    return await save(spec, deps.dir, started, bytes, outcome);
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    await rm(staging, { recursive: true, force: true });
  }
}

function loadError(spec: LoadSpec, e: unknown): LoadError {
  return new LoadError(`The load on ${spec.url} failed, so the capture was stopped: ${e instanceof Error ? e.message : String(e)}`);
}

async function save(
  spec: LoadSpec,
  dir: string,
  started: Date,
  bytes: Uint8Array,
  outcome: Awaited<ReturnType<typeof startLoad>['done']>,
): Promise<LoadRunResult> {
  const u = new URL(spec.url);
  const profile = await saveCapture(dir, `load-${u.host}${u.pathname}`, 'cpu', started, bytes);
  const report = path.join(dir, runRecordName(path.basename(profile)));
  const record = loadRunRecord(spec, outcome.summary, outcome.counts, outcome.histogram, started.getTime(), path.basename(profile));
  try {
    if (!(await writeNewFile(report, Buffer.from(JSON.stringify(record, null, 2) + '\n')))) throw new Error(`${report} exists`);
  } catch (e) {
    await unlink(profile).catch(() => undefined);
    const why = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
    throw new LoadError(`Cannot save the run's report beside the profile in ${dir} (${why}): check pprofLens.capture.directory and its permissions`);
  }
  return { profile, report, summary: outcome.summary, record };
}

/** The target's pprof index must answer before any load is sent: a CPU capture that cannot start would waste the run. */
async function probeTarget(req: CaptureRequest, signal: AbortSignal | undefined): Promise<void> {
  try {
    await fetchProfile({ ...req, url: `${req.baseUrl}/`, timeoutMs: Math.min(req.timeoutMs, PROBE_TIMEOUT_MS), maxBodyBytes: 1 << 20 }, { signal });
  } catch (e) {
    if (isCancelled(e)) throw e;
    const why = e instanceof CaptureError ? e.message : String(e);
    throw new LoadError(`The load was not started: the pprof target ${req.baseUrl} does not answer (${why}). Start the service, or give the target (its pprof address)`);
  }
}
