// pprof: Load and Profile's argument object, checked against the bounds the settings set. Pure: the palette's
// answers and a keybinding's object both come through here, and every bad field gets one line that says
// what to change. No vscode.
import { LoadError } from './loadError';

export const LOAD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type LoadMethod = (typeof LOAD_METHODS)[number];

/** What a caller passes to `pprofLens.loadAndProfile`. */
export interface LoadArgs {
  readonly url: string;
  /** The pprof endpoint to capture from: host:port or a URL; default the loaded URL's origin. */
  readonly target?: string;
  readonly seconds: number;
  readonly connections?: number;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly open?: boolean;
  /** Seconds before a request counts as timed out (an error); default the setting. */
  readonly timeoutSeconds?: number;
}

export interface LoadBounds {
  readonly maxSeconds: number;
  readonly maxConnections: number;
  readonly defaultConnections: number;
  readonly timeoutSeconds: number;
}

/** A checked load run: what the generator and the capture are given. */
export interface LoadSpec {
  /** The URL to load, as given (normalised by URL). */
  readonly url: string;
  readonly method: LoadMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly seconds: number;
  readonly connections: number;
  readonly timeoutSeconds: number;
  /** host:port or URL of the pprof endpoint. */
  readonly target: string;
  readonly open: boolean;
}

export function hasLoadArgs(arg: unknown): arg is LoadArgs {
  return !!arg && typeof arg === 'object' && typeof (arg as LoadArgs).url === 'string';
}

export function parseLoadArgs(arg: LoadArgs, bounds: LoadBounds): LoadSpec {
  const url = parseLoadUrl(arg.url);
  const method = (arg.method ?? 'GET').toUpperCase();
  if (!(LOAD_METHODS as readonly string[]).includes(method)) throw new LoadError(`The method ${JSON.stringify(arg.method)} is not one of ${LOAD_METHODS.join(', ')}`);
  const seconds = whole(arg.seconds, 'seconds', 1, bounds.maxSeconds, 'pprofLens.load.maxSeconds');
  const connections = whole(arg.connections ?? bounds.defaultConnections, 'connections', 1, bounds.maxConnections, 'pprofLens.load.maxConnections');
  const timeoutSeconds = arg.timeoutSeconds ?? bounds.timeoutSeconds;
  if (typeof timeoutSeconds !== 'number' || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new LoadError(`timeoutSeconds must be a positive number of seconds, not ${String(arg.timeoutSeconds)}`);
  }
  const headers = checkHeaders(arg.headers);
  if (arg.body !== undefined && typeof arg.body !== 'string') throw new LoadError('body must be a string (send JSON as its text)');
  if (arg.body && (method === 'GET' || method === 'HEAD')) throw new LoadError(`A ${method} request has no body: use POST or PUT, or leave the body empty`);
  const target = arg.target?.trim() || defaultTarget(url);
  return { url: url.href, method: method as LoadMethod, headers, body: arg.body || undefined, seconds, connections, timeoutSeconds, target, open: arg.open !== false };
}

/** The URL to load, or a one-line reason why it cannot be. */
export function parseLoadUrl(input: string): URL {
  const text = input.trim();
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new LoadError(`${JSON.stringify(text)} is not a URL: enter the endpoint to load, e.g. http://127.0.0.1:8080/work`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new LoadError(`Only http and https URLs can be loaded, not ${u.protocol.replace(':', '')}`);
  if (!u.hostname) throw new LoadError(`${JSON.stringify(text)} has no host`);
  if (u.username || u.password) throw new LoadError('Put credentials in a header (Authorization), not in the URL');
  return u;
}

/** The message for an input box, or undefined when the URL is one. */
export function validateLoadUrl(input: string): string | undefined {
  try {
    parseLoadUrl(input);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The pprof endpoint of the loaded service when none is named: the same host and port. */
export function defaultTarget(url: URL): string {
  return `${url.origin}/debug/pprof`;
}

/** The key a load run's record is compared by: the same method and URL. */
export function loadKey(spec: Pick<LoadSpec, 'method' | 'url'>): string {
  return `${spec.method} ${spec.url}`;
}

/** `Name: value; Name2: value2` → headers; undefined when a part is not a header. */
export function parseHeaders(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(part);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}

function whole(v: unknown, name: string, min: number, max: number, setting: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new LoadError(`${name} must be a whole number from ${min} to ${max}, not ${String(v)}`);
  if (v > max) throw new LoadError(`${name} ${v} is over the limit of ${max}: raise ${setting} to allow it`);
  return v;
}

function checkHeaders(h: unknown): Record<string, string> {
  if (h === undefined) return {};
  if (!h || typeof h !== 'object' || Array.isArray(h)) throw new LoadError('headers must be an object of header name → value');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) throw new LoadError(`${JSON.stringify(k)} is not a header name`);
    if (typeof v !== 'string' || /[\r\n]/.test(v)) throw new LoadError(`The header ${k} must be a one-line string`);
    out[k] = v;
  }
  return out;
}
