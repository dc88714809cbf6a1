// Runs one capture inside VS Code: a cancellable notification (with a countdown for CPU), the
// status-bar item, the decode check in the worker, then the saved file opened in the profile editor,
// which adopts the profile the check left open in the worker.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { openSavedProfile } from './openSaved';
import { getCaFile, getMaxBodyBytes, getTargets } from '../config';
import type { Services } from '../services';
import type { OpenProfile, PendingProfiles } from '../editor/pendingProfiles';
import type { EngineCalls } from '../worker/engineCalls';
import { captureToFile, CaptureResult, ProfileValidator } from './capture';
import { CaptureError, isCancelled } from './captureError';
import { captureRuntime } from './captureRuntime';
import { buildCaptureRequest, CaptureRequest } from './policy';
import { parseTargetUrl } from './targetUrl';
import { CaptureSpec, targetFor } from './targets';

/** Captures, saves and (unless `open` is false) opens the profile. Undefined when it failed or was cancelled. */
export async function runCapture(services: Services, spec: CaptureSpec, open = true): Promise<vscode.Uri | undefined> {
  const runtime = captureRuntime(services);
  let req: CaptureRequest;
  try {
    const target = targetFor(spec, getTargets());
    const credentials = await runtime.credentials.get(parseTargetUrl(target.url).origin);
    req = buildCaptureRequest(target, spec.type, spec.seconds, { gc: spec.gc, maxBodyBytes: getMaxBodyBytes(), caFile: getCaFile(), credentials });
  } catch (e) {
    showFailure(e, spec.url);
    return undefined;
  }

  const what = `${req.type} from ${req.label}`;
  const busy = runtime.status.begin(what);
  const check = new WorkerCheck(services.engine);
  let result: CaptureResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `pprof: capturing ${what}`, cancellable: true },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        const stopCountdown = countdown(req, progress);
        return captureToFile(req, {
          dir: runtime.captureDir(),
          validate: check.validate,
          signal: ac.signal,
          onReceived: () => {
            stopCountdown();
            progress.report({ message: 'checking the profile…' });
          },
        }).finally(stopCountdown);
      },
    );
  } catch (e) {
    check.close();
    if (!isCancelled(e)) showFailure(e, spec.url);
    return undefined;
  } finally {
    busy.dispose();
  }

  const uri = vscode.Uri.file(result.path);
  if (open) check.offer(services.pending, uri.fsPath);
  else check.close();
  await runtime.history.remember({ ...spec, type: req.type, seconds: req.seconds });
  runtime.didSave(uri);
  if (result.warning) void vscode.window.showWarningMessage(`pprof: ${result.warning}`);
  vscode.window.setStatusBarMessage(`$(check) pprof: saved ${vscode.workspace.asRelativePath(uri)}`, 5000);
  if (open) {
    await openSavedProfile(uri);
    // The editor has taken the profile by now, if it opened; otherwise nothing will.
    services.pending.withdraw(uri.fsPath);
  }
  return uri;
}

/** Reports the seconds left of a CPU capture each second; returns the function that stops it. */
function countdown(req: CaptureRequest, progress: vscode.Progress<{ message?: string; increment?: number }>): () => void {
  const total = req.seconds;
  if (total === undefined) {
    progress.report({ message: 'downloading…' });
    return () => undefined;
  }
  let left = total;
  progress.report({ message: `${left} s left` });
  const timer = setInterval(() => {
    left--;
    progress.report({ message: left > 0 ? `${left} s left` : 'waiting for the service…', increment: 100 / total });
    if (left <= 0) clearInterval(timer);
  }, 1000);
  return () => clearInterval(timer);
}

/** Decodes the body in the worker, so a large profile never blocks the extension host, and keeps it open there. */
class WorkerCheck {
  private opened: OpenProfile | undefined;

  constructor(private readonly engine: EngineCalls) {}

  readonly validate: ProfileValidator = async (bytes, label) => {
    const handle = `capture-${randomUUID()}`;
    // The worker takes ownership of what it is sent, so it gets a copy; the original is saved.
    const summary = await this.engine.open(handle, new Uint8Array(bytes), label);
    this.opened = { handle, summary };
    return { sampleCount: summary.sampleCount };
  };

  /** Hands the checked profile to the editor that opens `path`. */
  offer(pending: PendingProfiles, path: string): void {
    if (this.opened) pending.offer(path, this.opened);
    this.opened = undefined;
  }

  close(): void {
    if (this.opened) void this.engine.close(this.opened.handle).catch(() => undefined);
    this.opened = undefined;
  }
}

function showFailure(e: unknown, url: string): void {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof CaptureError && e.kind === 'unauthorized') {
    void vscode.window.showErrorMessage(`pprof: ${message}`, 'Set Credentials…').then((pick) => {
      if (pick) void vscode.commands.executeCommand('pprofLens.setEndpointCredentials', { url });
    });
    return;
  }
  void vscode.window.showErrorMessage(`pprof: ${message}`);
}
