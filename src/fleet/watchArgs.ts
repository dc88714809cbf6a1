// The argument object of pprof: Capture When a PromQL Condition Fires (DESIGN.md), checked. No vscode.
//   { prometheus, query, type, seconds?, timeoutSeconds?, open?,
//     intervalSeconds?, cooldownSeconds?, pprofPort?, pprofPath?, scheme? }
import { isProfileType, PROFILE_TYPES, ProfileType } from '../capture/profileTypes';
import { PrometheusError } from './prometheusError';

export const DEFAULT_WATCH_TIMEOUT_SECONDS = 3600;
export const DEFAULT_POLL_SECONDS = 5;
export const DEFAULT_COOLDOWN_SECONDS = 600;

export interface WatchSpec {
  readonly prometheus: string;
  readonly query: string;
  readonly type: ProfileType;
  /** CPU only. */
  readonly seconds?: number;
  readonly timeoutSeconds: number;
  /** How often the query is asked. */
  readonly intervalSeconds: number;
  /** After a capture, the same instance is not captured again for this long. */
  readonly cooldownSeconds: number;
  /** How an `instance` label becomes a pprof URL, as for a Prometheus group. */
  readonly pprofPort?: number;
  readonly pprofPath?: string;
  readonly scheme?: 'http' | 'https';
  readonly open: boolean;
}

export function hasWatchArgs(arg: unknown): arg is { query: unknown } {
  return typeof arg === 'object' && arg !== null && ('query' in arg || 'prometheus' in arg);
}

/** Throws a one-line PrometheusError ('config') naming the argument at fault. */
export function parseWatchArgs(arg: Record<string, unknown>): WatchSpec {
  const { prometheus, query, type, seconds, timeoutSeconds, intervalSeconds, cooldownSeconds, pprofPort, pprofPath, scheme, open } = arg;
  if (typeof prometheus !== 'string' || !prometheus.trim()) throw invalid('The argument "prometheus" must be Prometheus\'s base URL, e.g. http://localhost:9090');
  if (typeof query !== 'string' || !query.trim()) throw invalid('The argument "query" must be a PromQL condition, e.g. go_goroutines > 5000');
  if (!isProfileType(type)) throw invalid(`The argument "type" must be one of ${PROFILE_TYPES.join(', ')}, not ${JSON.stringify(type)}`);
  if (seconds !== undefined && !(Number.isInteger(seconds) && (seconds as number) >= 1 && (seconds as number) <= 3600)) {
    throw invalid(`The argument "seconds" must be a whole number from 1 to 3600, not ${JSON.stringify(seconds)}`);
  }
  if (pprofPort !== undefined && !(Number.isInteger(pprofPort) && (pprofPort as number) > 0 && (pprofPort as number) < 65536)) {
    throw invalid(`The argument "pprofPort" must be a port number, not ${JSON.stringify(pprofPort)}`);
  }
  if (pprofPath !== undefined && typeof pprofPath !== 'string') throw invalid('The argument "pprofPath" must be a string');
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw invalid(`The argument "scheme" must be http or https, not ${JSON.stringify(scheme)}`);
  return {
    prometheus: prometheus.trim(),
    query: query.trim(),
    type,
    seconds: type === 'cpu' ? ((seconds as number | undefined) ?? 30) : undefined,
    timeoutSeconds: positive('timeoutSeconds', timeoutSeconds, DEFAULT_WATCH_TIMEOUT_SECONDS, 7 * 24 * 3600),
    intervalSeconds: positive('intervalSeconds', intervalSeconds, DEFAULT_POLL_SECONDS, 3600),
    cooldownSeconds: nonNegative('cooldownSeconds', cooldownSeconds, DEFAULT_COOLDOWN_SECONDS),
    pprofPort: pprofPort as number | undefined,
    pprofPath: pprofPath as string | undefined,
    scheme: scheme as 'http' | 'https' | undefined,
    open: open !== false,
  };
}

function positive(name: string, v: unknown, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > max) throw invalid(`The argument "${name}" must be a number of seconds from 1 to ${max}, not ${JSON.stringify(v)}`);
  return v;
}

function nonNegative(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`The argument "${name}" must be a number of seconds (0 or more), not ${JSON.stringify(v)}`);
  return v;
}

function invalid(message: string): PrometheusError {
  return new PrometheusError('config', message);
}
