// The groups of pprofLens.targets read and checked, and their instances: a static list's URLs as they
// are, a Prometheus source's from its active targets. A group that cannot be read is named with why.
import { baseUrlOf, parseTargetUrl } from '../capture/targetUrl';
import { FleetInstance, FleetSource, isPrometheusSource, PrometheusAccess } from './fleetTypes';
import { prometheusTargets } from './prometheus';
import { PrometheusError } from './prometheusError';

export interface TargetGroups {
  readonly groups: FleetSource[];
  /** One line per item that is neither a target nor a group. */
  readonly problems: string[];
}

export function readTargetGroups(items: readonly unknown[]): TargetGroups {
  const groups: FleetSource[] = [];
  const problems: string[] = [];
  items.forEach((raw, n) => {
    try {
      groups.push(readGroup(raw));
    } catch (e) {
      problems.push(`pprofLens.targets item ${n + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { groups, problems };
}

function readGroup(raw: unknown): FleetSource {
  if (typeof raw !== 'object' || raw === null) throw new Error('not an object: give { name, url }, { name, targets: [...] } or { prometheus, job? }');
  const g = raw as Record<string, unknown>;
  if (g.name !== undefined && typeof g.name !== 'string') throw new Error('"name" must be a string');
  if (typeof g.prometheus === 'string' && g.prometheus.trim()) {
    if (g.job !== undefined && typeof g.job !== 'string') throw new Error('"job" must be a string');
    if (g.match !== undefined && (typeof g.match !== 'object' || g.match === null || Object.values(g.match).some((v) => typeof v !== 'string'))) {
      throw new Error('"match" must map label names to regular expressions');
    }
    if (g.pprofPort !== undefined && !(Number.isInteger(g.pprofPort) && (g.pprofPort as number) > 0 && (g.pprofPort as number) < 65536)) throw new Error('"pprofPort" must be a port number');
    if (g.pprofPath !== undefined && typeof g.pprofPath !== 'string') throw new Error('"pprofPath" must be a string');
    if (g.scheme !== undefined && g.scheme !== 'http' && g.scheme !== 'https') throw new Error('"scheme" must be http or https');
    return {
      name: g.name as string | undefined,
      prometheus: g.prometheus.trim(),
      job: g.job as string | undefined,
      match: g.match as Record<string, string> | undefined,
      pprofPort: g.pprofPort as number | undefined,
      pprofPath: g.pprofPath as string | undefined,
      scheme: g.scheme as 'http' | 'https' | undefined,
    };
  }
  if (Array.isArray(g.targets)) {
    if (typeof g.name !== 'string' || !g.name.trim()) throw new Error('a list of targets needs a "name"');
    if (!g.targets.length || g.targets.some((t) => typeof t !== 'string')) throw new Error(`"targets" of ${g.name} must be a non-empty list of URLs`);
    return { name: g.name, targets: g.targets as string[] };
  }
  throw new Error('has no "url", "targets" or "prometheus"');
}

/** What a group is called in lists: its name, else its job at its Prometheus. */
export function groupLabel(s: FleetSource): string {
  if (s.name) return s.name;
  if (isPrometheusSource(s)) return s.job ? `${s.job} at ${s.prometheus}` : s.prometheus;
  return 'targets';
}

/** The group's line under its name: where its instances come from. */
export function groupDetail(s: FleetSource): string {
  if (!isPrometheusSource(s)) return `${s.targets.length} ${s.targets.length === 1 ? 'URL' : 'URLs'} listed in the settings`;
  const filters = [s.job ? `job ${s.job}` : 'every job', ...Object.entries(s.match ?? {}).map(([k, v]) => `${k}=~${JSON.stringify(v)}`)];
  return `Prometheus ${s.prometheus}: ${filters.join(', ')}`;
}

/** A static list's instances: each URL's host:port and /debug/pprof base, each base once. */
export function staticInstances(targets: readonly string[]): FleetInstance[] {
  const out = new Map<string, FleetInstance>();
  for (const t of targets) {
    let u;
    try {
      u = parseTargetUrl(t);
    } catch (e) {
      throw new PrometheusError('config', e instanceof Error ? e.message : String(e));
    }
    const url = baseUrlOf(u);
    if (!out.has(url)) out.set(url, { instance: u.hostPort, url, labels: {} });
  }
  return [...out.values()];
}

/** The instances of a group now. Throws a one-line error when there are none. */
export async function groupInstances(s: FleetSource, access?: PrometheusAccess): Promise<FleetInstance[]> {
  if (isPrometheusSource(s)) return prometheusTargets(s, access);
  const got = staticInstances(s.targets);
  if (!got.length) throw new PrometheusError('noTargets', `${s.name} lists no targets`);
  return got;
}
