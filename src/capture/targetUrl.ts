// What the user may type as a target, normalised: host:port, http(s)://host:port,
// a base path such as http://h/debug/pprof, or a full profile URL such as http://h/debug/pprof/heap.
import { CaptureError } from './captureError';
import { ProfileType, typeOfPathSegment } from './profileTypes';

const DEFAULT_BASE_PATH = '/debug/pprof';

export interface TargetUrl {
  /** scheme://host[:port], never with credentials. */
  readonly origin: string;
  /** The path the profiles hang under, without a trailing slash (may be empty). */
  readonly basePath: string;
  /** Set when the input named a profile, as a full profile URL does. */
  readonly profileType?: ProfileType;
  /** Query parameters from the input, except the ones the capture sets itself. */
  readonly query: readonly (readonly [string, string])[];
  /** user:password typed into the URL. Used for the request, never shown or stored. */
  readonly basic?: { readonly username: string; readonly password: string };
  /** host:port, for labels and file names. */
  readonly hostPort: string;
}

/** Parameters the capture controls; a value typed into the URL would fight the policy. */
const CONTROLLED_PARAMS = new Set(['seconds', 'debug']);

const HINT = 'enter host:port, http(s)://host:port, a base like http://host:6060/debug/pprof, or a full profile URL';

export function parseTargetUrl(input: string): TargetUrl {
  let text = input.trim();
  if (!text) throw new CaptureError('invalid', `The URL is empty: ${HINT}`);
  if (text.startsWith(':')) text = `localhost${text}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CaptureError('invalid', `${JSON.stringify(input.trim())} is not a URL: ${HINT}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new CaptureError('invalid', `Only http and https URLs can be captured, not ${u.protocol.replace(':', '')}: ${HINT}`);
  }
  if (!u.hostname) throw new CaptureError('invalid', `${JSON.stringify(input.trim())} has no host: ${HINT}`);

  const segments = u.pathname.split('/').filter((s) => s.length > 0);
  let basePath: string;
  let profileType: ProfileType | undefined;
  if (segments.length === 0) {
    basePath = DEFAULT_BASE_PATH;
  } else {
    profileType = typeOfPathSegment(segments[segments.length - 1]);
    const baseSegments = profileType ? segments.slice(0, -1) : segments;
    basePath = baseSegments.length ? `/${baseSegments.join('/')}` : '';
  }
  const query = [...u.searchParams.entries()].filter(([k]) => !CONTROLLED_PARAMS.has(k));
  const basic = u.username || u.password ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : undefined;
  return { origin: u.origin, basePath, profileType, query, basic, hostPort: u.host };
}

/** The base URL to show and remember: origin plus base path, never credentials. */
export function baseUrlOf(t: TargetUrl): string {
  return `${t.origin}${t.basePath}`;
}

/** The message for an input box, or undefined when the input parses. */
export function validateTargetInput(input: string): string | undefined {
  try {
    parseTargetUrl(input);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
