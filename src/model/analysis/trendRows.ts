// The nodes of a series of snapshots, numbered once across the series (a row per node), and each snapshot's
// flat and cum per row. A node is what `go tool pprof -top` makes a row of in each file: the frame table's
// node at the granularity, told apart by pprof's NodeInfo; at functions granularity a named function's
// node is its name. The counting is the one walk's (sampleWalk.ts).
import type { SampleFilter } from '../filter/sampleFilter';
import type { Profile } from '../profile/profile';
import type { Granularity } from '../profile/queries';
import type { TrendRow } from '../profile/trendQueries';
import { aggregate } from './flatCum';
import { walkFlatCum } from './sampleWalk';
import { nodeLabel } from './topRows';

export type RowLabel = Pick<TrendRow, 'name' | 'file' | 'line' | 'address'>;

/** One snapshot's non-zero rows, with their flat and cum. */
export interface SnapshotColumns {
  readonly rows: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

export class SeriesRows {
  readonly labels: RowLabel[] = [];
  /** Per row: its identity, the last tie-breaker of the ranking. */
  readonly keys: string[] = [];
  private readonly byName = new Map<string, number>();
  private readonly byKey = new Map<string, number>();

  constructor(private readonly granularity: Granularity) {}

  /** Flat and cum of every node of `p`, by row: rows are added for the nodes not seen before. */
  snapshot(p: Profile, sampleIndex: number, filter: SampleFilter): SnapshotColumns {
    const byFunction = this.granularity === 'functions' && !filter.hiddenLine && !filter.hiddenLocation ? this.functionFrames(p) : undefined;
    if (!byFunction) return this.byFrameTable(p, sampleIndex, filter);
    const maps = { frameStart: p.locLineStart, nodeOf: [byFunction], nodeCount: [this.labels.length] };
    const [{ flat, cum }] = walkFlatCum(p, maps, { sampleIndex, keep: filter.keep, netOnly: true });
    return compact(flat, cum, (r) => r);
  }

  /**
   * At functions granularity, when every location has lines and every function a name (a symbolized Go
   * profile), the frame table's frames are the locations' lines and its nodes the function names: each line
   * goes straight to its row, and no frame table is built. Undefined otherwise.
   */
  private functionFrames(p: Profile): Int32Array | undefined {
    for (let l = 0; l < p.locationCount; l++) if (p.locLineStart[l + 1] === p.locLineStart[l]) return undefined;
    const fnRow = new Int32Array(p.functionCount);
    for (let f = 0; f < p.functionCount; f++) {
      const name = p.funcName[f];
      if (name === '') return undefined;
      let row = this.byName.get(name);
      if (row === undefined) this.byName.set(name, (row = this.add(name, { name, ...(p.funcFile[f] ? { file: p.funcFile[f] } : {}) })));
      fnRow[f] = row;
    }
    const frames = new Int32Array(p.lineFunction.length);
    for (let j = 0; j < frames.length; j++) frames[j] = fnRow[p.lineFunction[j]];
    return frames;
  }

  /** Any granularity and filter: the frame table's aggregate, each non-zero node then found by its identity. */
  private byFrameTable(p: Profile, sampleIndex: number, filter: SampleFilter): SnapshotColumns {
    const { granularity } = this;
    const { nodes, flat, cum } = aggregate(p, sampleIndex, granularity, filter, true);
    const rowOf = new Int32Array(nodes.count);
    for (let n = 0; n < nodes.count; n++) {
      if (flat[n] === 0 && cum[n] === 0) continue;
      const named = granularity === 'functions' && nodes.names[n] !== '';
      const key = named ? nodes.names[n] : nodes.infoText(n);
      const map = named ? this.byName : this.byKey;
      let row = map.get(key);
      if (row === undefined) map.set(key, (row = this.add(key, rowLabel(nodeLabel(nodes, granularity, n)))));
      rowOf[n] = row;
    }
    return compact(flat, cum, (n) => rowOf[n]);
  }

  private add(key: string, label: RowLabel): number {
    this.keys.push(key);
    return this.labels.push(label) - 1;
  }
}

/** The non-zero entries of per-node columns, with each node's row. */
function compact(flat: Float64Array, cum: Float64Array, row: (node: number) => number): SnapshotColumns {
  let count = 0;
  for (let i = 0; i < flat.length; i++) if (flat[i] !== 0 || cum[i] !== 0) count++;
  const out = { rows: new Int32Array(count), flat: new Float64Array(count), cum: new Float64Array(count) };
  for (let i = 0, k = 0; i < flat.length; i++) {
    if (flat[i] === 0 && cum[i] === 0) continue;
    out.rows[k] = row(i);
    out.flat[k] = flat[i];
    out.cum[k++] = cum[i];
  }
  return out;
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
