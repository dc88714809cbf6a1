// The growth of every node over a series of snapshots of one kind (`trend <file>...`, the series view). Per
// snapshot, flat and cum are exactly what `go tool pprof -top` gives for that file alone, with the filters
// and granularity of `top` (trendRows.ts); per node, trendScore.ts says how steadily flat grows. The
// snapshots are taken one at a time: each leaves only its non-zero nodes, as three compact columns with the
// nodes numbered across the series, and can then be dropped.
import { compileFilters } from '../filter/sampleFilter';
import { ProfileError, type Profile, type ValueType } from '../profile/profile';
import { sampleIndexByName } from '../profile/sampleTypeLookup';
import type { TrendQuery, TrendResult, TrendRow } from '../profile/trendQueries';
import { SeriesRows, type SnapshotColumns } from './trendRows';
import { growthOf } from './trendScore';

/** What one snapshot leaves behind. */
interface Snapshot {
  readonly name: string;
  readonly timeNanos: number;
  /** Arrival order: snapshots taken at the same time keep it. */
  readonly order: number;
  readonly total: number;
  /** The type its own default sample index names, to check the series' choice against the earliest snapshot. */
  readonly defaultType: string;
  /** Its non-zero rows, with their flat and cum. */
  readonly columns: SnapshotColumns;
}

/**
 * Builds a trend from snapshots added one at a time, in any order (finish orders them by profile time).
 * The sample type is resolved on the first snapshot added (query.sampleIndex, else its default) and looked
 * up by name and unit in the others.
 */
export class TrendBuilder {
  private sampleType: ValueType | undefined;
  private firstName = '';
  private readonly series: SeriesRows;
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly query: TrendQuery) {
    this.series = new SeriesRows(query.granularity);
  }

  /** Adds one snapshot; `name` (its file) names it in a message. */
  add(p: Profile, name: string): void {
    const sampleIndex = this.sampleIndexOf(p, name);
    const columns = this.series.snapshot(p, sampleIndex, compileFilters(p, this.query.filters));
    const defaultType = p.sampleTypes[p.defaultSampleIndex]?.type ?? '';
    const order = this.snapshots.length;
    this.snapshots.push({ name, timeNanos: p.timeNanos, order, total: p.totals[sampleIndex], defaultType, columns });
  }

  finish(): TrendResult {
    const type = this.sampleType;
    if (!type) throw new Error('a trend needs at least one snapshot');
    const order = this.snapshots.slice().sort((a, b) => a.timeNanos - b.timeNanos || a.order - b.order);
    const earliest = order[0];
    if (this.query.sampleIndex === undefined && earliest.defaultType !== type.type) {
      throw new ProfileError(
        `${earliest.name}: the earliest snapshot's default sample type is ${earliest.defaultType}, ${this.firstName}'s is ${type.type}; choose one with sample_index`,
      );
    }
    const n = order.length;
    const { labels, keys } = this.series;
    const flat = new Float64Array(labels.length * n);
    const cum = new Float64Array(labels.length * n);
    const seen = new Uint8Array(labels.length);
    order.forEach(({ columns }, j) => {
      for (let k = 0; k < columns.rows.length; k++) {
        const r = columns.rows[k];
        flat[r * n + j] = columns.flat[k];
        cum[r * n + j] = columns.cum[k];
        seen[r] = 1;
      }
    });
    const minutes = Float64Array.from(order, (s) => (s.timeNanos - earliest.timeNanos) / 60e9);
    const rows: TrendRow[] = [];
    const ids: number[] = [];
    for (let r = 0; r < labels.length; r++) {
      // A row no snapshot has a value for is a function named but never sampled.
      if (seen[r] === 0) continue;
      rows.push({ ...labels[r], flat: slice(flat, r * n, n), cum: slice(cum, r * n, n), ...growthOf(flat, minutes, r * n, n) });
      ids.push(r);
    }
    const names = nameRanks(rows);
    const rank = rows.map((_, i) => i);
    rank.sort((a, b) => rows[b].score - rows[a].score || rows[b].growth - rows[a].growth || names[a] - names[b] || byText(keys[ids[a]], keys[ids[b]]));
    return {
      sampleType: type,
      times: order.map((s) => Math.floor(s.timeNanos / 1e6)),
      totals: order.map((s) => s.total),
      rows: rank.map((r) => rows[r]),
    };
  }

  /** The series' sample type in this snapshot; the first snapshot added chooses it. */
  private sampleIndexOf(p: Profile, name: string): number {
    const type = this.sampleType;
    if (!type) {
      const spec = this.query.sampleIndex;
      let i: number;
      try {
        i = sampleIndexByName(p, spec === undefined ? undefined : String(spec));
      } catch (e) {
        throw new ProfileError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.sampleType = p.sampleTypes[i];
      this.firstName = name;
      return i;
    }
    const i = p.sampleTypes.findIndex((t) => t.type === type.type && t.unit === type.unit);
    if (i >= 0) return i;
    const has = p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ') || 'none';
    throw new ProfileError(`${name}: has no ${type.type}/${type.unit} samples (its sample types: ${has}); a trend needs snapshots of one kind`);
  }
}

/**
 * The trend over snapshots held at once, ordered by profile time (ties keep the order given). `names` name
 * the snapshots in a message (their files); else "snapshot N".
 */
export function trend(snapshots: readonly Profile[], query: TrendQuery, names?: readonly string[]): TrendResult {
  const builder = new TrendBuilder(query);
  const order = snapshots.map((_, i) => i).sort((a, b) => snapshots[a].timeNanos - snapshots[b].timeNanos || a - b);
  for (const i of order) builder.add(snapshots[i], names?.[i] ?? `snapshot ${i + 1}`);
  return builder.finish();
}

function slice(values: Float64Array, from: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = values[from + i];
  return out;
}

/** Each row's rank by name: one native sort of the names, so that the ranking compares numbers. */
function nameRanks(rows: readonly TrendRow[]): Int32Array {
  const sorted = rows.map((r) => r.name).sort();
  const rankOf = new Map<string, number>();
  sorted.forEach((name, i) => rankOf.has(name) || rankOf.set(name, i));
  return Int32Array.from(rows, (r) => rankOf.get(r.name)!);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
