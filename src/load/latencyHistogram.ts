// Response times gathered into log-spaced buckets as they come (four per doubling), so a run of any length
// keeps a few dozen counters, not one number per request; the record's histogram is the span that holds any.
import type { RunHistogram } from '../protocol/runRecord';

const PER_OCTAVE = 4;
/** Everything under 2^-4 ms (62.5 µs) goes in the first bucket, whose lower edge is 0. */
const LOWEST = -4 * PER_OCTAVE - 1;

export class LatencyBuckets {
  private readonly counts = new Map<number, number>();
  private n = 0;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const i = ms < 2 ** ((LOWEST + 1) / PER_OCTAVE) ? LOWEST : Math.floor(PER_OCTAVE * Math.log2(ms));
    this.counts.set(i, (this.counts.get(i) ?? 0) + 1);
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  /** The buckets from the lowest to the highest that holds a request, empty ones between kept; undefined when none. */
  histogram(): RunHistogram | undefined {
    if (this.n === 0) return undefined;
    const keys = [...this.counts.keys()];
    const lo = Math.min(...keys);
    const hi = Math.max(...keys);
    const edgesMs: number[] = [];
    const counts: number[] = [];
    for (let i = lo; i <= hi; i++) {
      edgesMs.push(edge(i));
      counts.push(this.counts.get(i) ?? 0);
    }
    edgesMs.push(edge(hi + 1));
    return { edgesMs, counts };
  }
}

function edge(i: number): number {
  if (i <= LOWEST) return 0;
  return Number((2 ** (i / PER_OCTAVE)).toPrecision(4));
}
