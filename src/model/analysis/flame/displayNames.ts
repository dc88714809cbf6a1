// How the flame graph and the callers/callees view name a frame: the function name, or pprof's printable
// name ("[binary]", "<unknown>") when it has none. Names are looked up both ways, so they are cached per
// node table.
import type { NodeTable } from '../frameTable';

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
