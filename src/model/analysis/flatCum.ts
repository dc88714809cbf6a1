// flat and cum per node (function or line), as pprof's graph.New computes them: flat goes to the leaf frame
// of each sample, cum to every distinct node on the stack once per sample (so recursion is not counted
// twice). The counting is sampleWalk.ts's; this file says which nodes and keeps the unfiltered answers.
import { compileFilters, type SampleFilter } from '../filter/sampleFilter';
import { frameTable, type FrameTable, type NodeTable } from './frameTable';
import type { Filters, Granularity } from '../profile/queries';
import type { Profile } from '../profile/profile';
import { everyTypeInOnePass, walkFlatCum, type FlatCum, type NodeMaps } from './sampleWalk';

export interface Aggregate {
  readonly table: FrameTable;
  readonly nodes: NodeTable;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** Comparisons only: the base side per node (positive); flat and cum are then net (see FlatCum). */
  readonly baseFlat?: Float64Array;
  readonly baseCum?: Float64Array;
  /** pprof's total, before any filter: see Profile.totals. */
  readonly total: number;
}

export function checkSampleIndex(p: Profile, sampleIndex: number): void {
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= p.sampleTypes.length) {
    throw new Error(`sample index ${sampleIndex} is out of range: the profile has ${p.sampleTypes.length} sample types`);
  }
}

/**
 * Aggregates one sample type. `filter` may be a compiled SampleFilter or the Filters to compile. `once`: the
 * profile is asked this one question (the CLI), so neither the other granularity nor a comparison's base
 * side is computed or kept; the net flat and cum are the same.
 */
export function aggregate(
  p: Profile,
  sampleIndex: number,
  granularity: Granularity,
  filter?: SampleFilter | Filters,
  once = false,
): Aggregate {
  checkSampleIndex(p, sampleIndex);
  const f = toFilter(p, filter);
  // Only functions and lines are kept unfiltered; the other granularities take the walk below, filter or not.
  const kept = granularity === 'functions' || granularity === 'lines';
  if (!once && kept && f.keep === undefined && f.hiddenLine === undefined && f.hiddenLocation === undefined) return unfiltered(p, sampleIndex, granularity);
  const table = frameTable(p, granularity, f);
  const [sums] = walkFlatCum(p, nodeMaps(table), { sampleIndex, keep: f.keep, netOnly: once });
  return { table, nodes: table.nodes, ...sums, total: p.totals[sampleIndex] };
}

interface Unfiltered {
  /** Per sample type and granularity. */
  readonly answers: Map<string, Aggregate>;
  /** Both granularities for every sample type, row-major, when one pass gave them all. */
  every?: EveryType;
}

const unfilteredCache = new WeakMap<Profile, Unfiltered>();

/**
 * The unfiltered aggregates are kept per profile (callers must not change them). Both granularities come
 * from one pass, since the other one is usually asked for next; so does every sample type when that costs
 * no more than one (see everyTypeInOnePass).
 */
function unfiltered(p: Profile, sampleIndex: number, granularity: Granularity): Aggregate {
  let cached = unfilteredCache.get(p);
  if (!cached) unfilteredCache.set(p, (cached = { answers: new Map() }));
  const key = `${sampleIndex}/${granularity}`;
  const known = cached.answers.get(key);
  if (known) return known;
  const fn = frameTable(p, 'functions');
  const ln = frameTable(p, 'lines');
  const table = granularity === 'functions' ? fn : ln;
  const nt = p.sampleTypes.length;
  if (!cached.every && everyTypeInOnePass(p)) {
    const [functions, lines] = walkFlatCum(p, nodeMaps(fn, ln), { sampleIndex: 'all' });
    cached.every = { functions, lines };
  }
  if (cached.every) {
    // Each sample type's columns are taken out when that type is first asked for.
    const sums = granularity === 'functions' ? cached.every.functions : cached.every.lines;
    const pick = (rows: Float64Array) => (nt === 1 ? rows : column(rows, nt, sampleIndex));
    const base = sums.baseFlat && sums.baseCum ? { baseFlat: pick(sums.baseFlat), baseCum: pick(sums.baseCum) } : {};
    cached.answers.set(key, { table, nodes: table.nodes, flat: pick(sums.flat), cum: pick(sums.cum), ...base, total: p.totals[sampleIndex] });
    return cached.answers.get(key)!;
  }
  const [byFn, byLn] = walkFlatCum(p, nodeMaps(fn, ln), { sampleIndex });
  const total = p.totals[sampleIndex];
  cached.answers.set(`${sampleIndex}/functions`, { table: fn, nodes: fn.nodes, ...byFn, total });
  cached.answers.set(`${sampleIndex}/lines`, { table: ln, nodes: ln.nodes, ...byLn, total });
  return cached.answers.get(key)!;
}

/**
 * The unfiltered flat and cum of both granularities for every sample type (row-major), once an unfiltered
 * aggregate has been asked for and one pass gave them all: the line index reads its numbers off them.
 */
export function unfilteredEveryType(p: Profile): EveryType | undefined {
  return unfilteredCache.get(p)?.every;
}

/** Both granularities' unfiltered flat and cum for every sample type (row-major), as one pass gives them. */
export interface EveryType {
  readonly functions: FlatCum;
  readonly lines: FlatCum;
}

/**
 * Takes the unfiltered sums that another thread computed for the same profile (the table thread's, for the
 * scan thread's line index): frame tables are built alike from the same columns, so node n is the same node
 * on both. A profile that has its own keeps them.
 */
export function adoptUnfilteredEveryType(p: Profile, every: EveryType): void {
  const cached = unfilteredCache.get(p);
  if (cached?.every) return;
  if (cached) cached.every = every;
  else unfilteredCache.set(p, { answers: new Map(), every });
}

function column(rows: Float64Array, nt: number, t: number): Float64Array {
  const out = new Float64Array(rows.length / nt);
  for (let i = 0; i < out.length; i++) out[i] = rows[i * nt + t];
  return out;
}

function toFilter(p: Profile, filter: SampleFilter | Filters | undefined): SampleFilter {
  return filter && 'keep' in filter ? (filter as SampleFilter) : compileFilters(p, filter as Filters | undefined);
}

const single = new WeakMap<FrameTable, NodeMaps>();
const pairs = new WeakMap<FrameTable, NodeMaps>();

/** The walk's view of one frame table, or of two with the same frames; kept per table, as the walk keeps its layout per view. */
export function nodeMaps(a: FrameTable, b?: FrameTable): NodeMaps {
  const cache = b ? pairs : single;
  let maps = cache.get(a);
  if (maps && (!b || maps.nodeOf[1] === b.frames)) return maps;
  maps = {
    frameStart: a.frameStart,
    nodeOf: b ? [a.frames, b.frames] : [a.frames],
    nodeCount: b ? [a.nodes.count, b.nodes.count] : [a.nodes.count],
  };
  cache.set(a, maps);
  return maps;
}
