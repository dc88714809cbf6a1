import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GRANULARITIES } from '../../src/model/profile/queries';
import { unpackStrings } from '../../src/protocol/packedStrings';
import { fromTopColumns, toTopColumns } from '../../src/protocol/topColumns';
import { Analysis } from '../../src/worker/analysis';

const fixture = (rel: string) => readFileSync(join(__dirname, '..', 'fixtures', rel));

describe('the top table in columns', () => {
  for (const granularity of GRANULARITIES) {
    test(`round-trips the worker's ${granularity} rows exactly, in order`, () => {
      const a = new Analysis();
      const s = a.open('cpu', fixture('go-generated/cpu.pb.gz'), 'cpu.pb.gz');
      const top = a.top('cpu', { sampleIndex: s.defaultSampleIndex, granularity });
      assert.ok(top.rows.length > 10);
      assert.deepEqual(fromTopColumns(toTopColumns(top)), top);
      assert.deepEqual(fromTopColumns(a.topColumns('cpu', { sampleIndex: s.defaultSampleIndex, granularity })), top);
    });
  }

  test('names and files are stored once however many rows share them', () => {
    const row = (line: number) => ({ name: 'main.f', file: 'main.go', line, flat: line, cum: line });
    const c = toTopColumns({ sampleType: { type: 'cpu', unit: 'nanoseconds' }, total: 6, rows: [row(1), row(2), row(3)] });
    assert.deepEqual([unpackStrings(c.names), unpackStrings(c.files), [...c.line]], [['main.f'], ['main.go'], [1, 2, 3]]);
  });
});
