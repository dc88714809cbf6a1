// The flame index stores frames two to an int when the frame table has fewer than 65535 nodes, and one to
// an int otherwise. Small fixtures only reach the first layout, so the second is checked against it: the
// same stacks, with every node number moved past 65535, must refine into the same tree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode';
import { FlameIndex } from '../../src/model/flameIndex';
import { frameTable, type FrameTable } from '../../src/model/frames';
import { prepareProfile } from '../../src/model/prepare';
import { FIXTURE_DIR } from './support/pprofOracle';

const SHIFT = 70000;

/** The table with every node number raised by SHIFT, as a table of more than 65535 nodes would have them. */
function widened(t: FrameTable): FrameTable {
  return {
    nodes: { ...t.nodes, count: t.nodes.count + SHIFT },
    frameStart: t.frameStart,
    frames: t.frames.map((f) => f + SHIFT),
    maxDepth: t.maxDepth,
  };
}

/** Refines every node, widest subtree first, and lists each node as "parent frame lo hi selfEnd". */
function refineAll(index: FlameIndex, sampleIndex: number, shift: number): string[] {
  const out: string[] = [];
  const weight = { sampleIndex, keep: undefined };
  const stack = [0];
  while (stack.length > 0) {
    const x = stack.pop()!;
    index.refine(x, weight);
    for (let c = index.firstChild[x]; c < index.firstChild[x] + index.childCount[x]; c++) {
      out.push(`${x}:${index.frame[c] - shift} ${index.lo[c]}-${index.hi[c]}`);
      stack.push(c);
    }
    out.push(`${x} ends ${index.selfEnd[x]}`);
  }
  return out;
}

describe('the flame index', () => {
  for (const fixture of ['go-generated/cpu.pb.gz', 'parca/query_testdata_alloc_space_delta.pb.gz']) {
    test(`${fixture}: frames one to an int refine as frames two to an int do`, () => {
      const p = prepareProfile(decodeProfile(readFileSync(join(FIXTURE_DIR, fixture))));
      const table = frameTable(p, 'functions');
      const narrow = new FlameIndex(p, table);
      const wide = new FlameIndex(p, widened(table));
      assert.equal(narrow.rows.wide, false);
      assert.equal(wide.rows.wide, true);
      const a = refineAll(narrow, p.defaultSampleIndex, 0);
      const b = refineAll(wide, p.defaultSampleIndex, SHIFT);
      assert.ok(a.length > 100, `a real tree: ${a.length} entries`);
      assert.deepEqual(b, a);
    });
  }
});
