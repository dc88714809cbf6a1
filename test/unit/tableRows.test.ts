import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TopRow } from '../../src/model/profile/queries';
import { toTopColumns } from '../../src/protocol/topColumns';
import { COMPARE_SORT_KEYS, type TopSortKey } from '../../src/protocol/viewState';
import { Analysis } from '../../src/worker/analysis';
import { cumSides, filterRows, flatSides, rowsOf, sortRows } from '../../webview/tableRows';

/** Net rows (target − base) with the base side, as the worker answers a comparison. */
const row = (name: string, base: [number, number], target: [number, number], file = 'x.go'): TopRow => ({
  name,
  file,
  flat: target[0] - base[0],
  cum: target[1] - base[1],
  baseFlat: base[0],
  baseCum: base[1],
});

const rows: TopRow[] = [
  row('grew', [10, 100], [20, 300]),
  row('shrank', [50, 400], [40, 150]),
  row('new', [0, 0], [5, 60]),
  row('gone', [30, 90], [0, 0], 'gone.go'),
  row('same', [7, 70], [7, 70]),
];

const order = (key: TopSortKey) => sortRows(rows, key).map((r) => r.name);

describe('a comparison\'s table rows', () => {
  test('each side and the change are derived from the net row and its base side', () => {
    assert.deepEqual(flatSides(rows[0]), { base: 10, target: 20, delta: 10 });
    assert.deepEqual(cumSides(rows[1]), { base: 400, target: 150, delta: -250 });
    assert.deepEqual(cumSides(rows[3]), { base: 90, target: 0, delta: -90 });
  });

  const cases: { key: TopSortKey; expect: string[] }[] = [
    { key: 'deltaCum', expect: ['shrank', 'grew', 'gone', 'new', 'same'] },
    { key: 'deltaFlat', expect: ['gone', 'grew', 'shrank', 'new', 'same'] },
    { key: 'deltaPctCum', expect: ['new', 'grew', 'gone', 'shrank', 'same'] },
    { key: 'deltaPctFlat', expect: ['new', 'grew', 'gone', 'shrank', 'same'] },
    { key: 'baseCum', expect: ['shrank', 'grew', 'gone', 'same', 'new'] },
    { key: 'targetCum', expect: ['grew', 'shrank', 'same', 'new', 'gone'] },
    { key: 'baseFlat', expect: ['shrank', 'gone', 'grew', 'same', 'new'] },
    { key: 'targetFlat', expect: ['shrank', 'grew', 'same', 'new', 'gone'] },
    { key: 'name', expect: ['gone', 'grew', 'new', 'same', 'shrank'] },
  ];
  for (const c of cases) test(`sorted by ${c.key}`, () => assert.deepEqual(order(c.key), c.expect));

  test('ties keep the worker\'s order, which is go tool pprof\'s', () => {
    // grew and gone both changed flat by 100%: grew comes first from the worker.
    assert.deepEqual(order('deltaPctFlat').slice(1, 3), ['grew', 'gone']);
    const reversed = [...rows].reverse();
    assert.deepEqual(sortRows(reversed, 'deltaPctFlat').map((r) => r.name).slice(1, 3), ['gone', 'grew']);
  });

  test('every comparison sort key has an order', () => {
    for (const k of COMPARE_SORT_KEYS) assert.equal(sortRows(rows, k).length, rows.length, k);
  });

  test('sorting leaves the worker\'s rows as they were', () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, 'deltaCum');
    assert.deepEqual(rows.map((r) => r.name), before);
  });

  test('the text filter matches names and files, case-insensitively', () => {
    assert.deepEqual(filterRows(rows, 'GR'), [0]);
    assert.deepEqual(filterRows(rows, 'gone.go'), [3]);
    assert.deepEqual(filterRows(rows, '  '), [0, 1, 2, 3, 4]);
  });

  test('rows from the worker\'s columns keep the base side', () => {
    const c = toTopColumns({ sampleType: { type: 'cpu', unit: 'nanoseconds' }, total: 1, rows });
    const withBase = { ...c, baseFlat: Float64Array.from(rows, (r) => r.baseFlat!), baseCum: Float64Array.from(rows, (r) => r.baseCum!) };
    assert.deepEqual(rowsOf(withBase).rows.map((r) => [r.name, r.flat, r.cum, r.baseFlat, r.baseCum]), rows.map((r) => [r.name, r.flat, r.cum, r.baseFlat, r.baseCum]));
  });

  test('a real comparison sorted by |Δ cum| puts the biggest change first', () => {
    const fixture = (f: string) => join(__dirname, '..', 'fixtures', 'go-generated', f);
    const a = new Analysis((p) => readFileSync(p));
    const s = a.openComparison('c', { base: fixture('heap.pb.gz'), target: fixture('heap-gc.pb.gz') }, { mode: 'diff_base', normalize: false }, { base: 'heap', target: 'heap-gc' });
    const net = rowsOf(a.topColumns('c', { sampleIndex: s.defaultSampleIndex, granularity: 'functions' })).rows;
    const sorted = sortRows(net, 'deltaCum');
    for (let i = 1; i < sorted.length; i++) assert.ok(Math.abs(sorted[i - 1].cum) >= Math.abs(sorted[i].cum), sorted[i].name);
    // go tool pprof -top -diff_base heap.pb.gz heap-gc.pb.gz: main.walkA/B/C lost 2098623 bytes each.
    assert.deepEqual(sorted.slice(0, 3).map((r) => [r.name, r.cum]), [['main.walkA', -2098623], ['main.walkB', -2098623], ['main.walkC', -2098623]]);
  });
});
