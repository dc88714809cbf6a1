// The zooms grown ahead on the view thread: which frames are picked (model/analysis/flame/likelyZooms.ts),
// and that growing them ahead leaves each zoom's answer as it would be and makes that zoom grow nothing
// (src/worker/zoomAhead.ts), on real profiles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { likelyZooms, MIN_ZOOM_SHARE, ZOOMS_AHEAD } from '../../src/model/analysis/flame/likelyZooms';
import { stackTrie } from '../../src/model/analysis/flame/stackTrie';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { MAX_FLAME_NODES, type FlameQuery, type FlameTree } from '../../src/model/profile/queries';
import { generate } from '../../bench/gen-large.mjs';
import { Analysis } from '../../src/worker/analysis';
import type { TraceEntry } from '../../src/worker/jobs';
import { Scheduler } from '../../src/worker/scheduler';
import { growAhead } from '../../src/worker/zoomAhead';

const fixtures = join(__dirname, '..', 'fixtures');

/** A flame answer from (parent, name, value) rows in preorder; row 0 is the root. */
function tree(rows: readonly [number, string, number][]): FlameTree {
  const names = [...new Set(rows.map((r) => r[1]))];
  const n = rows.length;
  return {
    names,
    files: names.map(() => ''),
    nodeName: Int32Array.from(rows.map((r) => names.indexOf(r[1]))),
    parent: Int32Array.from(rows.map((r) => r[0])),
    value: Float64Array.from(rows.map((r) => r[2])),
    self: new Float64Array(n),
    folded: new Float64Array(n),
    total: rows[0][2],
    sampleType: { type: 'cpu', unit: 'nanoseconds' },
  };
}

describe('the zooms picked ahead', () => {
  const t = tree([
    [-1, 'root', 100],
    [0, 'main', 60],
    [1, 'main.run', 60],
    [2, 'main.work', 35],
    [2, 'main.wait', 20],
    [0, 'gc', 40],
    [5, 'gc.mark', 3],
  ]);

  test('widest first, a node as wide as its picked parent left out, narrow ones left out', () => {
    assert.deepEqual(likelyZooms(t, 10, 0.05), [['main'], ['gc'], ['main', 'main.run', 'main.work'], ['main', 'main.run', 'main.wait']]);
  });

  test('at most `count`, and none of an empty or single-node tree', () => {
    assert.deepEqual(likelyZooms(t, 2, 0.05), [['main'], ['gc']]);
    assert.deepEqual(likelyZooms(tree([[-1, 'root', 5]]), 5, 0), []);
    assert.deepEqual(likelyZooms(t, 0, 0), []);
  });

  test('a comparison whose target is negative at a node is picked by its width', () => {
    const d = tree([
      [-1, 'root', 10],
      [0, 'a', -50],
      [0, 'b', 20],
    ]);
    assert.deepEqual(likelyZooms(d, 5, 0.05), [['a'], ['b']]);
  });
});

describe('zooms grown ahead on the view thread', () => {
  // The real fixtures are small enough for a root's answer to grow all that their zooms need; the
  // benchmark's generator makes stacks as varied as a big service's, where the zooms grow the trie.
  const profiles: [string, () => Uint8Array][] = [
    ['60,000 generated samples', () => generate({ samples: 60_000 })],
    ['google-pprof/proftest-large.cpu.pb.gz', () => readFileSync(join(fixtures, 'google-pprof/proftest-large.cpu.pb.gz'))],
    ['go-generated/heap.pb.gz', () => readFileSync(join(fixtures, 'go-generated/heap.pb.gz'))],
  ];
  for (const [file, bytesOf] of profiles) {
    test(`${file}: each zoom picked answers as without them, and grows nothing more`, () => {
      const bytes = bytesOf();
      const p = loadProfile(bytes);
      const analysis = new Analysis();
      analysis.adopt('h', p);
      const q: FlameQuery = { sampleIndex: p.defaultSampleIndex, maxNodes: MAX_FLAME_NODES };
      const root = analysis.flame('h', q);
      const turns: (() => void)[] = [];
      const scheduler = new Scheduler((f) => turns.push(f));
      const traced: TraceEntry[] = [];
      const paths = analysis.zoomAhead('h', q);
      assert.deepEqual(paths, likelyZooms(root, ZOOMS_AHEAD, MIN_ZOOM_SHARE));
      growAhead(scheduler, analysis, 'h', q, paths, (e: TraceEntry) => traced.push(e));
      while (turns.length > 0) turns.shift()!();
      assert.ok(paths.length > 0, 'the profile has frames wide enough to zoom into');
      assert.equal(traced.length, paths.length);
      assert.ok(traced.every((e) => e.method === 'zoomAhead' && e.outcome === 'ok'));
      const trie = stackTrie(p, '', () => assert.fail('the trie was built by the answers above'));
      const fresh = new Analysis();
      fresh.open('h', bytes, file);
      for (const path of paths) {
        const before = trie.count;
        const zoomed = analysis.flame('h', { ...q, path });
        assert.equal(trie.count, before, `${path.join(' > ')}: grown ahead`);
        assert.deepEqual(zoomed, fresh.flame('h', { ...q, path }), `${path.join(' > ')}: the answer as without growing ahead`);
      }
    });
  }

  test('a newer plan replaces the one waiting, and a closed profile stops the plan', () => {
    const p = loadProfile(readFileSync(join(fixtures, 'google-pprof/proftest-large.cpu.pb.gz')));
    const analysis = new Analysis();
    analysis.adopt('h', p);
    const q: FlameQuery = { sampleIndex: p.defaultSampleIndex, maxNodes: MAX_FLAME_NODES };
    const paths = analysis.zoomAhead('h', q);
    assert.ok(paths.length > 1);
    const turns: (() => void)[] = [];
    const scheduler = new Scheduler((f) => turns.push(f));
    const traced: TraceEntry[] = [];
    growAhead(scheduler, analysis, 'h', q, paths, (e: TraceEntry) => traced.push(e));
    growAhead(scheduler, analysis, 'h', q, paths.slice(1), (e: TraceEntry) => traced.push(e));
    assert.equal(scheduler.size, 1);
    turns.shift()!();
    assert.deepEqual(traced.map((e) => e.method), ['zoomAhead']);
    assert.equal(traced.length, 1);
    analysis.close('h');
    while (turns.length > 0) turns.shift()!();
    assert.equal(traced.length, 1);
    assert.equal(scheduler.size, 0);
  });
});
