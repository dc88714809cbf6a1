// One comparison with the oracle: `go tool pprof -top` on one file, our `top` (text and --json) on another or
// the same, row for row: names with inline marks, flat, cum, percentages, the header, and pprof's total.
import assert from 'node:assert/strict';
import { ourTop, parseTopText, pprofTop, type SourceSet, type TopOptions } from './pprofOracle';

/** Asserts that our top of `ours` prints what pprof prints for `theirs`; returns pprof's row count. */
export async function assertAgreesWithPprof(theirs: string | SourceSet, ours: string | SourceSet, o: TopOptions): Promise<number> {
  const [theirText, mine] = await Promise.all([pprofTop(theirs, o), Promise.resolve(ourTop(ours, o))]);
  const expected = parseTopText(theirText);
  const actual = parseTopText(mine.text);
  assert.deepEqual(actual.header, expected.header, 'header lines');
  const n = Math.max(actual.rows.length, expected.rows.length);
  for (let i = 0; i < n; i++) assert.equal(actual.rows[i]?.line, expected.rows[i]?.line, `row ${i} of ${expected.rows.length}`);
  assert.equal(mine.json.rows.length, expected.rows.length, 'json row count');
  mine.json.rows.forEach((r, i) => {
    assert.equal(r.flat, expected.rows[i].flat, `json flat of row ${i} (${expected.rows[i].name})`);
    assert.equal(r.cum, expected.rows[i].cum, `json cum of row ${i} (${expected.rows[i].name})`);
  });
  const total = /of (-?[\d.]+)[a-zA-Z]* total$/.exec(expected.header[expected.header.length - 1]);
  assert.ok(total, 'pprof prints its total');
  assert.equal(mine.json.total, Number(total[1]), 'json total');
  return expected.rows.length;
}
