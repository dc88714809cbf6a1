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
}

/** Children are ordered widest first (ties by name), so the biggest frames sit at the left. */
export function toPreorder(b: TreeBuilder, total: number, sampleType: ValueType): FlameTree {
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
  if (n === 0) return { names: b.names, files: b.files, nodeName, parent, value, self, folded, total, sampleType };
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
    k++;
    const c = kids[i].sort(byWidth);
    for (let j = c.length - 1; j >= 0; j--) stack.push(c[j]);
  }
  return { names: b.names, files: b.files, nodeName, parent, value, self, folded, total, sampleType };
}
