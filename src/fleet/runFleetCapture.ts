// Runs a fleet capture inside VS Code: one cancellable notification with each instance's outcome as it
// comes, credentials from SecretStorage per instance origin, the merge in the worker, then a warning
// listing the instances that failed and the merged profile opened in the profile editor.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { openSavedProfile } from '../capture/openSaved';
import { getCaFile, getFleetConcurrency, getMaxBodyBytes, getTargets } from '../config';
import type { Services } from '../services';
import { captureRuntime } from '../capture/captureRuntime';
import { CaptureError, isCancelled } from '../capture/captureError';
import { buildCaptureRequest } from '../capture/policy';
import type { ProfileType } from '../capture/profileTypes';
import { parseTargetUrl } from '../capture/targetUrl';
import { targetFor } from '../capture/targets';
import { captureFleet, type FleetCaptureResult } from './captureFleet';
import type { FleetInstance } from './fleetTypes';

export interface FleetRun {
  readonly group: string;
  readonly instances: readonly FleetInstance[];
  readonly type: ProfileType;
  readonly seconds?: number;
}

/** Captures, merges, saves and (unless `open` is false) opens. Undefined when it failed or was cancelled. */
export async function runFleetCapture(services: Services, run: FleetRun, open = true): Promise<vscode.Uri | undefined> {
  const runtime = captureRuntime(services);
  const what = `${run.type} from ${run.instances.length} instances of ${run.group}`;
  const busy = runtime.status.begin(what);
  let result: FleetCaptureResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `pprof: capturing ${what}`, cancellable: true },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        progress.report({ message: run.seconds ? `${run.seconds} s of CPU…` : 'fetching…' });
        let reported = 0;
        return captureFleet(
          { group: run.group, instances: run.instances, type: run.type, seconds: run.seconds, concurrency: getFleetConcurrency() },
          {
            dir: runtime.captureDir(),
            signal: ac.signal,
            requestFor: async (inst) => {
              const target = targetFor({ url: inst.url }, getTargets());
              const credentials = await runtime.credentials.get(parseTargetUrl(inst.url).origin);
              return buildCaptureRequest({ ...target, name: inst.instance }, run.type, run.seconds, {
                maxBodyBytes: getMaxBodyBytes(),
                caFile: getCaFile(),
                credentials,
              });
            },
            // A full decode in the worker: an instance whose answer is not a profile is left out, not the merge.
            validate: async (bytes, label) => {
              const handle = `fleet-check-${randomUUID()}`;
              const summary = await services.engine.open(handle, new Uint8Array(bytes), label);
              void services.engine.close(handle).catch(() => undefined);
              return { sampleCount: summary.sampleCount };
            },
            merge: (files, instances) => services.engine.mergeFiles(files, instances),
            onStatus: (message, done, total) => {
              progress.report({ message, increment: ((done - reported) * 100) / total });
              reported = done;
            },
          },
        );
      },
    );
  } catch (e) {
    if (!isCancelled(e)) showFailure(e);
    return undefined;
  } finally {
    busy.dispose();
  }

  const uri = vscode.Uri.file(result.path);
  runtime.didSave(uri);
  if (result.failed.length) {
    const list = result.failed.map((f) => `${f.instance}: ${f.error}`).join('; ');
    void vscode.window.showWarningMessage(`pprof: ${result.failed.length} of ${result.instances.length} instances left out of ${run.group}'s merge: ${list}`);
  }
  vscode.window.setStatusBarMessage(`$(check) pprof: merged ${result.instances.length - result.failed.length} instances into ${vscode.workspace.asRelativePath(uri)}`, 5000);
  if (open) await openSavedProfile(uri);
  return uri;
}

function showFailure(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof CaptureError && e.kind === 'unauthorized') {
    void vscode.window.showErrorMessage(`pprof: ${message}`, 'Set Credentials…').then((pick) => {
      if (pick) void vscode.commands.executeCommand('pprofLens.setEndpointCredentials');
    });
    return;
  }
  void vscode.window.showErrorMessage(`pprof: ${message}`);
}
