// How the flame graph and the callers/callees view name a frame: the function name, or pprof's printable
// name (a file at files granularity, "[binary]", "<unknown>") when it has none. Names are looked up both
// ways, so they are cached per node table.
import type { FrameTable, NodeTable } from '../frameTable';

export interface DisplayNames {
  readonly names: readonly string[];
  readonly files: readonly string[];
  /** The first node with each name. */
  readonly idOf: ReadonlyMap<string, number>;
}

const cache = new WeakMap<NodeTable, DisplayNames>();

export function displayNames(nodes: NodeTable): DisplayNames {
  let d = cache.get(nodes);
  if (d) return d;
  const names = nodes.names.map((name, i) => name || nodes.printable[i]);
  const idOf = new Map<string, number>();
  for (let i = names.length - 1; i >= 0; i--) idOf.set(names[i], i);
  d = { names, files: nodes.files, idOf };
  cache.set(nodes, d);
  return d;
}

const merged = new WeakMap<FrameTable, FrameTable>();

/**
 * The table with each frame turned into the first node of its display name. These views find a frame by its
 * name, so nodes that pprof keeps apart but names alike must be one frame here: a file split by its functions'
 * start lines at files granularity, or two nameless functions of one binary.
 */
export function framesByName(table: FrameTable): FrameTable {
  let out = merged.get(table);
  if (out) return out;
  const { names, idOf } = displayNames(table.nodes);
  out = table;
  if (idOf.size < names.length) {
    const first = Int32Array.from(names, (name) => idOf.get(name)!);
    out = { ...table, frames: table.frames.map((f) => first[f]) };
  }
  merged.set(table, out);
  return out;
}
