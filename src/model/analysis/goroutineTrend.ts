// Goroutine counts across a series of dumps: per creation site (the `go` statement) and per group (stack
// and state), how they grow and how steadily, and the leak suspects (README: "Goroutine leak suspects").
import type { GoroutineDump, GoroutineFrame, GoroutineGroup, GoroutineTrend, GoroutineTrendRow } from '../report/goroutineTypes';
import { growthOf } from './trendScore';

/** A suspect's count grows at least this steadily (trendScore's steadiness)… */
export const SUSPECT_STEADINESS = 0.75;
/** …in at least this share of the steps between dumps… */
export const SUSPECT_UPS = 0.5;
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
  const minutes = ordered.map((d) => (d.time - ordered[0].time) / 60_000);
  const bySite = [...sites.values()].map((r) => finish(r, minutes)).sort(byScore);
  const byGroup = [...groups.values()].map((r) => finish(r, minutes)).sort(byScore);
  const suspects = n < SUSPECT_MIN_DUMPS ? [] : byGroup.filter(isSuspect);
  return {
    times: ordered.map((d) => d.time),
    totals: ordered.map((d) => d.dump.total),
    bySite,
    byGroup,
    suspects,
  };
}

/** Grows, steadily and in most steps, and has goroutines that have waited for minutes. */
export function isSuspect(r: GoroutineTrendRow): boolean {
  const steps = r.counts.length - 1;
  return (
    r.growth > 0 &&
    r.steadiness >= SUSPECT_STEADINESS &&
    steps > 0 &&
    upSteps(r.counts) >= SUSPECT_UPS * steps &&
    (r.maxWaitMinutes ?? 0) >= SUSPECT_WAIT_MINUTES
  );
}

function upSteps(counts: readonly number[]): number {
  let ups = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[i - 1]) ups++;
  return ups;
}

/** The row, scored as the trend scores a function's growth (README: "How growth is ranked"). */
function finish(r: RowBuilder, minutes: readonly number[]): GoroutineTrendRow {
  const g = r.group;
  const { growth, steadiness, score } = growthOf(r.counts, minutes);
  return {
    key: r.key,
    createdBy: r.createdBy,
    ...(g ? { state: g.state, frames: g.frames } : {}),
    counts: r.counts,
    growth,
    steadiness,
    maxWaitMinutes: r.maxWait,
    score,
  };
}

function byScore(a: GoroutineTrendRow, b: GoroutineTrendRow): number {
  if (a.score !== b.score) return b.score - a.score;
  const la = a.counts[a.counts.length - 1] ?? 0;
  const lb = b.counts[b.counts.length - 1] ?? 0;
  if (la !== lb) return lb - la;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
