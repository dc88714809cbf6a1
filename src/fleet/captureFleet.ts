// A fleet capture, from instances to the merged profile: the same profile from every instance at once
// (at most `concurrency` at a time), each fetched and checked as a one-shot capture is and staged in a
// private folder; the answers merged (elsewhere: the worker) with an `instance` label; then the files put
// in place together. Instances that fail are left out and listed; all failing is an error naming the
// first; a cancel stops every request and leaves no file. No vscode here.
import { setMaxListeners } from 'node:events';
import * as path from 'node:path';
import { fetchCheckedProfile, type ProfileValidator } from '../capture/capture';
import { CaptureError } from '../capture/captureError';
import { cancelledError } from '../capture/classify';
import type { CaptureRequest } from '../capture/policy';
import type { ProfileType } from '../capture/profileTypes';
import { saveCapture } from '../capture/save';
import type { FleetInstance } from './fleetTypes';
import { makeStagingDir, publishFleet, removeStaging, type FleetInstanceRecord } from './fleetFiles';
import { runBounded } from './pool';

export interface FleetCaptureSpec {
  /** Names the folder and the merged file: a job, a group's name. */
  readonly group: string;
  readonly instances: readonly FleetInstance[];
  readonly type: ProfileType;
  readonly seconds?: number;
  readonly concurrency: number;
}

export interface MergedBytes {
  /** A gzipped pprof profile. */
  readonly bytes: Uint8Array;
  readonly sampleCount: number;
  readonly renamed: readonly string[];
}

export interface FleetCaptureDeps {
  readonly dir: string;
  /** The request for one instance (its credentials, CA file, limits); may throw a CaptureError. */
  readonly requestFor: (instance: FleetInstance) => Promise<CaptureRequest>;
  readonly validate: ProfileValidator;
  /** Merges the files, file i's samples labelled instance = instances[i]. */
  readonly merge: (files: readonly string[], instances: readonly string[]) => Promise<MergedBytes>;
  readonly signal?: AbortSignal;
  /** Told after each instance finishes, e.g. "3/5 done · 10.0.0.7:6060 refused". */
  readonly onStatus?: (message: string, done: number, total: number) => void;
  readonly now?: () => Date;
}

export interface FleetCaptureResult {
  /** The merged profile. */
  readonly path: string;
  readonly sidecar: string;
  readonly instances: readonly FleetInstanceRecord[];
  readonly failed: readonly FleetInstanceRecord[];
  readonly sampleCount: number;
  readonly renamed: readonly string[];
}

export async function captureFleet(spec: FleetCaptureSpec, deps: FleetCaptureDeps): Promise<FleetCaptureResult> {
  const instances = distinct(spec.instances);
  if (instances.length === 0) throw new CaptureError('invalid', `The fleet ${spec.group} has no instances to capture`);
  const started = (deps.now ?? (() => new Date()))();
  const ac = new AbortController();
  // Every request in flight listens to the one signal.
  setMaxListeners(instances.length + 10, ac.signal);
  const onAbort = () => ac.abort();
  if (deps.signal?.aborted) throw cancelledError();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  const staging = await makeStagingDir(deps.dir, spec.group);
  let published = false;
  try {
    let done = 0;
    const outcomes = await runBounded(
      instances,
      spec.concurrency,
      async (inst) => {
        try {
          const req = await deps.requestFor(inst);
          const { bytes } = await fetchCheckedProfile({ ...req, label: inst.instance }, { validate: deps.validate, signal: ac.signal });
          if (ac.signal.aborted) throw cancelledError();
          const file = await saveCapture(staging, inst.instance, req.type, started, bytes);
          deps.onStatus?.(`${++done}/${instances.length} done · ${inst.instance} ok`, done, instances.length);
          return file;
        } catch (e) {
          if (!ac.signal.aborted) deps.onStatus?.(`${++done}/${instances.length} done · ${inst.instance} ${shortReason(e)}`, done, instances.length);
          throw e;
        }
      },
      ac.signal,
    );
    if (ac.signal.aborted) throw cancelledError();

    const records: FleetInstanceRecord[] = instances.map((inst, i) => {
      const o = outcomes[i];
      return o.ok ? { instance: inst.instance, url: inst.url, file: o.value } : { instance: inst.instance, url: inst.url, error: messageOf(o.error) };
    });
    const answered = records.filter((r) => r.file !== undefined);
    const failed = records.filter((r) => r.error !== undefined);
    if (answered.length === 0) {
      const first = outcomes.find((o) => !o.ok);
      const cause = first && !first.ok ? first.error : undefined;
      const kind = cause instanceof CaptureError ? cause.kind : 'network';
      throw new CaptureError(kind, `No instance of ${spec.group} answered (${failed.length} failed); the first: ${failed[0].instance}: ${failed[0].error}`);
    }

    deps.onStatus?.(`merging ${answered.length} profiles…`, done, instances.length);
    const merged = await deps.merge(answered.map((r) => r.file!), answered.map((r) => r.instance));
    if (ac.signal.aborted) throw cancelledError();

    const staged = answered.map((r) => r.file!);
    const mergedPath = await publishFleet(deps.dir, staging, spec.group, started, staged, merged.bytes, (folder, mergedName) => ({
      group: spec.group,
      type: spec.type,
      time: started.getTime(),
      merged: mergedName,
      instances: records.map((r) => (r.file ? { ...r, file: `${folder}/${path.basename(r.file)}` } : r)),
      ...(merged.renamed.length ? { renamedInstanceLabel: merged.renamed } : {}),
    }));
    published = true;
    const folder = path.basename(mergedPath).replace(/\.pb\.gz$/, '');
    const final = records.map((r) => (r.file ? { ...r, file: `${folder}/${path.basename(r.file)}` } : r));
    return {
      path: mergedPath,
      sidecar: `${mergedPath}.fleet.json`,
      instances: final,
      failed,
      sampleCount: merged.sampleCount,
      renamed: merged.renamed,
    };
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    if (!published) await removeStaging(staging);
  }
}

/** The first of each instance: a target listed twice is captured once. */
function distinct(instances: readonly FleetInstance[]): FleetInstance[] {
  const seen = new Set<string>();
  return instances.filter((i) => (seen.has(i.instance) ? false : (seen.add(i.instance), true)));
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A word or two for the progress line. */
function shortReason(e: unknown): string {
  if (!(e instanceof CaptureError)) return 'failed';
  const words: Partial<Record<CaptureError['kind'], string>> = {
    refused: 'refused',
    timeout: 'timed out',
    unauthorized: 'unauthorized',
    notProfile: 'not a profile',
    html: 'not a profile',
    text: 'not a profile',
    empty: 'empty answer',
    notFound: 'not found',
    closed: 'closed the connection',
    tls: 'TLS error',
  };
  return words[e.kind] ?? 'failed';
}
