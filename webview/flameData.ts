// Turns the worker's columnar flame tree into the nested nodes the chart draws, and answers the
// questions the flame view asks about them (package of a frame, search matches). No DOM.
import type { FlameTree } from '../src/model/profile/queries';

export interface FlameNode {
  readonly name: string;
  readonly file: string;
  /** cum: every sample through this frame. */
  readonly value: number;
  /** flat: samples whose leaf is this frame. */
  readonly self: number;
  /** Weight of callees too narrow to send, still counted in `value`. */
  readonly folded: number;
  /**
   * A comparison's base side on the same frame (cum, flat, folded; positive). value/self/folded are then
   * the target's, so widths are the target's.
   */
  readonly base?: { readonly value: number; readonly self: number; readonly folded: number };
  readonly children: FlameNode[];
}

export function nestFlameTree(t: FlameTree): FlameNode {
  const n = t.parent.length;
  const nodes: FlameNode[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const nameIdx = t.nodeName[i];
    const node: FlameNode = {
      name: t.names[nameIdx] ?? '',
      file: t.files[nameIdx] ?? '',
      // Negative weights (delta profiles) cannot be drawn as widths; the tooltip still shows the signed flat.
      value: Math.max(0, t.value[i]),
      self: t.self[i],
      folded: t.folded[i],
      ...(t.baseValue ? { base: { value: t.baseValue[i], self: t.baseSelf?.[i] ?? 0, folded: t.baseFolded?.[i] ?? 0 } } : {}),
      children: [],
    };
    nodes[i] = node;
    const p = t.parent[i];
    if (i > 0 && p >= 0 && p < i) nodes[p].children.push(node);
  }
  return n > 0 ? nodes[0] : { name: 'root', file: '', value: 0, self: 0, folded: 0, children: [] };
}

export function countNodes(root: FlameNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    for (const c of x.children) stack.push(c);
  }
  return n;
}

/**
 * The package a frame belongs to, for colouring: `example.com/x/pkg.(*T).M` → `example.com/x/pkg`,
 * `std::vector<int>::at` → `std`, `[binary]` → `[binary]`; names with neither give ''.
 */
export function packageOf(name: string): string {
  if (name.startsWith('[')) return name;
  const bracket = name.indexOf('[');
  const plain = bracket > 0 ? name.slice(0, bracket) : name;
  const colons = plain.indexOf('::');
  const slash = plain.lastIndexOf('/');
  const dot = plain.indexOf('.', slash + 1);
  if (colons > 0 && (dot < 0 || colons < dot)) return plain.slice(0, colons);
  return dot > 0 ? plain.slice(0, dot) : '';
}

/** A case-insensitive regular expression when the term is one, else a literal substring; undefined for ''. */
export function searchMatcher(term: string): ((name: string) => boolean) | undefined {
  const t = term.trim();
  if (!t) return undefined;
  try {
    const re = new RegExp(t, 'i');
    return (name) => re.test(name);
  } catch {
    const lower = t.toLowerCase();
    return (name) => name.toLowerCase().includes(lower);
  }
}

/** Matching frames, and the weight under the outermost matches (each sample counted once). */
export function searchTotals(root: FlameNode, match: (name: string) => boolean): { frames: number; value: number } {
  let frames = 0;
  let value = 0;
  const walk = (n: FlameNode, covered: boolean) => {
    const hit = match(n.name);
    if (hit) frames++;
    if (hit && !covered) value += n.value;
    for (const c of n.children) walk(c, covered || hit);
  };
  walk(root, false);
  return { frames, value };
}

export function containsName(root: FlameNode, name: string): boolean {
  const stack = [root];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.name === name) return true;
    for (const c of x.children) stack.push(c);
  }
  return false;
}
