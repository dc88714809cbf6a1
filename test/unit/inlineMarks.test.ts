// The -top text's inline marks are read off each location's lines and one pass over the callers when no
// filter has emptied a location; the edge walk (frame by frame, as pprof's graph.New) is the reference,
// checked against go tool pprof by the oracle tests. Both must give the same marks on every node.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { frameTable } from '../../src/model/analysis/frameTable';
import { loadProfile } from '../../src/model/decode/loadProfile';
import type { Profile } from '../../src/model/profile/profile';
import { GRANULARITIES } from '../../src/model/profile/queries';
import { inlineLabels, inlineSuffix, walkedLabels } from '../../src/model/report/inlineMarks';
import { buildProfile, type ProfileSpec } from './support/buildProfile';

const FIXTURES = join(__dirname, '../fixtures');

function sameMarks(p: Profile, what: string): void {
  for (const g of GRANULARITIES) {
    const table = frameTable(p, g);
    for (let t = 0; t < p.sampleTypes.length; t++) {
      const fast = inlineLabels(p, table, t, undefined);
      const walked = walkedLabels(p, table, t, undefined);
      for (let n = 0; n < table.nodes.count; n++) {
        assert.equal(inlineSuffix(fast[n]), inlineSuffix(walked[n]), `${what} at ${g}, sample type ${t}: ${table.nodes.printable[n]}`);
      }
    }
  }
}

const fn = (name: string) => ({ name, file: '/app/a.go' });
// h is inlined into mid at one site and called by mid at another: one edge mid→h, not inline, as one
// sample's first pass over it was a call (no mark); k is inlined into mid and into itself;
// z is inlined only into a location that no sample with a value has; r is inlined into mid and called by top.
const SPEC: ProfileSpec = {
  sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
  functions: [fn('main'), fn('mid'), fn('h'), fn('k'), fn('z'), fn('top'), fn('r'), fn('leaf')],
  locations: [
    { lines: [[1, 1]] }, // 1 main
    { lines: [[2, 5]] }, // 2 mid
    { lines: [[3, 7], [2, 6]] }, // 3 h inlined into mid
    { lines: [[3, 8]] }, // 4 h, called
    { lines: [[4, 9], [4, 10], [2, 11]] }, // 5 k inlined into k inlined into mid
    { lines: [[5, 12], [1, 2]] }, // 6 z inlined into main
    { lines: [[6, 13]] }, // 7 top
    { lines: [[7, 14], [2, 15]] }, // 8 r inlined into mid
    { lines: [[7, 16]] }, // 9 r, called
    { lines: [[8, 17]] }, // 10 leaf
  ],
  samples: [
    { locs: [3, 1], values: [1, 10] }, // h inline, first
    { locs: [4, 2, 1], values: [2, 20] }, // h called from mid
    { locs: [4, 2, 3, 1], values: [1, 0] }, // h called after an inline pass over mid→h: only cpu skips it
    { locs: [5, 1], values: [3, 30] },
    { locs: [10, 6], values: [0, 0] },
    { locs: [8, 1], values: [1, 10] },
    { locs: [9, 7, 1], values: [1, 10] },
  ],
};

describe('inline marks by location equal the edge walk', () => {
  test('a synthetic profile: inlined and called at once, recursion, a zero sample', () => {
    const p = loadProfile(buildProfile(SPEC));
    sameMarks(p, 'synthetic');
    const table = frameTable(p, 'functions');
    const marks = Object.fromEntries(Array.from(inlineLabels(p, table, 0, undefined), (b, n) => [table.nodes.printable[n], inlineSuffix(b)]));
    assert.deepEqual(
      { h: marks.h, k: marks.k, z: marks.z, r: marks.r },
      { h: '', k: ' (inline)', z: '', r: ' (partial-inline)' },
    );
  });

  for (const dir of ['go-generated', 'google-pprof', 'parca']) {
    for (const file of readdirSync(join(FIXTURES, dir))) {
      test(`${dir}/${file}`, () => sameMarks(loadProfile(readFileSync(join(FIXTURES, dir, file))), file));
    }
  }
});
