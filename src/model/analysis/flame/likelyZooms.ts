// The frames a user is likely to click next in a flame graph: the widest ones, which are the easiest to
// hit and say the most. Their trees are computed while the user reads the first answer and kept by the page
// (src/editor/flameAhead.ts), so that those zooms are drawn at full detail as they are clicked; computing
// them also grows the trie that the zooms below them then read instead of growing it (see flameTree.ts).
import type { FlameTree } from '../../profile/queries';

/** Narrower frames have few samples, and their zoom grows fast enough when it is asked for. */
export const MIN_ZOOM_SHARE = 0.05;

/**
 * The zoom paths (frame names from below the root) of the `count` widest nodes of `tree` that are at least
 * `minShare` of its root, widest first, a parent before a child as wide as it. A chain of frames as wide as
 * each other (a server's handler under its dispatch) is where a user clicks the one that names the work, so
 * each of them is a zoom of its own.
 */
export function likelyZooms(tree: FlameTree, count: number, minShare: number): string[][] {
  const n = tree.parent.length;
  if (n < 2 || count <= 0) return [];
  const width = (i: number) => Math.abs(tree.value[i]);
  const floor = Math.max(minShare * width(0), Number.MIN_VALUE);
  const order: number[] = [];
  for (let i = 1; i < n; i++) if (width(i) >= floor) order.push(i);
  order.sort((a, b) => width(b) - width(a) || a - b);
  return order.slice(0, count).map((i) => pathTo(tree, i));
}

function pathTo(tree: FlameTree, i: number): string[] {
  const path: string[] = [];
  for (let x = i; x > 0; x = tree.parent[x]) path.push(tree.names[tree.nodeName[x]]);
  return path.reverse();
}
