import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeOf, deltaPercent, formatBaseToTarget, formatDelta, formatDeltaPercent, oneSideNote } from '../../webview/delta';

describe('how a change from base to target is worded', () => {
  const cases: { name: string; base: number; target: number; unit: string; change: string; delta: string; pct: string; note: string }[] = [
    { name: 'more', base: 1000, target: 1410, unit: 'count', change: 'more', delta: '+410', pct: '+41%', note: '' },
    { name: 'less', base: 2 * 1024 * 1024, target: 1024 * 1024, unit: 'bytes', change: 'less', delta: '-1MB', pct: '-50%', note: '' },
    { name: 'a small change keeps a decimal', base: 1000, target: 1042, unit: 'count', change: 'more', delta: '+42', pct: '+4.2%', note: '' },
    { name: 'a tiny change keeps its direction', base: 1e9, target: 1e9 + 1, unit: 'nanoseconds', change: 'more', delta: '+1ns', pct: '+<0.01%', note: '' },
    { name: 'the same', base: 5e9, target: 5e9, unit: 'nanoseconds', change: 'same', delta: '0', pct: '0%', note: '' },
    { name: 'only in target', base: 0, target: 3e9, unit: 'nanoseconds', change: 'new', delta: '+3s', pct: 'new', note: 'only in target (new)' },
    { name: 'only in base', base: 3e9, target: 0, unit: 'nanoseconds', change: 'gone', delta: '-3s', pct: 'gone', note: 'only in base (gone)' },
    { name: 'on neither side', base: 0, target: 0, unit: 'bytes', change: 'same', delta: '0', pct: '', note: '' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(changeOf(c.base, c.target), c.change);
      assert.equal(formatDelta(c.target - c.base, c.unit), c.delta);
      assert.equal(formatDeltaPercent(c.base, c.target), c.pct);
      assert.equal(oneSideNote(c.base, c.target), c.note);
    });
  }

  test('the relative change is of the base, infinite for a new value and 0 for none', () => {
    assert.equal(deltaPercent(200, 250), 25);
    assert.equal(deltaPercent(200, 0), -100);
    assert.equal(deltaPercent(0, 5), Infinity);
    assert.equal(deltaPercent(0, 0), 0);
  });

  test('base → target in the unit of the sample type', () => {
    assert.equal(formatBaseToTarget(1024, 3 * 1024, 'bytes'), '1kB → 3kB');
  });
});
