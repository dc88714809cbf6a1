// Reference answers computed the obvious way (one full call tree, one walk per stack), for checking the
// engine's fast paths against. Slow on purpose: only for fixtures and small synthetic profiles.
import { compileFilters } from '../../../src/model/filter/sampleFilter';
import { displayNames } from '../../../src/model/analysis/flame/displayNames';
import { frameTable, stackFrames } from '../../../src/model/analysis/frameTable';
import type { Profile } from '../../../src/model/profile/profile';
import type { Filters, FlameGranularity, FlameTree } from '../../../src/model/profile/queries';

export interface NaiveNode {
  value: number;
  self: number;
}

/** Every root-first path of frame names (joined by '\u0001') with its value and self. */
export function naiveTree(p: Profile, sampleIndex: number, filters?: Filters, granularity: FlameGranularity = 'functions'): Map<string, NaiveNode> {
  const f = compileFilters(p, filters);
  const table = frameTable(p, granularity, f);
  const { names } = displayNames(table.nodes);
  const buf = new Int32Array(table.maxDepth + 1);
  const nt = p.sampleTypes.length;
  const out = new Map<string, NaiveNode>();
  for (let s = 0; s < p.sampleCount; s++) {
    const w = p.sampleValues[s * nt + sampleIndex];
    if (w === 0 || (f.keep && f.keep[s] === 0)) continue;
    const n = stackFrames(p, table, s, buf);
    let path = '';
    for (let i = n - 1; i >= 0; i--) {
      path = path === '' ? names[buf[i]] : `${path}\u0001${names[buf[i]]}`;
      const node = out.get(path) ?? { value: 0, self: 0 };
      node.value += w;
      if (i === 0) node.self += w;
      out.set(path, node);
    }
  }
  return out;
}

/** The root-first path of every node of a flame tree, in the same form as naiveTree's keys ('' for node 0). */
export function treePaths(t: FlameTree): string[] {
  const paths: string[] = new Array(t.parent.length);
  paths[0] = '';
  for (let i = 1; i < t.parent.length; i++) {
    const up = paths[t.parent[i]];
    const name = t.names[t.nodeName[i]];
    paths[i] = up === '' ? name : `${up}\u0001${name}`;
  }
  return paths;
}

/** Children of each node, in order. */
export function childrenOf(t: FlameTree): number[][] {
  const kids: number[][] = Array.from({ length: t.parent.length }, () => []);
  for (let i = 1; i < t.parent.length; i++) kids[t.parent[i]].push(i);
  return kids;
}
