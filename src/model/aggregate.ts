// flat and cum per node (function or line), as pprof's graph.New computes them: flat goes to the leaf frame
// of each sample, cum to every distinct node on the stack once per sample (so recursion is not counted
// twice). One pass over the columnar samples with typed arrays; nothing is allocated per sample.
import { compileFilters, type SampleFilter } from './filters';
import { frameTable, type FrameTable, type NodeTable } from './frames';
import type { Filters, Granularity } from './queries';
import type { Profile } from './profile';
import { profileTotal } from './total';

export { profileTotal };

export interface Aggregate {
  readonly table: FrameTable;
  readonly nodes: NodeTable;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** pprof's total, before any filter: see total.ts. */
  readonly total: number;
}

export function checkSampleIndex(p: Profile, sampleIndex: number): void {
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= p.sampleTypes.length) {
    throw new Error(`sample index ${sampleIndex} is out of range: the profile has ${p.sampleTypes.length} sample types`);
  }
}

/** Aggregates one sample type. `filter` may be a compiled SampleFilter or the Filters to compile. */
export function aggregate(
  p: Profile,
  sampleIndex: number,
  granularity: Granularity,
  filter?: SampleFilter | Filters,
): Aggregate {
  checkSampleIndex(p, sampleIndex);
  const f = filter && 'keep' in filter ? (filter as SampleFilter) : compileFilters(p, filter as Filters | undefined);
  const table = frameTable(p, granularity, f);
  const nodeCount = table.nodes.count;
  const flat = new Float64Array(nodeCount);
  const cum = new Float64Array(nodeCount);
  // seen[node] === s + 1 when node already got this sample's cum.
  const seen = new Int32Array(nodeCount);
  const { frameStart, frames } = table;
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const keep = f.keep;
  const nt = p.sampleTypes.length;

  for (let s = 0; s < p.sampleCount; s++) {
    if (keep !== undefined && keep[s] === 0) continue;
    const w = sampleValues[s * nt + sampleIndex];
    if (w === 0) continue;
    const stamp = s + 1;
    let leaf = -1;
    for (let k = sampleLocStart[s], end = sampleLocStart[s + 1]; k < end; k++) {
      const l = sampleLocs[k];
      for (let i = frameStart[l], e = frameStart[l + 1]; i < e; i++) {
        const node = frames[i];
        if (leaf < 0) leaf = node;
        if (seen[node] !== stamp) {
          seen[node] = stamp;
          cum[node] += w;
        }
      }
    }
    if (leaf >= 0) flat[leaf] += w;
  }
  return { table, nodes: table.nodes, flat, cum, total: profileTotal(p, sampleIndex) };
}
