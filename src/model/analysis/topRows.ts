// The rows of `go tool pprof -top`: every node with a non-zero flat or cum, in pprof's order
// (graph.FlatNameOrder): |flat| descending, then printable name, then |cum| descending, then NodeInfo.
import { aggregate, type Aggregate } from './flatCum';
import { compileFilters, type SampleFilter } from '../filter/sampleFilter';
import type { NodeTable } from './frameTable';
import type { Profile } from '../profile/profile';
import type { Granularity, TopQuery, TopResult, TopRow } from '../profile/queries';

export interface TopDetail extends TopResult {
  readonly aggregate: Aggregate;
  readonly filter: SampleFilter;
  /** Node id of each row, in row order. */
  readonly nodeIds: Int32Array;
}

/** `once`: the only question asked of the profile (the CLI); the rows then carry no base side (see aggregate). */
export function computeTop(p: Profile, q: TopQuery, once = false): TopDetail {
  const filter = compileFilters(p, q.filters);
  const agg = aggregate(p, q.sampleIndex, q.granularity, filter, once);
  const { flat, cum, nodes } = agg;
  const ids: number[] = [];
  for (let n = 0; n < nodes.count; n++) if (flat[n] !== 0 || cum[n] !== 0) ids.push(n);
  sortFlatNameOrder(ids, flat, cum, nameRanks(nodes), nodes.infoText);
  const row = (n: number): TopRow => ({ ...nodeLabel(nodes, q.granularity, n), flat: flat[n], cum: cum[n] });
  // The rows are pprof's (net flat or cum not 0); a comparison's carry the base side beside.
  const { baseFlat, baseCum } = agg;
  const rows: TopRow[] = baseFlat && baseCum ? ids.map((n) => ({ ...row(n), baseFlat: baseFlat[n], baseCum: baseCum[n] })) : ids.map(row);
  return { sampleType: p.sampleTypes[q.sampleIndex], total: agg.total, rows, aggregate: agg, filter, nodeIds: Int32Array.from(ids) };
}

/** What a -top row says of node n: its name and file, and its line or address where the granularity has them. */
export function nodeLabel(nodes: NodeTable, granularity: Granularity, n: number): { name: string; file: string; line?: number; address?: string } {
  if (granularity === 'addresses') {
    // The address has a field of its own, so the name is the frame's without it (pprof puts it first).
    const address = nodes.addresses[n];
    const name = nodes.names[n] || (address !== 0n ? nodes.printable[n].slice(17) : nodes.printable[n]);
    return { name, file: nodes.files[n], line: nodes.lines[n], address: address === 0n ? '' : address.toString(16) };
  }
  const name = nodes.names[n] || nodes.printable[n];
  return granularity === 'lines' ? { name, file: nodes.files[n], line: nodes.lines[n] } : { name, file: nodes.files[n] };
}

const ranks = new WeakMap<NodeTable, Int32Array>();

/** Rank of each node's printable name in Go's string order; equal names share a rank. Cached per table. */
function nameRanks(nodes: NodeTable): Int32Array {
  let r = ranks.get(nodes);
  if (r) return r;
  r = rankNames(nodes.printable);
  ranks.set(nodes, r);
  return r;
}

/** pprof's order of nodes (graph.FlatNameOrder): |flat| descending, printable name (by `nameRank`), |cum| descending, NodeInfo. */
export function sortFlatNameOrder(ids: number[], flat: ArrayLike<number>, cum: ArrayLike<number>, nameRank: ArrayLike<number>, infoText: (n: number) => string): void {
  ids.sort((a, b) => {
    const fa = Math.abs(flat[a]);
    const fb = Math.abs(flat[b]);
    if (fa !== fb) return fb - fa;
    if (nameRank[a] !== nameRank[b]) return nameRank[a] - nameRank[b];
    const ca = Math.abs(cum[a]);
    const cb = Math.abs(cum[b]);
    if (ca !== cb) return cb - ca;
    return compareGo(infoText(a), infoText(b));
  });
}

/** Rank of each name in Go's string order; equal names share a rank. */
export function rankNames(printable: readonly string[]): Int32Array {
  // UTF-16 order equals Go's byte order unless a name has a surrogate pair; the native sort is much faster.
  const astral = printable.some((s) => /[\uD800-\uDFFF]/.test(s));
  const sorted = astral ? printable.slice().sort(compareGo) : printable.slice().sort();
  const rankOf = new Map<string, number>();
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) rankOf.set(sorted[i], i);
  const r = new Int32Array(printable.length);
  for (let i = 0; i < printable.length; i++) r[i] = rankOf.get(printable[i]) ?? 0;
  return r;
}

/** Go's string order: by UTF-8 bytes, which is code point order (JS `<` compares UTF-16 units). */
function compareGo(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const ca = a.codePointAt(i) ?? 0;
  const cb = b.codePointAt(i) ?? 0;
  return ca - cb;
}
