// The capture request policy, pure: which URL to fetch, how long to wait, what to send and accept.
// Timeout rule as pprof's fetch.go adjustURL: 1.5× the CPU duration, else 60 s.
import { CaptureError } from './captureError';
import { authorizationHeader, Credentials } from './credentials';
import { PROFILE_TYPE_INFO, ProfileType } from './profileTypes';
import { baseUrlOf, parseTargetUrl } from './targetUrl';

export interface CaptureTarget {
  /** The configured target's name; the host:port stands in when absent. */
  readonly name?: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly insecureSkipVerify?: boolean;
}

export interface CaptureOptions {
  /** heap only: ask the runtime to collect garbage first (gc=1). */
  readonly gc?: boolean;
  readonly maxBodyBytes?: number;
  readonly maxRedirects?: number;
  /** Replaces the computed timeout. */
  readonly timeoutMs?: number;
  readonly credentials?: Credentials;
  readonly caFile?: string;
}

export interface CaptureRequest {
  readonly url: string;
  /** The base URL the target was given as, for messages and the recent list; no credentials. */
  readonly baseUrl: string;
  readonly origin: string;
  /** The name used in messages and in the file name. */
  readonly label: string;
  readonly type: ProfileType;
  /** CPU only. */
  readonly seconds: number | undefined;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly insecureSkipVerify: boolean;
  readonly caFile: string | undefined;
}

const DEFAULT_CPU_SECONDS = 30;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const MAX_CPU_SECONDS = 3600;

/** Builds the request. `type` may be omitted when the URL names the profile itself. */
export function buildCaptureRequest(
  target: CaptureTarget,
  type: ProfileType | undefined,
  seconds: number | undefined,
  opts: CaptureOptions = {},
): CaptureRequest {
  const t = parseTargetUrl(target.url);
  const kind = type ?? t.profileType;
  if (!kind) throw new CaptureError('invalid', `Which profile? ${baseUrlOf(t)} does not name one; pass a type (cpu, heap, allocs, goroutine, block, mutex, threadcreate)`);

  const cpuSeconds = kind === 'cpu' ? checkSeconds(seconds ?? DEFAULT_CPU_SECONDS) : undefined;
  const params = new URLSearchParams(t.query.map(([k, v]) => [k, v]));
  if (cpuSeconds !== undefined) params.set('seconds', String(cpuSeconds));
  if (kind === 'heap' && opts.gc) params.set('gc', '1');
  const query = params.toString();
  const url = `${t.origin}${t.basePath}/${PROFILE_TYPE_INFO[kind].path}${query ? `?${query}` : ''}`;

  const headers: Record<string, string> = { 'User-Agent': 'pprof-lens', ...(target.headers ?? {}) };
  const credentials = opts.credentials ?? (t.basic ? ({ kind: 'basic', ...t.basic } as const) : undefined);
  if (credentials) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
    headers.Authorization = authorizationHeader(credentials);
  }

  return {
    url,
    baseUrl: baseUrlOf(t),
    origin: t.origin,
    label: target.name?.trim() || t.hostPort,
    type: kind,
    seconds: cpuSeconds,
    timeoutMs: opts.timeoutMs ?? (cpuSeconds !== undefined ? cpuSeconds * 1500 : DEFAULT_TIMEOUT_MS),
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    headers,
    insecureSkipVerify: target.insecureSkipVerify === true,
    caFile: opts.caFile || undefined,
  };
}

function checkSeconds(s: number): number {
  if (!Number.isInteger(s) || s < 1 || s > MAX_CPU_SECONDS) {
    throw new CaptureError('invalid', `CPU seconds must be a whole number from 1 to ${MAX_CPU_SECONDS}, not ${String(s)}`);
  }
  return s;
}
