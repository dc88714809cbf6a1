// The frames a user is likely to click next in a flame graph: the widest ones, which are the easiest to
// hit and say the most. Growing the trie for them while the user reads the first answer makes those zooms
// read the trie instead of growing it (see flameTree.ts).
import type { FlameTree } from '../../profile/queries';

/** How many zooms are grown ahead of a root: about a second of the view thread's idle time on a 1M-sample profile. */
export const ZOOMS_AHEAD = 12;
/** Narrower frames have few samples, and their zoom grows fast enough when it is asked for. */
export const MIN_ZOOM_SHARE = 0.05;

/**
 * The zoom paths (frame names from below the root) of the `count` widest nodes of `tree` that are at least
 * `minShare` of its root, widest first. A node as wide as its parent is left out when its parent is in:
 * zooming into the parent grows everything the node's zoom needs.
 */
export function likelyZooms(tree: FlameTree, count: number, minShare: number): string[][] {
  const n = tree.parent.length;
  if (n < 2 || count <= 0) return [];
  const width = (i: number) => Math.abs(tree.value[i]);
  const floor = Math.max(minShare * width(0), Number.MIN_VALUE);
  const order: number[] = [];
  for (let i = 1; i < n; i++) if (width(i) >= floor) order.push(i);
  order.sort((a, b) => width(b) - width(a) || a - b);
  const picked = new Uint8Array(n);
  const paths: string[][] = [];
  for (const i of order) {
    if (paths.length === count) break;
    const up = tree.parent[i];
    if (up > 0 && picked[up] === 1 && width(up) === width(i)) {
      // Covered by the parent's zoom; marked so that its own children of the same width are covered too.
      picked[i] = 1;
      continue;
    }
    picked[i] = 1;
    paths.push(pathTo(tree, i));
  }
  return paths;
}

function pathTo(tree: FlameTree, i: number): string[] {
  const path: string[] = [];
  for (let x = i; x > 0; x = tree.parent[x]) path.push(tree.names[tree.nodeName[x]]);
  return path.reverse();
}
