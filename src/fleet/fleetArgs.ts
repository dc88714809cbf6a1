// The argument object of pprof: Capture Fleet (DESIGN.md), checked, and a static list of URLs as
// instances. No vscode here.
import { CaptureError } from '../capture/captureError';
import { isProfileType, PROFILE_TYPES, type ProfileType } from '../capture/profileTypes';
import { parseTargetUrl } from '../capture/targetUrl';
import type { FleetInstance, FleetSource } from './fleetTypes';

export interface FleetArgs {
  readonly source: FleetSource;
  readonly type: ProfileType;
  readonly seconds?: number;
  readonly open: boolean;
}

/** True when the command was given an argument object rather than invoked from a menu or the palette. */
export const hasFleetArgs = (arg: unknown): arg is Record<string, unknown> =>
  typeof arg === 'object' && arg !== null && ('targets' in arg || 'prometheus' in arg || 'type' in arg);

export function parseFleetArgs(arg: Record<string, unknown>): FleetArgs {
  const { targets, prometheus, job, match, type, seconds, open, name } = arg;
  if (!isProfileType(type)) throw new CaptureError('invalid', `The argument "type" must be one of ${PROFILE_TYPES.join(', ')}, not ${JSON.stringify(type)}`);
  if (seconds !== undefined && typeof seconds !== 'number') throw new CaptureError('invalid', 'The argument "seconds" must be a number');
  if (name !== undefined && typeof name !== 'string') throw new CaptureError('invalid', 'The argument "name" must be a string');
  const common = { type, seconds: type === 'cpu' ? (seconds as number | undefined) : undefined, open: open !== false };
  if (prometheus !== undefined) {
    if (typeof prometheus !== 'string' || !prometheus.trim()) throw new CaptureError('invalid', 'The argument "prometheus" must be a URL, e.g. http://127.0.0.1:9090');
    if (job !== undefined && typeof job !== 'string') throw new CaptureError('invalid', 'The argument "job" must be a string');
    if (match !== undefined && (typeof match !== 'object' || match === null || Object.values(match).some((v) => typeof v !== 'string'))) {
      throw new CaptureError('invalid', 'The argument "match" must map label names to regular expressions, e.g. { "env": "prod" }');
    }
    const source = { prometheus: prometheus.trim(), ...(job ? { job } : {}), ...(match ? { match: match as Record<string, string> } : {}), ...(name ? { name } : {}) };
    return { source, ...common };
  }
  if (!Array.isArray(targets) || targets.length === 0 || targets.some((t) => typeof t !== 'string' || !t.trim())) {
    throw new CaptureError('invalid', 'The argument "targets" must be a non-empty list of URLs (or pass "prometheus")');
  }
  return { source: { name: (name as string | undefined) ?? 'fleet', targets: targets.map((t: string) => t.trim()) }, ...common };
}

/** A static group's URLs as instances: host:port names each, its pprof base is the URL's origin and base path. */
export function instancesOfUrls(urls: readonly string[]): FleetInstance[] {
  return urls.map((u) => {
    const t = parseTargetUrl(u);
    return { instance: t.hostPort, url: `${t.origin}${t.basePath}`, labels: {} };
  });
}

/** What a fleet is called in file names and messages: its name, else its job, else "fleet". */
export function groupName(source: FleetSource): string {
  if ('prometheus' in source) return source.name ?? source.job ?? 'prometheus';
  return source.name || 'fleet';
}
