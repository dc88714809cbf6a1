// One capture from request to file: fetch, a first look on this thread, a full decode by the
// injected validator (the worker in the extension), then the atomic save. No vscode here.
import { CaptureError } from './captureError';
import { cancelledError } from './classify';
import { fetchProfile } from './fetch';
import type { CaptureRequest } from './policy';
import { emptyProfileWarning } from './profileTypes';
import { saveCapture } from './save';
import { checkProfileBody } from './sniff';

export interface ProfileCheck {
  readonly sampleCount: number;
}

/** Decodes the whole body; rejects with a one-line reason when it is not a profile. */
export type ProfileValidator = (bytes: Uint8Array, label: string) => Promise<ProfileCheck>;

export interface CaptureDeps {
  readonly dir: string;
  readonly validate: ProfileValidator;
  readonly signal?: AbortSignal;
  readonly onData?: (received: number) => void;
  /** Called once the body is in, before it is decoded. */
  readonly onReceived?: () => void;
  readonly now?: () => Date;
}

export interface CaptureResult {
  readonly path: string;
  readonly size: number;
  readonly sampleCount: number;
  /** Set when the profile is valid but says nothing, and the service can fix that. */
  readonly warning?: string;
}

export async function captureToFile(req: CaptureRequest, deps: CaptureDeps): Promise<CaptureResult> {
  const started = (deps.now ?? (() => new Date()))();
  const { bytes, check } = await fetchCheckedProfile(req, deps);
  const path = await saveCapture(deps.dir, req.label, req.type, started, bytes);
  return { path, size: bytes.length, sampleCount: check.sampleCount, warning: emptyProfileWarning(req.type, check.sampleCount) };
}

/** Fetches a profile and checks it, without saving it: what a capture and each snapshot of a series share. */
export async function fetchCheckedProfile(
  req: CaptureRequest,
  deps: Pick<CaptureDeps, 'validate' | 'signal' | 'onData' | 'onReceived'>,
): Promise<{ bytes: Buffer; check: ProfileCheck }> {
  const { bytes } = await fetchProfile(req, { signal: deps.signal, onData: deps.onData });
  deps.onReceived?.();
  checkProfileBody(req, bytes);
  let check: ProfileCheck;
  try {
    check = await deps.validate(bytes, req.url);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new CaptureError('notProfile', reason.startsWith(req.url) ? reason : `${req.url}: ${reason}`);
  }
  if (deps.signal?.aborted) throw cancelledError();
  return { bytes, check };
}

/** Block and mutex profiles stay empty unless the service turned them on. */
