// flat and cum per node (function or line), as pprof's graph.New computes them: flat goes to the leaf frame
// of each sample, cum to every distinct node on the stack once per sample (so recursion is not counted
// twice). One pass over the columnar samples with typed arrays; nothing is allocated per sample.
import { compileFilters, type SampleFilter } from '../filter/sampleFilter';
import { flatCumByFunctionAndLine } from './flatCumByFunctionAndLine';
import { frameTable, type FrameTable, type NodeTable } from './frameTable';
import type { Filters, Granularity } from '../profile/queries';
import type { Profile } from '../profile/profile';

export interface Aggregate {
  readonly table: FrameTable;
  readonly nodes: NodeTable;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** pprof's total, before any filter: see Profile.totals. */
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
  const f = toFilter(p, filter);
  // Only functions and lines are kept unfiltered; the other granularities take the walk below, filter or not.
  const kept = granularity === 'functions' || granularity === 'lines';
  if (kept && f.keep === undefined && f.hiddenLine === undefined && f.hiddenLocation === undefined) return unfiltered(p, sampleIndex, granularity);
  const table = frameTable(p, granularity, f);
  const { flat, cum, seen } = arrays(table.nodes.count);
  const single = singleFrames(table);
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
      const one = single[l];
      if (one >= 0) {
        // The common case: a location that is one frame.
        if (leaf < 0) leaf = one;
        if (seen[one] !== stamp) {
          seen[one] = stamp;
          cum[one] += w;
        }
        continue;
      }
      // Zero frames (all hidden) or several (inlining).
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
  return { table, nodes: table.nodes, flat, cum, total: p.totals[sampleIndex] };
}

const answers = new WeakMap<Profile, Map<string, Aggregate>>();

/**
 * The unfiltered aggregates are kept per profile (callers must not change them). Both granularities are
 * computed together in one pass, since the other one is usually asked for next.
 */
function unfiltered(p: Profile, sampleIndex: number, granularity: Granularity): Aggregate {
  let perProfile = answers.get(p);
  if (!perProfile) answers.set(p, (perProfile = new Map()));
  const key = `${sampleIndex}/${granularity}`;
  const known = perProfile.get(key);
  if (known) return known;
  const fn = frameTable(p, 'functions');
  const ln = frameTable(p, 'lines');
  const [byFn, byLn] = flatCumByFunctionAndLine(p, sampleIndex, fn, ln);
  const total = p.totals[sampleIndex];
  perProfile.set(`${sampleIndex}/functions`, { table: fn, nodes: fn.nodes, flat: byFn.flat, cum: byFn.cum, total });
  perProfile.set(`${sampleIndex}/lines`, { table: ln, nodes: ln.nodes, flat: byLn.flat, cum: byLn.cum, total });
  return perProfile.get(key)!;
}

function toFilter(p: Profile, filter: SampleFilter | Filters | undefined): SampleFilter {
  return filter && 'keep' in filter ? (filter as SampleFilter) : compileFilters(p, filter as Filters | undefined);
}

/** flat and cum per node, and seen[node] === s + 1 once node got sample s's cum. */
function arrays(n: number) {
  return { flat: new Float64Array(n), cum: new Float64Array(n), seen: new Int32Array(n) };
}

const singles = new WeakMap<FrameTable, Int32Array>();

/** Per location: its node when it is exactly one frame, else -1. */
function singleFrames(table: FrameTable): Int32Array {
  let out = singles.get(table);
  if (out) return out;
  const { frameStart, frames } = table;
  out = new Int32Array(frameStart.length - 1);
  for (let l = 0; l < out.length; l++) out[l] = frameStart[l + 1] - frameStart[l] === 1 ? frames[frameStart[l]] : -1;
  singles.set(table, out);
  return out;
}
