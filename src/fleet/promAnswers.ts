// Prometheus's answers judged and read, pure: the API envelope (HTML, errors, PromQL errors), the active
// targets of /api/v1/targets turned into instances (health, job, match, the pprof URL, duplicates), and
// an instant query's vector. Tests feed it answers recorded from a real Prometheus.
import type { FleetInstance, PromSample, PrometheusSource } from './fleetTypes';
import type { PromAnswer } from './promHttp';
import { PrometheusError, promExcerpt } from './prometheusError';

export const DEFAULT_PPROF_PATH = '/debug/pprof';

/** What /api/v1/targets says of one active target (the fields read here). */
export interface ActiveTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapeUrl?: string;
  readonly health: string;
  readonly lastError?: string;
}

/** The `data` of a successful answer, or the one-line error the answer amounts to. */
export function apiData(base: string, a: PromAnswer): unknown {
  const trimmed = a.text.trimStart();
  if (/text\/html/i.test(a.contentType) || /^<(!doctype|html)/i.test(trimmed)) {
    return fail('html', `Prometheus at ${base} answered HTML, not its API: is the URL Prometheus's base URL?`);
  }
  if (a.status === 401 || a.status === 403) {
    return fail('unauthorized', `Prometheus at ${base} answered ${a.status} ${a.status === 401 ? 'Unauthorized' : 'Forbidden'}: set its credentials (a bearer token, or user and password) with "pprof: Set Endpoint Credentials" for ${originOf(base)}`);
  }
  let body: { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown };
  try {
    body = JSON.parse(a.text);
  } catch {
    const said = a.text.trim() ? ` (${promExcerpt(a.text)})` : '';
    return fail('answer', `Prometheus at ${base} answered ${a.status}${said}, not its JSON API: is the URL Prometheus's base URL?`);
  }
  if (body?.status === 'success') return body.data;
  if (body?.status === 'error' && typeof body.error === 'string') {
    if (body.errorType === 'bad_data') return fail('promql', `PromQL error: ${body.error}`);
    return fail('http', `Prometheus at ${base} answered an error (${String(body.errorType ?? a.status)}): ${body.error}`);
  }
  return fail('answer', `Prometheus at ${base} answered ${a.status} ${promExcerpt(a.text)}, not its JSON API: is the URL Prometheus's base URL?`);
}

/** The active targets of an /api/v1/targets answer. */
export function parseTargets(base: string, a: PromAnswer): ActiveTarget[] {
  const data = apiData(base, a) as { activeTargets?: unknown } | undefined;
  if (!data || !Array.isArray(data.activeTargets)) return fail('answer', `Prometheus at ${base}: /api/v1/targets has no activeTargets list: is it Prometheus?`);
  return data.activeTargets.filter((t): t is ActiveTarget => typeof t === 'object' && t !== null && typeof (t as ActiveTarget).labels === 'object');
}

/** The samples of an instant query's answer; anything but a vector is refused in one line. */
export function parseVector(base: string, query: string, a: PromAnswer): PromSample[] {
  const data = apiData(base, a) as { resultType?: unknown; result?: unknown } | undefined;
  if (!data || data.resultType !== 'vector' || !Array.isArray(data.result)) {
    const kind = typeof data?.resultType === 'string' ? data.resultType : 'unknown';
    return fail('promql', `PromQL error: ${JSON.stringify(query)} gives a ${kind}, not an instant vector: write a condition on series, e.g. go_goroutines > 1000`);
  }
  return data.result.map((r: { metric?: Record<string, string>; value?: [number, string] }) => ({ metric: r.metric ?? {}, value: r.value ?? [0, 'NaN'] }));
}

/** Compiles `match` as PromQL's =~ does: each regular expression anchored at both ends. */
export function compileMatch(match: Readonly<Record<string, string>> | undefined): (labels: Readonly<Record<string, string>>) => boolean {
  const tests = Object.entries(match ?? {}).map(([label, re]) => {
    let rx: RegExp;
    try {
      rx = new RegExp(`^(?:${re})$`);
    } catch (e) {
      return fail('config', `match.${label}: ${JSON.stringify(re)} is not a regular expression (${e instanceof Error ? e.message : String(e)})`);
    }
    return (labels: Readonly<Record<string, string>>) => rx.test(labels[label] ?? '');
  });
  return (labels) => tests.every((t) => t(labels));
}

/** The pprof base URL of a target: its scrape address (or `instance`), with the source's port, path and scheme. */
export function pprofUrlOf(t: Pick<ActiveTarget, 'labels' | 'scrapeUrl'>, source: Pick<PrometheusSource, 'pprofPort' | 'pprofPath' | 'scheme'>): string | undefined {
  let scheme = 'http';
  let host: string | undefined;
  let port: string | undefined;
  const scraped = tryUrl(t.scrapeUrl);
  if (scraped) {
    scheme = scraped.protocol.replace(':', '');
    host = scraped.hostname;
    port = scraped.port || (scheme === 'https' ? '443' : '80');
  } else if (t.labels.instance) {
    const u = tryUrl(`http://${t.labels.instance}`);
    if (!u) return undefined;
    host = u.hostname;
    port = u.port || undefined;
  }
  if (!host) return undefined;
  if (source.scheme) scheme = source.scheme;
  if (source.pprofPort !== undefined) port = String(source.pprofPort);
  const p = (source.pprofPath ?? DEFAULT_PPROF_PATH).trim();
  const pathPart = p === '' || p === '/' ? '' : `/${p.replace(/^\/+|\/+$/g, '')}`;
  return `${scheme}://${host}${port ? `:${port}` : ''}${pathPart}`;
}

/** The instances of a Prometheus source: up, of its job, matching, each pprof URL once; sorted by instance. */
export function selectInstances(targets: readonly ActiveTarget[], source: PrometheusSource): FleetInstance[] {
  const matches = compileMatch(source.match);
  const chosen = targets.filter((t) => (source.job === undefined || t.labels.job === source.job) && matches(t.labels));
  const byUrl = new Map<string, FleetInstance>();
  for (const t of chosen) {
    if (t.health !== 'up') continue;
    const url = pprofUrlOf(t, source);
    if (!url || byUrl.has(url)) continue;
    byUrl.set(url, { instance: t.labels.instance ?? new URL(url).host, url, labels: { ...t.labels } });
  }
  const out = [...byUrl.values()].sort((a, b) => a.instance.localeCompare(b.instance, 'en', { numeric: true }));
  if (!out.length) fail('noTargets', noTargetsMessage(source, chosen));
  return out;
}

function noTargetsMessage(source: PrometheusSource, chosen: readonly ActiveTarget[]): string {
  const which = source.job !== undefined ? `for job ${source.job}` : `at ${source.prometheus}`;
  const matching = Object.keys(source.match ?? {}).length
    ? ` matching ${Object.entries(source.match!).map(([k, v]) => `${k}=~${JSON.stringify(v)}`).join(', ')}`
    : '';
  const down = chosen.filter((t) => t.health !== 'up');
  const why = down.length ? ` (${down.length} down: ${down[0].lastError || down[0].health})` : '';
  return `no targets up ${which}${matching}${why}`;
}

function tryUrl(s: string | undefined): URL | undefined {
  if (!s) return undefined;
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

function originOf(base: string): string {
  return tryUrl(base)?.origin ?? base;
}

function fail(kind: ConstructorParameters<typeof PrometheusError>[0], message: string): never {
  throw new PrometheusError(kind, message);
}
