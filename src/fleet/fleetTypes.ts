// The fleet's shapes: where instances come from (a static list, or Prometheus's active targets), an
// instance, and what a Prometheus instant query returns. Plain data, no vscode.

/** A group of `pprofLens.targets` whose instances Prometheus knows: its active targets that are up. */
export interface PrometheusSource {
  readonly name?: string;
  /** Prometheus's base URL, e.g. http://127.0.0.1:9090. */
  readonly prometheus: string;
  /** Keep targets of this job only. */
  readonly job?: string;
  /** Keep targets whose labels match: label name → regular expression (anchored, as PromQL's =~). */
  readonly match?: Readonly<Record<string, string>>;
  /** The pprof URL's port when it is not the scrape port. */
  readonly pprofPort?: number;
  /** The pprof URL's path; default /debug/pprof. */
  readonly pprofPath?: string;
  /** The pprof URL's scheme; default the scrape target's. */
  readonly scheme?: 'http' | 'https';
}

/** A group of `pprofLens.targets` listed by hand. */
export interface StaticGroup {
  readonly name: string;
  readonly targets: readonly string[];
}

export type FleetSource = PrometheusSource | StaticGroup;

export const isPrometheusSource = (s: FleetSource): s is PrometheusSource => 'prometheus' in s;

export interface FleetInstance {
  /** host:port, as the `instance` label names it. */
  readonly instance: string;
  /** The pprof base URL, e.g. http://10.0.0.7:6060/debug/pprof. */
  readonly url: string;
  /** The target's labels (Prometheus) or {} (a static list). */
  readonly labels: Readonly<Record<string, string>>;
}

/** One series of an instant query's vector result. */
export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  /** Seconds since the epoch, and the value as Prometheus writes it. */
  readonly value: readonly [number, string];
}

/** How to reach Prometheus: an Authorization header (from SecretStorage) and extra CAs, as capture has. */
export interface PrometheusAccess {
  readonly authorization?: string;
  readonly ca?: string | Buffer;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}
