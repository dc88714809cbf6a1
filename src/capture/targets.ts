// Matching what the user gave (a name or a URL) to a configured target, and the spec of a capture
// that can be remembered and repeated. No vscode here.
import type { CaptureTarget } from './policy';
import type { ProfileType } from './profileTypes';
import { parseTargetUrl, TargetUrl } from './targetUrl';

/** Everything needed to repeat a capture. Holds no credentials, so it can live in globalState. */
export interface CaptureSpec {
  readonly url: string;
  readonly name?: string;
  readonly type: ProfileType;
  readonly seconds?: number;
  readonly gc?: boolean;
}

function sameBase(a: TargetUrl, b: TargetUrl): boolean {
  return a.origin === b.origin && a.basePath === b.basePath;
}

function tryParse(url: string): TargetUrl | undefined {
  try {
    return parseTargetUrl(url);
  } catch {
    return undefined;
  }
}

/** The configured target for a capture: by name first, then by origin and base path. */
export function targetFor(spec: { url: string; name?: string }, configured: readonly CaptureTarget[]): CaptureTarget {
  const byName = spec.name ? configured.find((t) => t.name === spec.name) : undefined;
  const wanted = tryParse(spec.url);
  const byUrl = wanted ? configured.find((t) => { const c = tryParse(t.url); return c !== undefined && sameBase(c, wanted); }) : undefined;
  const match = byName ?? byUrl;
  // The URL given wins (it may name a profile); the configured target adds its name, headers and TLS opt-in.
  return match ? { ...match, url: spec.url } : { url: spec.url, name: spec.name };
}

/** The URL to remember in the recent list: no credentials, no profile name. */
export function recentUrlOf(url: string): string | undefined {
  const t = tryParse(url);
  if (!t) return undefined;
  const query = new URLSearchParams(t.query.map(([k, v]) => [k, v])).toString();
  return `${t.origin}${t.basePath}${query ? `?${query}` : ''}`;
}

/** The same URL without user:password, for anything stored or shown. */
export function withoutCredentials(url: string): string {
  const t = tryParse(url);
  if (!t?.basic) return url;
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `http://${url.trim()}`);
  u.username = '';
  u.password = '';
  return u.href;
}
