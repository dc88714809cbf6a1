// Runs a load and profile inside VS Code: one cancellable notification with requests/s and errors as they
// come, the status-bar item, the CPU windows checked in the worker and shown in the live view, then the
// profile and its record saved and the profile opened in the profile editor in the live view's place.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { openSavedProfile } from '../capture/openSaved';
import { getCaFile, getLoadLiveWindowSeconds, getMaxBodyBytes, getTargets } from '../config';
import { captureRuntime } from '../capture/captureRuntime';
import { CaptureError, isCancelled } from '../capture/captureError';
import { buildCaptureRequest } from '../capture/policy';
import { parseTargetUrl } from '../capture/targetUrl';
import { targetFor } from '../capture/targets';
import type { Services } from '../services';
import type { LoadSpec } from './loadArgs';
import type { LoadProgress } from './loadGenerator';
import { runLoad, type LoadRunResult } from './loadRun';
import type { LoadSummary } from './loadSummary';
import { LiveView } from './liveView';
import { loadRuns } from './loadRuns';

/** What the command resolves to (DESIGN.md). */
export interface LoadAndProfileResult {
  readonly profile: vscode.Uri;
  readonly report: vscode.Uri;
  readonly summary: LoadSummary;
}

export async function runLoadAndProfile(services: Services, spec: LoadSpec): Promise<LoadAndProfileResult | undefined> {
  const runtime = captureRuntime(services);
  const u = new URL(spec.url);
  const what = `${spec.method} ${u.host}${u.pathname}`;
  let credentials;
  try {
    credentials = await runtime.credentials.get(parseTargetUrl(spec.target).origin);
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const target = targetFor({ url: spec.target }, getTargets());
  const requestFor = (seconds: number) => buildCaptureRequest(target, 'cpu', seconds, { maxBodyBytes: getMaxBodyBytes(), caFile: getCaFile(), credentials });
  const window = spec.open ? getLoadLiveWindowSeconds() : 0;
  const live = window > 0 && window < spec.seconds ? new LiveView(services, what, spec.seconds) : undefined;
  const busy = runtime.status.begin(`cpu under load on ${what}`);
  let result: LoadRunResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `pprof: load on ${what}`, cancellable: true },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        const tracked = loadRuns(services).add(ac);
        progress.report({ message: `asking ${target.url}…` });
        return runLoad(spec, {
          dir: runtime.captureDir(),
          requestFor,
          validate: async (bytes, label) => {
            const handle = `load-check-${randomUUID()}`;
            const summary = await services.engine.open(handle, new Uint8Array(bytes), label);
            void services.engine.close(handle).catch(() => undefined);
            return { sampleCount: summary.sampleCount };
          },
          merge: async (files) => (await services.engine.mergeFiles(files, files.map(() => ''))).bytes,
          liveWindowSeconds: live ? window : 0,
          signal: ac.signal,
          onStart: () => progress.report({ message: `${spec.seconds} s, ${spec.connections} connections…` }),
          onProgress: (p) => progress.report({ message: progressLine(p, spec.seconds), increment: 100 / spec.seconds }),
          onLive: (bytes, covered) => live?.update(bytes, covered),
        }).finally(() => tracked.dispose());
      },
    );
  } catch (e) {
    live?.close();
    if (!isCancelled(e)) showFailure(e, spec.target);
    return undefined;
  } finally {
    busy.dispose();
  }

  const profile = vscode.Uri.file(result.profile);
  runtime.didSave(profile);
  const s = result.summary;
  vscode.window.setStatusBarMessage(`$(check) pprof: ${s.requests} requests, ${s.rps} req/s, ${s.errors} errors, ${s.non2xx} non-2xx · ${vscode.workspace.asRelativePath(profile)}`, 8000);
  if (spec.open) await openSavedProfile(profile);
  // The final profile is up; the live view it replaces goes.
  live?.close();
  return { profile, report: vscode.Uri.file(result.report), summary: s };
}

function progressLine(p: LoadProgress, seconds: number): string {
  const left = Math.max(0, seconds - p.seconds);
  return `${p.rps} req/s · ${p.requests} requests · ${p.errors} errors · ${p.non2xx} non-2xx · ${left > 0 ? `${left} s left` : 'finishing…'}`;
}

function showFailure(e: unknown, target: string): void {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof CaptureError && e.kind === 'unauthorized') {
    void vscode.window.showErrorMessage(`pprof: ${message}`, 'Set Credentials…').then((pick) => {
      if (pick) void vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url: target });
    });
    return;
  }
  void vscode.window.showErrorMessage(`pprof: ${message}`);
}
