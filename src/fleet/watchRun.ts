// The watch of a PromQL condition, without vscode: ask the query every interval; each series it returns
// names an instance, captured once, then left alone for the cooldown. A PromQL error ends the watch at
// once; Prometheus unreachable is reported once per outage and the polling goes on until the timeout.
import type { PromSample } from './fleetTypes';
import { PrometheusError } from './prometheusError';
import type { WatchSpec } from './watchArgs';

export interface WatchDeps {
  readonly query: (signal: AbortSignal) => Promise<PromSample[]>;
  /** Captures the instance; resolves to the saved file, or undefined when it failed (reported by it). */
  readonly capture: (instance: string) => Promise<string | undefined>;
  readonly signal: AbortSignal;
  readonly now?: () => number;
  /** Prometheus went away (message), or came back (undefined). */
  readonly onOutage?: (message: string | undefined) => void;
  /** The query returned series without an `instance` label. */
  readonly onNoInstance?: () => void;
  readonly onCapture?: (instance: string, path: string) => void;
  /** Each poll, with the query's series count (undefined when Prometheus did not answer). */
  readonly onPoll?: (series: number | undefined) => void;
}

export type WatchEnd =
  | { readonly reason: 'timeout' | 'stopped'; readonly captures: readonly WatchCapture[] }
  | { readonly reason: 'promql'; readonly message: string; readonly captures: readonly WatchCapture[] };

export interface WatchCapture {
  readonly instance: string;
  readonly path: string;
}

/** The instances of `samples` to capture now: named, and not captured within the cooldown. */
export function dueInstances(samples: readonly PromSample[], lastTried: ReadonlyMap<string, number>, now: number, cooldownMs: number): string[] {
  const out = new Set<string>();
  for (const s of samples) {
    const i = s.metric.instance;
    if (!i) continue;
    const last = lastTried.get(i);
    if (last === undefined || now - last >= cooldownMs) out.add(i);
  }
  return [...out].sort();
}

export async function runWatch(spec: WatchSpec, deps: WatchDeps): Promise<WatchEnd> {
  const now = deps.now ?? Date.now;
  const deadline = now() + spec.timeoutSeconds * 1000;
  const lastTried = new Map<string, number>();
  const captures: WatchCapture[] = [];
  let down = false;
  let toldNoInstance = false;
  while (!deps.signal.aborted && now() < deadline) {
    const round = now();
    let samples: PromSample[] = [];
    try {
      samples = await deps.query(deps.signal);
      if (down) deps.onOutage?.(undefined);
      down = false;
      deps.onPoll?.(samples.length);
    } catch (e) {
      if (deps.signal.aborted) break;
      if (e instanceof PrometheusError && (e.kind === 'promql' || e.kind === 'config')) return { reason: 'promql', message: e.message, captures };
      if (!down) deps.onOutage?.(e instanceof Error ? e.message : String(e));
      down = true;
      deps.onPoll?.(undefined);
    }
    const due = dueInstances(samples, lastTried, now(), spec.cooldownSeconds * 1000);
    if (samples.length && !due.length && !toldNoInstance && samples.every((s) => !s.metric.instance)) {
      toldNoInstance = true;
      deps.onNoInstance?.();
    }
    // A failed capture waits out the cooldown too, so a dead instance is not asked every poll.
    for (const i of due) lastTried.set(i, now());
    const saved = await Promise.all(due.map(async (instance) => ({ instance, path: await deps.capture(instance).catch(() => undefined) })));
    for (const c of saved) {
      if (!c.path) continue;
      captures.push({ instance: c.instance, path: c.path });
      deps.onCapture?.(c.instance, c.path);
    }
    const wait = Math.min(deadline, round + spec.intervalSeconds * 1000) - now();
    if (wait > 0) await sleep(wait, deps.signal);
  }
  return { reason: deps.signal.aborted ? 'stopped' : 'timeout', captures };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
