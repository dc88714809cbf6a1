// The load itself: autocannon in this process, bounded by the spec's seconds and connections. It reports
// each second what has come back, and on the end the summary, the counts and the latency histogram. A stop
// ends it within a second (autocannon stops at its next sample tick). No vscode.
import init from 'autocannon/lib/init';
import type { RunHistogram } from '../protocol/runRecord';
import { LatencyBuckets } from './latencyHistogram';
import type { LoadSpec } from './loadArgs';
import { countsOf, errorCause, summaryOf, type AutocannonResult, type LoadCounts, type LoadSummary } from './loadSummary';

export interface LoadProgress {
  readonly seconds: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  /** Responses in the last second. */
  readonly rps: number;
}

export interface LoadOutcome {
  readonly summary: LoadSummary;
  readonly counts: LoadCounts;
  readonly histogram: RunHistogram | undefined;
}

export interface RunningLoad {
  readonly done: Promise<LoadOutcome>;
  stop(): void;
}

/** After a refused or reset connection a client waits this long before it connects again. */
const RECONNECT_DELAY_MS = 100;

export function startLoad(spec: LoadSpec, onProgress?: (p: LoadProgress) => void): RunningLoad {
  const buckets = new LatencyBuckets();
  const causes: Record<string, number> = {};
  let requests = 0;
  let errors = 0;
  let non2xx = 0;
  let lastSecond = 0;
  let seconds = 0;
  const tracker = init({
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSeconds,
    setupClient: slowReconnect,
  });
  tracker.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    requests++;
    if (status < 200 || status > 299) non2xx++;
    buckets.add(ms);
  });
  tracker.on('reqError', (e: unknown) => {
    errors++;
    const cause = errorCause(e);
    causes[cause] = (causes[cause] ?? 0) + 1;
  });
  tracker.on('tick', () => {
    seconds++;
    onProgress?.({ seconds, requests, errors, non2xx, rps: requests - lastSecond });
    lastSecond = requests;
  });
  // A settled promise of its own: autocannon's tracker is a thenable whose rejection must not go unheard.
  const done = Promise.resolve(tracker).then((r) => {
    const result = r as AutocannonResult;
    return { summary: summaryOf(result), counts: countsOf(result, causes), histogram: buckets.histogram() };
  });
  return { done, stop: () => tracker.stop() };
}

/**
 * autocannon connects again at once after a connection error, so an endpoint that refuses would have every
 * client spin on connect() for the whole run, at the extension host's expense. Each client waits a little
 * after an error instead; the errors are still counted, at a pace that says the same thing.
 */
function slowReconnect(client: { _connect(): void; destroyed: boolean; on(e: string, f: () => void): void }): void {
  const connect = client._connect;
  let failed = false;
  client.on('connError', () => (failed = true));
  client._connect = function (this: typeof client) {
    if (!failed) return connect.call(this);
    failed = false;
    setTimeout(() => {
      if (!this.destroyed) connect.call(this);
    }, RECONNECT_DELAY_MS);
  };
}
