// What a load run measured, from autocannon's result and what the run counted itself: the summary the command
// resolves to, and the notes under the card. Pure.

/** The parts of autocannon's result that are read here. */
export interface AutocannonResult {
  readonly requests: { readonly total: number; readonly average: number };
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly average: number };
  readonly throughput?: { readonly total: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly duration: number;
  readonly statusCodeStats?: Readonly<Record<string, { readonly count: number }>>;
}

export interface LoadSummary {
  /** Responses received, whatever their status. */
  readonly requests: number;
  /** Requests that got no response: refused, reset, timed out. */
  readonly errors: number;
  /** Responses outside 2xx. */
  readonly non2xx: number;
  /** Responses per second over the run. */
  readonly rps: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
}

export interface LoadCounts {
  /** Response count per status code. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Error count per cause (ECONNREFUSED, timeout…). */
  readonly errorCauses: Readonly<Record<string, number>>;
  readonly timeouts: number;
  /** Seconds the load ran. */
  readonly duration: number;
}

export function summaryOf(r: AutocannonResult): LoadSummary {
  const requests = r.requests.total;
  const duration = r.duration > 0 ? r.duration : 1;
  // No response at all: autocannon's empty histogram says 0 everywhere, which is what is shown.
  const l = requests > 0 ? r.latency : { p50: 0, p90: 0, p99: 0, max: 0 };
  return {
    requests,
    errors: r.errors,
    non2xx: r.non2xx,
    rps: round(requests / duration, 1),
    latencyMs: { p50: l.p50, p90: l.p90, p99: l.p99, max: l.max },
  };
}

export function countsOf(r: AutocannonResult, errorCauses: Readonly<Record<string, number>>): LoadCounts {
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count;
  return { statusCodes, errorCauses, timeouts: r.timeouts, duration: r.duration };
}

/** Lines under the card: the status codes seen and why requests failed, most frequent first. */
export function loadNotes(c: LoadCounts): string[] {
  const notes: string[] = [];
  const codes = Object.entries(c.statusCodes).sort((a, b) => b[1] - a[1]);
  if (codes.length) notes.push(`Status: ${codes.map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  const causes = Object.entries(c.errorCauses).sort((a, b) => b[1] - a[1]);
  if (causes.length) notes.push(`Errors: ${causes.map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  return notes;
}

/** A short name for why a request failed: the socket error's code, or its message. */
export function errorCause(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code) return code;
  const message = e instanceof Error ? e.message : String(e);
  return /timed out/i.test(message) ? 'timeout' : message.slice(0, 60) || 'error';
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
