// The column formats that cross the worker → host → webview boundaries: packed string tables and the line
// index in columns give back exactly what they were made from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { LineIndexTable, toLineIndexColumns, toLineIndexHead } from '../../src/protocol/lineIndexColumns';
import { packStrings, StringTable, unpackStrings } from '../../src/protocol/packedStrings';
import { FIXTURE_DIR, fixtureProfiles } from './support/pprofOracle';

describe('packed strings', () => {
  test('round-trip any text, including empty strings, non-ASCII and astral characters', () => {
    const xs = ['', 'main.main', 'пакет.Функция', '', '世界.go', 'emoji 🔥.f', '<img src=x onerror=alert(1)>', '"\'\\', ''];
    const packed = packStrings(xs);
    assert.deepEqual(unpackStrings(packed), xs);
    const table = new StringTable(packed);
    assert.equal(table.length, xs.length);
    assert.equal(table.at(5), 'emoji 🔥.f');
    assert.deepEqual(unpackStrings(packStrings([])), []);
  });

  test('are two typed arrays, whatever the number of strings', () => {
    const packed = packStrings(Array.from({ length: 1000 }, (_, i) => `pkg.f${i}`));
    assert.deepEqual(Object.values(packed).map((v) => ArrayBuffer.isView(v)), [true, true]);
  });
});

describe('the line index in columns', () => {
  for (const f of fixtureProfiles()) {
    test(`gives back every file of ${f} exactly`, () => {
      const index = lineIndex(loadProfile(readFileSync(join(FIXTURE_DIR, f))));
      const table = new LineIndexTable(toLineIndexColumns(index));
      assert.deepEqual([table.sampleTypes, table.totals], [index.sampleTypes, index.totals]);
      assert.deepEqual(table.fileNames, index.files.map((x) => x.file));
      // Out of order on purpose: a file's view must not depend on which files were looked at before.
      for (let i = index.files.length - 1; i >= 0; i--) assert.deepEqual(table.file(i), index.files[i]);
      const head = toLineIndexHead(index);
      assert.deepEqual(unpackStrings(head.files), table.fileNames);
      if (index.files.length < 2) return;
      const picked = new LineIndexTable(toLineIndexColumns(index, [1, 0]));
      assert.deepEqual([picked.fileNames, picked.file(0), picked.file(1)], [[index.files[1].file, index.files[0].file], index.files[1], index.files[0]]);
    });
  }
});
