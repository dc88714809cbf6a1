// A capture in the web build: the browser's fetch() (same origin, or a service that allows this origin by
// CORS), the profile checked in the engine, and saved through workspace.fs: a temporary name, then a rename
// that refuses to overwrite, so a failed save leaves nothing under a capture's name.
import * as vscode from 'vscode';
import { getMaxBodyBytes, getTargets } from '../config';
import type { Services } from '../services';
import { CaptureError } from './captureError';
import { captureFileName } from './captureName';
import { browserFetchError, cancelledError, statusError, timeoutError, tooLargeError } from './classify';
import { buildCaptureRequest, type CaptureRequest } from './policy';
import { emptyProfileWarning } from './profileTypes';
import { checkProfileBody } from './sniff';
import { targetFor, type CaptureSpec } from './targets';

const TRIES = 100;
let nextHandle = 1;

/** Fetches, checks and saves one profile; resolves to the saved file's Uri, or throws a CaptureError. */
export async function captureInBrowser(services: Services, spec: CaptureSpec, token: vscode.CancellationToken): Promise<vscode.Uri> {
  const req = buildCaptureRequest(targetFor(spec, getTargets()), spec.type, spec.seconds, { gc: spec.gc, maxBodyBytes: getMaxBodyBytes() });
  const bytes = await fetchInBrowser(req, token);
  checkProfileBody(req, bytes);
  // The engine decodes it once, so a profile that cannot be opened is refused instead of saved.
  const handle = `web-capture-${nextHandle++}`;
  const summary = await services.engine.open(handle, bytes.slice(), req.label);
  void services.engine.close(handle).catch(() => undefined);
  const warning = emptyProfileWarning(req.type, summary.sampleCount);
  if (warning) void vscode.window.showWarningMessage(`pprof: ${warning}`);
  return saveInWorkspace(services.platform.captureDir(services.context), req, bytes);
}

async function fetchInBrowser(req: CaptureRequest, token: vscode.CancellationToken): Promise<Uint8Array> {
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), ac.abort()), req.timeoutMs);
  const cancel = token.onCancellationRequested(() => ac.abort());
  try {
    let res: Response;
    try {
      res = await fetch(req.url, { headers: req.headers, signal: ac.signal, redirect: 'follow', credentials: 'omit' });
    } catch (e) {
      if (timedOut) throw timeoutError(req);
      if (token.isCancellationRequested) throw cancelledError();
      throw browserFetchError(req, (globalThis as { location?: { origin?: string } }).location?.origin);
    }
    if (!res.ok) throw statusError(req, req.url, res.status, await res.text().catch(() => ''));
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > req.maxBodyBytes) throw tooLargeError(req);
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length > req.maxBodyBytes) throw tooLargeError(req);
    return body;
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    if (timedOut) throw timeoutError(req);
    if (token.isCancellationRequested) throw cancelledError();
    throw new CaptureError('network', `${req.url}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

async function saveInWorkspace(dir: vscode.Uri, req: CaptureRequest, bytes: Uint8Array): Promise<vscode.Uri> {
  const when = new Date();
  try {
    await vscode.workspace.fs.createDirectory(dir);
    const temp = vscode.Uri.joinPath(dir, `.capture-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
    await vscode.workspace.fs.writeFile(temp, bytes);
    try {
      for (let n = 1; n <= TRIES; n++) {
        const final = vscode.Uri.joinPath(dir, captureFileName(req.label, req.type, when, n));
        try {
          await vscode.workspace.fs.rename(temp, final, { overwrite: false });
          return final;
        } catch (e) {
          if (!(e instanceof vscode.FileSystemError && e.code === 'FileExists')) throw e;
        }
      }
      throw new Error(`${TRIES} captures named like ${captureFileName(req.label, req.type, when)} already exist`);
    } catch (e) {
      await Promise.resolve(vscode.workspace.fs.delete(temp)).catch(() => undefined);
      throw e;
    }
  } catch (e) {
    if (e instanceof CaptureError) throw e;
    throw new CaptureError('save', `Cannot save the capture in ${dir.toString(true)}: ${e instanceof Error ? e.message : String(e)}; check pprofLens.capture.directory`);
  }
}
