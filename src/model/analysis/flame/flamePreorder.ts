// Collects flame nodes as they are grown (in widest-first order) and lays them out in preorder, the
// order the webview draws them in, with only the names the nodes use.
import type { ValueType } from '../../profile/profile';
import type { FlameTree } from '../../profile/queries';

export class TreeBuilder {
  count = 0;
  readonly names: string[] = [];
  readonly files: string[] = [];
  readonly nameOf: number[] = [];
  readonly parent: number[] = [];
  readonly value: number[] = [];
  readonly self: number[] = [];
  readonly folded: number[] = [];
  /** A comparison's base side per node (setBase); empty otherwise. */
  readonly baseValue: number[] = [];
  readonly baseSelf: number[] = [];
  readonly baseFolded: number[] = [];
  private readonly nameIndex = new Map<string, number>();

  /** names/files: display name and file of each frame id. */
  constructor(
    private readonly frameNames: readonly string[],
    private readonly frameFiles: readonly string[],
  ) {}

  add(name: string, parent: number, value: number, file = ''): number {
    let k = this.nameIndex.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.nameIndex.set(name, k);
      this.names.push(name);
      this.files.push(file);
    }
    const i = this.count++;
    this.nameOf.push(k);
    this.parent.push(parent);
    this.value.push(value);
    this.self.push(0);
    this.folded.push(0);
    return i;
  }

  addFrame(frame: number, parent: number, value: number): number {
    return this.add(this.frameNames[frame], parent, value, this.frameFiles[frame]);
  }

  setSelf(node: number, self: number, folded: number): void {
    this.self[node] = self;
    this.folded[node] += folded;
  }

  /** A comparison's base side of a node; set for every node or for none. */
  setBase(node: number, value: number, self: number, folded: number): void {
    this.baseValue[node] = value;
    this.baseSelf[node] = self;
    this.baseFolded[node] = folded;
  }
}

/** The base side of a comparison's tree, beside the target's: its total. */
export interface BaseSide {
  readonly total: number;
}

/** Children are ordered widest first (ties by name), so the biggest frames sit at the left. */
export function toPreorder(b: TreeBuilder, total: number, sampleType: ValueType, base?: BaseSide): FlameTree {
  const n = b.count;
  const kids: number[][] = Array.from({ length: n }, () => []);
  for (let i = 1; i < n; i++) kids[b.parent[i]].push(i);
  const byWidth = (x: number, y: number) =>
    Math.abs(b.value[y]) - Math.abs(b.value[x]) || (b.names[b.nameOf[x]] < b.names[b.nameOf[y]] ? -1 : 1);
  const nodeName = new Int32Array(n);
  const parent = new Int32Array(n);
  const value = new Float64Array(n);
  const self = new Float64Array(n);
  const folded = new Float64Array(n);
  const sides = base && {
    baseValue: new Float64Array(n),
    baseSelf: new Float64Array(n),
    baseFolded: new Float64Array(n),
    baseTotal: base.total,
  };
  if (n === 0) return { names: b.names, files: b.files, nodeName, parent, value, self, folded, total, sampleType, ...sides };
  const newIndex = new Int32Array(n);
  const stack = [0];
  let k = 0;
  while (stack.length > 0) {
    const i = stack.pop()!;
    newIndex[i] = k;
    nodeName[k] = b.nameOf[i];
    parent[k] = i === 0 ? -1 : newIndex[b.parent[i]];
    value[k] = b.value[i];
    self[k] = b.self[i];
    folded[k] = b.folded[i];
    if (sides) {
      sides.baseValue[k] = b.baseValue[i] ?? 0;
      sides.baseSelf[k] = b.baseSelf[i] ?? 0;
      sides.baseFolded[k] = b.baseFolded[i] ?? 0;
    }
    k++;
    const c = kids[i].sort(byWidth);
    for (let j = c.length - 1; j >= 0; j--) stack.push(c[j]);
  }
  return { names: b.names, files: b.files, nodeName, parent, value, self, folded, total, sampleType, ...sides };
}
