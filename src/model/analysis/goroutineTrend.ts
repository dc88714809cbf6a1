// Goroutine counts across a series of dumps: per creation site (the `go` statement) and per group (stack
// and state), how they grow and how steadily, and the leak suspects (README: "Goroutine leak suspects").
import type { GoroutineDump, GoroutineFrame, GoroutineGroup, GoroutineTrend, GoroutineTrendRow } from '../report/goroutineTypes';
import { steadiness } from './growthSteadiness';

/** A suspect's count grows at least this steadily… */
export const SUSPECT_STEADINESS = 0.75;
/** …and some of its goroutines have waited this long in the last dump. */
export const SUSPECT_WAIT_MINUTES = 1;
/** Fewer dumps than this show no trend, only a difference. */
export const SUSPECT_MIN_DUMPS = 3;

interface RowBuilder {
  readonly key: string;
  readonly createdBy: GoroutineFrame | null;
  readonly group?: GoroutineGroup;
  readonly counts: number[];
  maxWait: number | null;
}

const frameKey = (f: GoroutineFrame | null): string => (f ? `${f.name} ${f.file}:${f.line}` : 'no creator');

function groupKey(g: GoroutineGroup): string {
  const frames = g.frames.map(frameKey).join('\n');
  return `${g.state ?? ''}${g.lockedToThread ? ', locked to thread' : ''}\n${frameKey(g.createdBy)}\n${frames}`;
}

export function goroutineTrend(dumps: readonly { readonly time: number; readonly dump: GoroutineDump }[]): GoroutineTrend {
  const ordered = [...dumps].sort((a, b) => a.time - b.time);
  const n = ordered.length;
  const sites = new Map<string, RowBuilder>();
  const groups = new Map<string, RowBuilder>();
  const row = (map: Map<string, RowBuilder>, key: string, createdBy: GoroutineFrame | null, group?: GoroutineGroup) => {
    let r = map.get(key);
    if (!r) map.set(key, (r = { key, createdBy, ...(group ? { group } : {}), counts: new Array<number>(n).fill(0), maxWait: null }));
    return r;
  };
  ordered.forEach(({ dump }, i) => {
    const last = i === n - 1;
    for (const g of dump.groups) {
      const site = row(sites, frameKey(g.createdBy), g.createdBy);
      const group = row(groups, groupKey(g), g.createdBy, g);
      site.counts[i] += g.count;
      group.counts[i] += g.count;
      if (last && g.waitMinutes) {
        const wait = g.waitMinutes[1];
        for (const r of [site, group]) r.maxWait = Math.max(r.maxWait ?? 0, wait);
      }
    }
  });
  const bySite = [...sites.values()].map(finish).sort(byScore);
  const byGroup = [...groups.values()].map(finish).sort(byScore);
  const suspects = n < SUSPECT_MIN_DUMPS ? [] : byGroup.filter(isSuspect);
  return {
    times: ordered.map((d) => d.time),
    totals: ordered.map((d) => d.dump.total),
    bySite,
    byGroup,
    suspects,
  };
}

/** Grows, steadily, and has goroutines that have waited for minutes. */
export function isSuspect(r: GoroutineTrendRow): boolean {
  return r.growth > 0 && r.steadiness >= SUSPECT_STEADINESS && (r.maxWaitMinutes ?? 0) >= SUSPECT_WAIT_MINUTES;
}

function finish(r: RowBuilder): GoroutineTrendRow {
  const counts = r.counts;
  const growth = counts.length > 0 ? counts[counts.length - 1] - counts[0] : 0;
  const steady = steadiness(counts);
  const g = r.group;
  return {
    key: r.key,
    createdBy: r.createdBy,
    ...(g ? { state: g.state, frames: g.frames } : {}),
    counts,
    growth,
    steadiness: steady,
    maxWaitMinutes: r.maxWait,
    // Steady growth first: a group that grew by 100 and was mostly cleared ranks below one that kept 30.
    score: Math.max(0, growth) * steady,
  };
}

function byScore(a: GoroutineTrendRow, b: GoroutineTrendRow): number {
  if (a.score !== b.score) return b.score - a.score;
  const la = a.counts[a.counts.length - 1] ?? 0;
  const lb = b.counts[b.counts.length - 1] ?? 0;
  if (la !== lb) return lb - la;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
