import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatValue, minimumUnit, percentage, scaledLabel, scaleValue } from '../../src/model/base/units';

describe('values formatted by unit, as pprof formats them', () => {
  const cases: [number, string, string, string][] = [
    [1536, 'bytes', 'auto', '1.50kB'],
    [1179648, 'bytes', 'minimum', '1.12MB'], // exact tie 1.125 rounds to even
    [3 * 2 ** 30, 'bytes', 'auto', '3GB'],
    [-1536, 'bytes', 'auto', '-1.50kB'],
    [512, 'bytes', 'auto', '512B'],
    [1234567, 'nanoseconds', 'auto', '1.23ms'],
    [9530000000, 'nanoseconds', 'ms', '9530ms'],
    [9530000000, 'nanoseconds', 'nanoseconds', '9530000000ns'],
    [7200e9, 'nanoseconds', 'auto', '2hrs'],
    [1500, 'microseconds', 'auto', '1.50ms'],
    [42, 'count', 'count', '42'],
    [42, 'count', 'auto', '42'],
    [0, 'bytes', 'auto', '0'],
    [12, 'widgets', 'widgets', '12widgets'],
    [12, '', '', '12'],
    [2048, 'bytes', 'seconds', '2048B'],
  ];
  for (const [v, from, to, want] of cases) {
    test(`${v} ${from || '(none)'} → ${to} = ${want}`, () => assert.equal(scaledLabel(v, from, to), want));
  }
  test('formatValue picks the best unit', () => {
    assert.equal(formatValue(2.5 * 2 ** 20, 'bytes'), '2.50MB');
    assert.equal(formatValue(1.5e9, 'nanoseconds'), '1.50s');
  });
  test('scaleValue converts between units of one family, and names the unit', () => {
    assert.deepEqual(scaleValue(3e9, 'nanoseconds', 'seconds'), { value: 3, unit: 's' });
    assert.deepEqual(scaleValue(-2048, 'bytes', 'kilobytes'), { value: -2, unit: 'kB' });
    assert.deepEqual(scaleValue(5, 'sample', 'minimum'), { value: 5, unit: '' });
  });
});

describe('percentages as pprof prints them', () => {
  const cases: [number, number, string][] = [
    [1, 3, '33.33%'],
    [1, 1, '  100%'],
    [9996, 10000, '  100%'],
    [1, 1000, '  0.1%'],
    [1, 8000, '0.013%'],
    [1, 100000, '0.001%'],
    [1, 24029, '0.0042%'],
    [0, 5, '    0%'],
    [5, 0, '    0%'],
    [-5, 10, '50.00%'],
  ];
  for (const [v, total, want] of cases) test(`${v} of ${total} = ${JSON.stringify(want)}`, () => assert.equal(percentage(v, total), want));
});

describe('the unit -unit=minimum chooses', () => {
  const cases: [string, { flat: number; cum: number }[], number, string, string][] = [
    ['the smallest row decides', [{ flat: 50e6, cum: 50e6 }, { flat: 2e9, cum: 3e9 }], 3e9, 'nanoseconds', 'ms'],
    ['a row under 1% of the total promotes the unit', [{ flat: 10e6, cum: 10e6 }, { flat: 2e9, cum: 3e9 }], 3e9, 'nanoseconds', 's'],
    ['a tiny row does not force a tiny unit', [{ flat: 5, cum: 5 }, { flat: 0, cum: 9e9 }], 9e9, 'nanoseconds', 'ns'],
    ['zero flat rows use cum', [{ flat: 0, cum: 2048 }], 4096, 'bytes', 'kB'],
    ['counts keep their unit', [{ flat: 3, cum: 3 }], 3, 'count', 'count'],
  ];
  for (const [name, rows, total, unit, want] of cases) test(name, () => assert.equal(minimumUnit(rows, total, unit), want));
});
