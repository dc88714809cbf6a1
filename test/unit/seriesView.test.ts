// The series view's pure parts: the manifest as the view reads it, the chart arithmetic (scales, ticks,
// gaps at failed snapshots, sparklines) and the growth lens's words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { growsSteadily, growthAmount, growthLensTitle, spanText } from '../../src/annotations/growthLensText';
import { readSeriesManifest } from '../../src/editor/seriesManifestRead';
import { elapsedLabel, lineRuns, linearScale, pathOf, sparklinePoints, valueTicks } from '../../webview/series/chartGeometry';

const bytes = { type: 'inuse_space', unit: 'bytes' };
const goroutines = { type: 'goroutine', unit: 'count' };

describe('growth lens title', () => {
  const cases: [string, Parameters<typeof growthLensTitle>, string][] = [
    ['megabytes over minutes, every step up', [{ growth: 4.1 * 2 ** 20, ups: 9, steps: 9, steadiness: 1 }, bytes, 10 * 60_000], 'pprof ↑ +4.10MB over 10 min, steady (9/9 snapshots up)'],
    ['one step flat', [{ growth: 512 * 1024, ups: 8, steps: 9, steadiness: 0.89 }, bytes, 45_000], 'pprof ↑ +512kB over 45 s, mostly steady (8/9 snapshots up)'],
    ['a count names what it counts', [{ growth: 12, ups: 7, steps: 7, steadiness: 1 }, goroutines, 3 * 3600_000], 'pprof ↑ +12 goroutines over 3 h, steady (7/7 snapshots up)'],
  ];
  for (const [name, args, want] of cases) test(name, () => assert.equal(growthLensTitle(...args), want));

  test('spans read in the unit a reader needs', () => {
    assert.deepEqual([0, 14_000, 89_000, 95_000, 89 * 60_000, 95 * 60_000, 12 * 3600_000].map(spanText), ['0 s', '14 s', '89 s', '2 min', '89 min', '1.6 h', '12 h']);
  });

  test('one goroutine is singular', () => assert.equal(growthAmount(1, goroutines), '+1 goroutine'));

  test('only steady growth over two steps or more gets a lens', () => {
    assert.equal(growsSteadily({ growth: 10, ups: 9, steps: 9, steadiness: 1 }), true);
    assert.equal(growsSteadily({ growth: 10, ups: 4, steps: 9, steadiness: 0.2 }), false, 'a sawtooth');
    assert.equal(growsSteadily({ growth: 0, ups: 0, steps: 9, steadiness: 1 }), false, 'flat');
    assert.equal(growsSteadily({ growth: 10, ups: 1, steps: 1, steadiness: 1 }), false, 'one step says nothing of steadiness');
    assert.equal(growsSteadily({ growth: 10, ups: 1, steps: 6, steadiness: 1 }), false, 'a single step up, flat since');
    assert.equal(growsSteadily({ growth: 10, ups: 3, steps: 6, steadiness: 0.8 }), true, 'up in half the steps');
  });
});

describe('series manifest as the view reads it', () => {
  const good = {
    target: 'http://127.0.0.1:6060',
    types: ['heap', 'goroutine'],
    intervalSeconds: 30,
    count: 20,
    status: 'running',
    started: '2026-12-02T10:00:00.000Z',
    snapshots: [
      { time: '2026-12-02T10:00:30.000Z', type: 'heap', format: 'pprof', file: 'heap-002.pb.gz' },
      { time: '2026-12-02T10:00:00.000Z', type: 'heap', format: 'pprof', file: 'heap-001.pb.gz' },
      { time: '2026-12-02T10:00:00.000Z', type: 'goroutine', format: 'pprof', file: 'goroutine-001.pb.gz' },
      { time: '2026-12-02T10:00:00.000Z', type: 'goroutine', format: 'goroutine-text', file: 'goroutine-001.txt' },
    ],
    errors: [{ time: '2026-12-02T10:01:00.000Z', type: 'heap', error: 'connection refused' }],
  };

  test('snapshots are split by kind and format, in time order, with the failed times', () => {
    const r = readSeriesManifest(JSON.stringify(good), 'svc-series-1');
    assert.ok(r.ok);
    const [heap, g] = r.series.types;
    assert.deepEqual(heap.snapshots.map((s) => s.file), ['heap-001.pb.gz', 'heap-002.pb.gz']);
    assert.deepEqual(heap.dumps, []);
    assert.deepEqual(heap.errorTimes, [Date.parse('2026-12-02T10:01:00.000Z')]);
    assert.deepEqual(g.snapshots.map((s) => s.file), ['goroutine-001.pb.gz']);
    assert.deepEqual(g.dumps.map((s) => s.file), ['goroutine-001.txt']);
    assert.equal(r.series.status, 'running');
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"target": ', /is not JSON/],
    ['a list', '[]', /not a JSON object/],
    ['an unknown type', JSON.stringify({ ...good, types: ['cpu'] }), /types\[0\]/],
    ['an unknown status', JSON.stringify({ ...good, status: 'paused' }), /"status"/],
    ['a snapshot outside the folder', JSON.stringify({ ...good, snapshots: [{ ...good.snapshots[0], file: '../x.pb.gz' }] }), /snapshots\[0\]/],
    ['a snapshot without a time', JSON.stringify({ ...good, snapshots: [{ ...good.snapshots[0], time: 'soon' }] }), /snapshots\[0\]/],
    ['an error without its message', JSON.stringify({ ...good, errors: [{ time: good.started, type: 'heap' }] }), /errors\[0\]/],
  ];
  for (const [name, text, why] of bad) {
    test(`${name}: one line naming the file and what to do`, () => {
      const r = readSeriesManifest(text, 'svc-series-1');
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.message, /^svc-series-1\/manifest\.json is not a series manifest: /);
      assert.match(r.message, why);
      assert.match(r.message, /Capture a series/);
      assert.ok(!r.message.includes('\n'));
    });
  }
});

describe('chart arithmetic', () => {
  test('a linear scale maps its domain onto its range, and one point to the middle', () => {
    const x = linearScale(10, 20, 0, 100);
    assert.deepEqual([x(10), x(15), x(20)], [0, 50, 100]);
    assert.equal(linearScale(5, 5, 0, 100)(5), 50);
  });

  test('ticks start at 0 and reach the largest value in round steps', () => {
    assert.deepEqual(valueTicks(130, 4), [0, 50, 100, 150]);
    assert.deepEqual(valueTicks(3.9 * 2 ** 20, 4, true), [0, 1, 2, 3, 4].map((m) => m * 2 ** 20), "bytes step in powers of two");
    assert.deepEqual(valueTicks(4.1 * 2 ** 20, 4, true), [0, 1, 2, 3, 4, 5].map((m) => m * 2 ** 20), 'the top tick overshoots least');
    assert.deepEqual(valueTicks(9, 4), [0, 5, 10]);
    assert.deepEqual(valueTicks(0, 4), [0]);
  });

  test('the line breaks across a failed snapshot and nowhere else', () => {
    const pts = [1, 2, 3, 5, 6].map((t) => ({ time: t * 1000, value: t }));
    const runs = lineRuns(pts, [4000]);
    assert.deepEqual(runs.map((r) => r.map((p) => p.value)), [[1, 2, 3], [5, 6]]);
    assert.deepEqual(lineRuns(pts, []).length, 1);
    assert.deepEqual(lineRuns(pts, [9000]).length, 1, 'a failure after the last snapshot breaks nothing');
  });

  test('sparkline points span the box from 0; an all-zero series lies on the bottom', () => {
    assert.deepEqual(sparklinePoints([0, 5, 10], 100, 20, 0), [[0, 20], [50, 10], [100, 0]]);
    assert.deepEqual(sparklinePoints([7, 7], 100, 20, 2).map((p) => p[1]), [2, 2], 'a steady value at the top: the scale starts at 0');
    assert.deepEqual(sparklinePoints([0, 0], 100, 20, 2).map((p) => p[1]), [18, 18]);
    assert.deepEqual(sparklinePoints([3], 100, 20), [[50, 2]]);
    assert.deepEqual(sparklinePoints([], 100, 20), []);
  });

  test('paths and elapsed labels', () => {
    assert.equal(pathOf([[0, 1], [2.25, 3]]), 'M0 1 L2.3 3');
    assert.deepEqual([0, 12_000, 65_000, 3723_000].map(elapsedLabel), ['+0:00', '+0:12', '+1:05', '+1:02:03']);
  });
});
