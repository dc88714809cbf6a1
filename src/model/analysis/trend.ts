// The growth of every node over a series of snapshots of one kind (`trend <file>...`, the series view). Per
// snapshot, flat and cum are exactly what `go tool pprof -top` gives for that file alone (aggregate's walk,
// with the filters and granularity of `top`); per node, trendScore.ts says how steadily flat grows. The
// snapshots are taken one at a time: each leaves only its non-zero nodes, as three compact columns with the
// nodes numbered across the series by their identity (pprof's NodeInfo), and can then be dropped.
import { compileFilters } from '../filter/sampleFilter';
import { ProfileError, type Profile, type ValueType } from '../profile/profile';
import { sampleIndexByName } from '../profile/sampleTypeLookup';
import type { TrendQuery, TrendResult, TrendRow } from '../profile/trendQueries';
import { aggregate } from './flatCum';
import { nodeLabel } from './topRows';
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
  /** Per non-zero node: its row in the series, and its flat and cum. */
  readonly rows: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

type RowLabel = Pick<TrendRow, 'name' | 'file' | 'line' | 'address'>;

/**
 * Builds a trend from snapshots added one at a time, in any order (finish orders them by profile time).
 * The sample type is resolved on the first snapshot added (query.sampleIndex, else its default) and looked
 * up by name and unit in the others.
 */
export class TrendBuilder {
  private sampleType: ValueType | undefined;
  private firstName = '';
  private readonly rowOf = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly labels: RowLabel[] = [];
  private readonly snapshots: Snapshot[] = [];

  constructor(private readonly query: TrendQuery) {}

  /** Adds one snapshot; `name` (its file) names it in a message. */
  add(p: Profile, name: string): void {
    const sampleIndex = this.sampleIndexOf(p, name);
    const { granularity } = this.query;
    const { nodes, flat, cum } = aggregate(p, sampleIndex, granularity, compileFilters(p, this.query.filters), true);
    let count = 0;
    for (let n = 0; n < nodes.count; n++) if (flat[n] !== 0 || cum[n] !== 0) count++;
    const rows = new Int32Array(count);
    const f = new Float64Array(count);
    const c = new Float64Array(count);
    for (let n = 0, k = 0; n < nodes.count; n++) {
      if (flat[n] === 0 && cum[n] === 0) continue;
      const key = nodes.infoText(n);
      let row = this.rowOf.get(key);
      if (row === undefined) {
        row = this.labels.length;
        this.rowOf.set(key, row);
        this.keys.push(key);
        this.labels.push(rowLabel(nodeLabel(nodes, granularity, n)));
      }
      rows[k] = row;
      f[k] = flat[n];
      c[k++] = cum[n];
    }
    const defaultType = p.sampleTypes[p.defaultSampleIndex]?.type ?? '';
    const order = this.snapshots.length;
    this.snapshots.push({ name, timeNanos: p.timeNanos, order, total: p.totals[sampleIndex], defaultType, rows, flat: f, cum: c });
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
    const rowCount = this.labels.length;
    const flat = new Float64Array(rowCount * n);
    const cum = new Float64Array(rowCount * n);
    order.forEach((s, j) => {
      for (let k = 0; k < s.rows.length; k++) {
        flat[s.rows[k] * n + j] = s.flat[k];
        cum[s.rows[k] * n + j] = s.cum[k];
      }
    });
    const minutes = Float64Array.from(order, (s) => (s.timeNanos - earliest.timeNanos) / 60e9);
    const rows: TrendRow[] = this.labels.map((label, r) => ({
      ...label,
      flat: Array.from(flat.subarray(r * n, r * n + n)),
      cum: Array.from(cum.subarray(r * n, r * n + n)),
      ...growthOf(flat, minutes, r * n, n),
    }));
    const rank = rows.map((_, r) => r);
    const { keys } = this;
    rank.sort((a, b) => rows[b].score - rows[a].score || rows[b].growth - rows[a].growth || byText(rows[a].name, rows[b].name) || byText(keys[a], keys[b]));
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

/** A row's label as the top table's (file and line only where there is one). */
function rowLabel(l: ReturnType<typeof nodeLabel>): RowLabel {
  return {
    name: l.name,
    ...(l.file ? { file: l.file } : {}),
    ...(l.line !== undefined ? { line: l.line } : {}),
    ...(l.address !== undefined ? { address: l.address } : {}),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
