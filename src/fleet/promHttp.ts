// One request to Prometheus's HTTP API with node:http(s): a deadline, abort, a body limit, extra CAs and
// an Authorization header. Network faults become one-line PrometheusErrors; the answer is returned as
// text for promAnswers.ts to judge (Prometheus answers errors with JSON bodies and 4xx statuses).
import * as http from 'node:http';
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { PrometheusAccess } from './fleetTypes';
import { PrometheusError } from './prometheusError';

export interface PromAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const BODY_LIMIT = 64 * 1024 * 1024;

/** Prometheus's base URL as given, without trailing slashes; a bare host:port gets http://. */
export function normalizeBase(base: string): string {
  let b = base.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(b)) b = `http://${b}`;
  let u: URL;
  try {
    u = new URL(b);
  } catch {
    throw new PrometheusError('config', `${JSON.stringify(base)} is not a URL: give Prometheus's base URL, e.g. http://localhost:9090`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new PrometheusError('config', `Prometheus's URL must be http or https, not ${u.protocol}`);
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/+$/, '');
}

/** GET `path` (with `query`), or POST it as a form when the query string is long. */
export function promRequest(base: string, path: string, params: Record<string, string>, access: PrometheusAccess = {}): Promise<PromAnswer> {
  const form = new URLSearchParams(params).toString();
  const post = form.length > 1500;
  const url = new URL(`${base}${path}${!post && form ? `?${form}` : ''}`);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'pprof-lens' };
  if (access.authorization) headers.Authorization = access.authorization;
  if (post) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const timeoutMs = access.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<PromAnswer>((resolve, reject) => {
    let settled = false;
    let req: http.ClientRequest | undefined;
    const finish = (err: PrometheusError | undefined, answer?: PromAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      access.signal?.removeEventListener('abort', onAbort);
      req?.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    const onAbort = () => finish(new PrometheusError('cancelled', 'Cancelled'));
    const timer = setTimeout(() => finish(new PrometheusError('timeout', `Prometheus at ${base} did not answer within ${Math.round(timeoutMs / 1000)} s: is it overloaded, or is a proxy holding the request?`)), timeoutMs);
    if (access.signal?.aborted) return onAbort();
    access.signal?.addEventListener('abort', onAbort, { once: true });
    const mod = url.protocol === 'https:' ? https : http;
    const ca = access.ca ? [...rootCertificates, typeof access.ca === 'string' ? access.ca : access.ca.toString('utf8')] : undefined;
    req = mod.request(url, { method: post ? 'POST' : 'GET', headers, agent: false, ca }, (res) => {
      const chunks: Buffer[] = [];
      let n = 0;
      res.on('data', (c: Buffer) => {
        n += c.length;
        if (n > BODY_LIMIT) return finish(new PrometheusError('answer', `Prometheus at ${base} answered more than ${BODY_LIMIT >> 20} MB: narrow the job or the query`));
        chunks.push(c);
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => finish(networkError(base, e)));
    });
    req.on('error', (e) => finish(networkError(base, e)));
    req.end(post ? form : undefined);
  });
}

function networkError(base: string, err: unknown): PrometheusError {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (code === 'ECONNREFUSED') return new PrometheusError('unreachable', `Prometheus at ${base} is not reachable (connection refused): is it running?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new PrometheusError('unreachable', `Prometheus at ${base} is not reachable (unknown host): check the host name`);
  if (/^ERR_(SSL|TLS)/.test(code) || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || code === 'EPROTO') {
    return new PrometheusError('unreachable', `Prometheus at ${base}: TLS error (${code}): set pprofLens.capture.caFile to its CA's PEM file`);
  }
  return new PrometheusError('unreachable', `Prometheus at ${base} is not reachable (${code || e?.message || String(err)}): is it running, and is the URL right?`);
}
