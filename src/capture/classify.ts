// Turns what went wrong (a status, a socket error, a body) into a CaptureError with its hint.
import { CaptureError, excerpt } from './captureError';
import type { CaptureRequest } from './policy';

const CREDENTIALS_HINT = 'set credentials with "pprof: Set Endpoint Credentials" (or a header on the target)';

export function statusError(req: CaptureRequest, url: string, status: number, body: string): CaptureError {
  const where = `${url} answered ${status}`;
  const said = body.trim() ? ` (${excerpt(body)})` : '';
  if (status === 404) {
    return new CaptureError('notFound', `${where} Not Found${said}: is net/http/pprof imported (import _ "net/http/pprof") and its handler mounted at ${req.baseUrl}/?`);
  }
  if (status === 401 || status === 403) {
    return new CaptureError('unauthorized', `${where} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${CREDENTIALS_HINT}`);
  }
  if (/WriteTimeout/i.test(body)) {
    return new CaptureError('writeTimeout', `${where}: the server's WriteTimeout is shorter than the ${req.seconds ?? '?'} s asked for; capture fewer seconds or raise http.Server.WriteTimeout`);
  }
  if (/profiling already in use|already in use/i.test(body)) {
    return new CaptureError('http', `${where}${said}: another CPU profile is running on this service; wait for it to finish`);
  }
  return new CaptureError('http', `${where}${said}: the service did not serve the profile`);
}

/** Errors from the socket or TLS layer, before or during the response. */
export function networkError(req: CaptureRequest, err: unknown, received: number, answered: boolean): CaptureError {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  const host = new URL(req.origin).host;
  if (code === 'ECONNREFUSED') {
    return new CaptureError('refused', `Connection to ${host} refused: is the service running, and on that port?`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CaptureError('dns', `Cannot resolve the host of ${req.baseUrl}: check the host name`);
  }
  if (isTlsError(code, msg)) {
    return new CaptureError(
      'tls',
      `TLS error with ${host} (${code || msg}): set pprofLens.capture.caFile to the CA's PEM file, or opt in with "insecureSkipVerify": true on this target (test services only)`,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(msg)) {
    return closedError(req, received, answered);
  }
  return new CaptureError('network', `Cannot reach ${host} (${code || msg}): check the network and the URL`);
}

export function closedError(req: CaptureRequest, received: number, answered: boolean): CaptureError {
  if (!answered) return new CaptureError('closed', `${req.url}: the server closed the connection before answering; did it crash or restart?`);
  return new CaptureError('closed', `${req.url}: the server closed the connection after ${received} bytes, before the profile was complete; did it crash or restart?`);
}

export function timeoutError(req: CaptureRequest): CaptureError {
  const s = Math.round(req.timeoutMs / 1000);
  if (req.seconds !== undefined) {
    return new CaptureError(
      'timeout',
      `${req.url}: no complete answer within ${s} s; the server's WriteTimeout may be shorter than the ${req.seconds} s asked for, so capture fewer seconds or raise it`,
    );
  }
  return new CaptureError('timeout', `${req.url}: no complete answer within ${s} s; is the service overloaded, or is a proxy holding the request?`);
}

export function tooLargeError(req: CaptureRequest): CaptureError {
  const mb = Math.round((req.maxBodyBytes / (1024 * 1024)) * 10) / 10;
  return new CaptureError('tooLarge', `${req.url}: the answer is larger than the ${mb} MB limit; raise pprofLens.capture.maxBodyMB if a profile this big is expected`);
}

export function redirectError(req: CaptureRequest): CaptureError {
  return new CaptureError('redirects', `${req.url}: more than ${req.maxRedirects} redirects; the URL redirects in a loop, or a login proxy is in the way`);
}

/**
 * A browser's fetch() that failed without a status: the browser says no more than "Failed to fetch". From
 * an https page an http target is mixed content; otherwise another origin that does not allow this one
 * (CORS), or a host that cannot be reached.
 */
export function browserFetchError(req: CaptureRequest, pageOrigin: string | undefined): CaptureError {
  const target = new URL(req.origin);
  const instead = 'use the desktop VS Code, or save the profile (curl -o) and open the file';
  if (pageOrigin?.startsWith('https:') && target.protocol === 'http:' && !isLoopback(target.hostname)) {
    return new CaptureError('browser', `The browser blocked ${req.url}: this VS Code is served over https and the target over http (mixed content); serve pprof over https, or ${instead}`);
  }
  const from = pageOrigin && pageOrigin !== 'null' ? pageOrigin : 'this page';
  return new CaptureError('browser', `The browser could not read ${req.url}: ${target.origin} does not allow ${from} to read it (CORS: no Access-Control-Allow-Origin) or cannot be reached; allow that origin on the service, or ${instead}`);
}

/** Browsers treat loopback as secure, so an http target there is not mixed content. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]';
}

export function cancelledError(): CaptureError {
  return new CaptureError('cancelled', 'The capture was cancelled');
}

function isTlsError(code: string, msg: string): boolean {
  return /^ERR_(SSL|TLS)/.test(code) || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code) || code === 'EPROTO' || /SSL routines|certificate/i.test(msg);
}
