// The "by label" table's pure logic: capping the values at a dozen columns with "other", the hottest column
// per row, the orders, and the tagfocus that focuses one value (checked against the engine's tag filter).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { labelBreakdown } from '../../src/model/analysis/labelBreakdown';
import { compileTagFilter } from '../../src/model/filter/tagFilter';
import { loadProfile } from '../../src/model/decode/loadProfile';
import type { LabelBreakdown } from '../../src/model/profile/queries';
import { parseFleetSidecar } from '../../src/protocol/fleetSidecar';
import { focusedValue, focusOn, hottest, labelColumns, labelSortKey, OTHER_COLUMN, rowSums, sortLabelRows } from '../../webview/labelColumns';
import { FIXTURE_DIR } from './support/pprofOracle';

/** A breakdown of two rows over `n` values, value v worth n - v in row 0 and v + 1 in row 1. */
function breakdown(n: number): LabelBreakdown {
  const flat = new Float64Array(2 * n);
  const cum = new Float64Array(2 * n);
  for (let v = 0; v < n; v++) {
    flat[v] = cum[v] = n - v;
    flat[n + v] = cum[n + v] = v + 1;
  }
  return {
    sampleType: { type: 'cpu', unit: 'nanoseconds' },
    total: 0,
    key: 'instance',
    values: Array.from({ length: n }, (_, v) => `host${v}:6060`),
    noneIndex: -1,
    valueTotals: Float64Array.from({ length: n }, () => n + 1),
    rows: [
      { name: 'a', file: '', flat: 0, cum: 0 },
      { name: 'b', file: '', flat: 0, cum: 0 },
    ],
    flat,
    cum,
  };
}

describe('labelColumns', () => {
  const cases = [
    { name: 'three values get a column each', n: 3, columns: 3, other: 0 },
    { name: 'twelve values still fit', n: 12, columns: 12, other: 0 },
    { name: 'thirteen: eleven columns and the other two summed', n: 13, columns: 12, other: 2 },
    { name: 'fifty: eleven columns and "other (39)"', n: 50, columns: 12, other: 39 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const b = breakdown(c.n);
      const cols = labelColumns(b);
      assert.equal(cols.length, c.columns);
      const last = cols[cols.length - 1];
      if (c.other) {
        assert.equal(last.id, OTHER_COLUMN);
        assert.equal(last.label, `other (${c.other})`);
        assert.equal(last.values.length, c.other);
      } else assert.notEqual(last.id, OTHER_COLUMN);
      // Every value is in exactly one column, and a row's columns add up to its sum over the values.
      assert.deepEqual(cols.flatMap((x) => x.values).sort((x, y) => x - y), b.values.map((_, v) => v));
      const sums = rowSums(b, cols, 1);
      assert.equal(sums.cum.reduce((x, y) => x + y, 0), (c.n * (c.n + 1)) / 2);
    });
  }
  test('the hottest column is the largest cum; none when all are 0', () => {
    assert.equal(hottest(Float64Array.from([1, 5, 3])), 1);
    assert.equal(hottest(Float64Array.from([0, 0])), -1);
    assert.equal(hottest(Float64Array.from([-7, 5])), 0);
  });
  test('rows sort by a column, larger first; an unknown column keeps pprof’s order', () => {
    const b = breakdown(3);
    const cols = labelColumns(b);
    assert.deepEqual(sortLabelRows(b, cols, ''), [0, 1]);
    assert.deepEqual(sortLabelRows(b, cols, labelSortKey('cum', 'host2:6060')), [1, 0]);
    assert.deepEqual(sortLabelRows(b, cols, labelSortKey('flat', 'host0:6060')), [0, 1]);
    assert.deepEqual(sortLabelRows(b, cols, labelSortKey('flat', 'gone')), [0, 1]);
  });
});

describe('focusOn: the tagfocus that keeps one value', () => {
  const p = loadProfile(readFileSync(join(FIXTURE_DIR, 'go-generated/cpu.pb.gz')));
  const b = labelBreakdown(p, { sampleIndex: 0, granularity: 'functions', key: 'handler' });
  for (const value of ['walk', 'json']) {
    test(`handler=${value} keeps exactly the samples of that value`, () => {
      const test = compileTagFilter(p, 'tagfocus', focusOn('handler', value));
      let kept = 0;
      for (let s = 0; s < p.sampleCount; s++) if (test(s)) kept += p.sampleValues[s * p.sampleTypes.length];
      assert.equal(kept, b.valueTotals[b.values.indexOf(value)]);
    });
  }
  test('values with regexp characters and commas are matched literally', () => {
    for (const v of ['10.0.0.1:6060', 'a,b', '(x)|y*', '^$']) {
      const rx = focusOn('k', v).slice(2);
      assert.ok(new RegExp(rx.replace(/\\x2c/g, ',')).test(v), v);
      assert.ok(!rx.includes(','), 'no comma for pprof to split at');
      assert.equal(focusedValue(focusOn('k', v), 'k', ['other', v]), v);
    }
    assert.ok(!new RegExp(focusOn('k', '10.0.0.1:6060').slice(2)).test('10a0b0c1:6060'));
    assert.equal(focusedValue('k=^x', 'k', ['x']), undefined);
  });
});

describe('parseFleetSidecar', () => {
  const cases: { name: string; text: string; expect: unknown }[] = [
    { name: 'not JSON', text: '{', expect: undefined },
    { name: 'no instances list', text: '{"x":1}', expect: undefined },
    {
      name: 'a success and a failure; a bad entry dropped; a long error cut to its first line',
      text: JSON.stringify({ instances: [{ instance: 'a:1', url: 'http://a:1/debug/pprof', file: 'a.pb.gz' }, 7, { url: 'x' }, { instance: 'b:2', url: 'http://b:2/debug/pprof', error: 'connection refused\nmore' }] }),
      expect: { instances: [{ instance: 'a:1', url: 'http://a:1/debug/pprof', file: 'a.pb.gz' }, { instance: 'b:2', url: 'http://b:2/debug/pprof', error: 'connection refused' }] },
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(parseFleetSidecar(c.text), c.expect));
});
