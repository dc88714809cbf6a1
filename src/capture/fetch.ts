// Streams one profile over HTTP(S) with node:http: abort at once, a total deadline, a redirect
// limit and a body limit checked on every chunk. Returns the whole body only when it is complete.
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';
import { CaptureError } from './captureError';
import { cancelledError, closedError, networkError, redirectError, statusError, timeoutError, tooLargeError } from './classify';
import type { CaptureRequest } from './policy';

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /** Called with the bytes received so far. */
  readonly onData?: (received: number) => void;
}

export interface FetchResult {
  readonly bytes: Buffer;
  /** The URL that finally answered, after redirects. */
  readonly finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ERROR_BODY_LIMIT = 4096;

export async function fetchProfile(req: CaptureRequest, opts: FetchOptions = {}): Promise<FetchResult> {
  const ca = req.caFile ? await readCa(req.caFile) : undefined;
  return new Promise<FetchResult>((resolve, reject) => {
    let current: http.ClientRequest | undefined;
    let settled = false;
    let received = 0;
    const finish = (err: CaptureError | undefined, result?: FetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      current?.destroy();
      if (err) reject(err);
      else resolve(result!);
    };
    const onAbort = () => finish(cancelledError());
    const timer = setTimeout(() => finish(timeoutError(req)), req.timeoutMs);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const hop = (url: URL, redirects: number, headers: Record<string, string>) => {
      const mod = url.protocol === 'https:' ? https : http;
      let answered = false;
      const r = mod.request(url, { method: 'GET', headers, agent: false, ca, rejectUnauthorized: !req.insecureSkipVerify }, (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status) && res.headers.location) {
          res.resume();
          if (redirects >= req.maxRedirects) return finish(redirectError(req));
          const next = new URL(res.headers.location, url);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            return finish(new CaptureError('redirects', `${req.url} redirects to a ${next.protocol} URL, which cannot be captured`));
          }
          // Credentials stay with the origin they were given for.
          return hop(next, redirects + 1, next.origin === url.origin ? headers : withoutAuth(headers));
        }
        if (status < 200 || status >= 300) {
          return readSome(res, ERROR_BODY_LIMIT, (body) => finish(statusError(req, redact(url), status, scrub(body, headers))));
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > req.maxBodyBytes) return finish(tooLargeError(req));
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > req.maxBodyBytes) return finish(tooLargeError(req));
          chunks.push(chunk);
          opts.onData?.(received);
        });
        res.on('end', () => {
          if (res.complete) finish(undefined, { bytes: Buffer.concat(chunks, received), finalUrl: redact(url) });
          else finish(closedError(req, received, true));
        });
        res.on('error', (e) => finish(networkError(req, e, received, true)));
        res.on('close', () => finish(closedError(req, received, true)));
      });
      r.on('error', (e) => finish(networkError(req, e, received, answered)));
      current = r;
      r.end();
    };
    hop(new URL(req.url), 0, { ...req.headers });
  });
}

function withoutAuth(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization' && k.toLowerCase() !== 'cookie') out[k] = v;
  return out;
}

/** Removes credentials a server might echo back in an error page. */
function scrub(text: string, headers: Record<string, string>): string {
  let out = text;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== 'authorization') continue;
    for (const secret of [v, v.replace(/^\S+\s+/, '')]) if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/** A URL fit for a message: no user:password. */
function redact(url: URL): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.href;
}

function readSome(res: http.IncomingMessage, limit: number, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let n = 0;
  let called = false;
  const end = () => {
    if (called) return;
    called = true;
    res.destroy();
    done(Buffer.concat(chunks).toString('utf8'));
  };
  res.on('data', (c: Buffer) => {
    if (n < limit) chunks.push(c.subarray(0, limit - n));
    n += c.length;
    if (n >= limit) end();
  });
  res.on('end', end);
  res.on('error', end);
  res.on('close', end);
}

async function readCa(file: string): Promise<string[]> {
  try {
    // Node's `ca` replaces the default roots, so the public ones are kept alongside.
    return [...rootCertificates, await readFile(file, 'utf8')];
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    throw new CaptureError('tls', `Cannot read the CA file ${file} (${code}): fix pprofLens.capture.caFile`);
  }
}
