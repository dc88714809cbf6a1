// The "by label" breakdown against the oracle: the column of each value v of a key is what
// `go tool pprof -top -tagfocus=key=^v$` prints for the same file, row for row, and the column of the samples
// without the key is what `-tagignore=key=.` leaves. On a real capture with `handler` labels, and on a merge of
// four real CPU profiles, three of them labelled with an `instance` each, written as protobuf for pprof.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { labelBreakdown } from '../../src/model/analysis/labelBreakdown';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { mergeProfiles } from '../../src/model/profile/mergeProfiles';
import type { Profile } from '../../src/model/profile/profile';
import { NO_LABEL_VALUE, type Filters, type Granularity, type LabelBreakdown } from '../../src/model/profile/queries';
import { fromLabelBreakdownColumns, toLabelBreakdownColumns } from '../../src/protocol/labelBreakdownColumns';
import { encodeProfile } from './support/encodeProfile';
import { FIXTURE_DIR, parseTopText, pprofTmp, pprofTop } from './support/pprofOracle';

/** A real merge as a fleet capture makes it: one `instance` per source, the last source without one. */
export function mergedFleetFile(): string {
  const files = ['go-generated/cpu.pb.gz', 'parca/query_testdata_fib.pb.gz', 'google-pprof/report-sample.cpu.pb.gz', 'parca/parca_testdata_labels.pb.gz'];
  const instances = ['10.0.0.1:6060', '10.0.0.2:6060', '10.0.0.3:6060', undefined];
  const merged = mergeProfiles(
    files.map((f, i) => ({ profile: decodeProfile(readFileSync(join(FIXTURE_DIR, f))), labels: instances[i] ? { instance: instances[i]! } : undefined, name: f })),
  );
  const path = join(pprofTmp, 'fleet-merged.pb');
  writeFileSync(path, encodeProfile(merged));
  return path;
}

/** "flat|cum|name" of every row of a value's column that pprof would print, sorted. */
function ourColumn(b: LabelBreakdown, v: number, granularity: Granularity): string[] {
  const nv = b.values.length;
  const out: string[] = [];
  b.rows.forEach((r, i) => {
    const flat = b.flat[i * nv + v];
    const cum = b.cum[i * nv + v];
    if (flat === 0 && cum === 0) return;
    out.push(`${flat}|${cum}|${granularity === 'lines' ? `${r.name} ${r.file}:${r.line}` : r.name}`);
  });
  return out.sort();
}

async function theirColumn(file: string, sampleIndex: number, unit: string, granularity: Granularity, filters: Filters): Promise<string[]> {
  const text = await pprofTop(file, { sampleIndex, unit, granularity, ...filters });
  return parseTopText(text)
    .rows.map((r) => `${r.flat}|${r.cum}|${r.name.replace(/ \((partial-)?inline\)$/, '')}`)
    .sort();
}

const quote = (v: string) => v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

async function assertColumnsArePprofs(file: string, key: string, sampleIndex: number, unit: string, granularity: Granularity, filters: Filters = {}): Promise<LabelBreakdown> {
  const p: Profile = loadProfile(readFileSync(file));
  // Through the columns the worker sends, as the view gets it.
  const b = fromLabelBreakdownColumns(toLabelBreakdownColumns(labelBreakdown(p, { sampleIndex, granularity, filters, key })));
  assert.ok(b.values.length >= 2, `${key} has values`);
  await Promise.all(
    b.values.map(async (value, v) => {
      const only = v === b.noneIndex ? { ...filters, tagignore: `${key}=.` } : { ...filters, tagfocus: `${key}=^${quote(value)}$` };
      const theirs = await theirColumn(file, sampleIndex, unit, granularity, only);
      if (b.valueTotals[v] > 0 && Object.keys(filters).length === 0) assert.ok(theirs.length > 0, `pprof prints rows for ${value}`);
      assert.deepEqual(ourColumn(b, v, granularity), theirs, `the column of ${key}=${value}`);
    }),
  );
  // The columns add up to the top table's rows.
  const nv = b.values.length;
  b.rows.forEach((r, i) => {
    let flat = 0;
    let cum = 0;
    for (let v = 0; v < nv; v++) (flat += b.flat[i * nv + v]), (cum += b.cum[i * nv + v]);
    assert.equal(flat, r.flat, `flat of ${r.name}`);
    assert.equal(cum, r.cum, `cum of ${r.name}`);
  });
  for (let v = 1; v < nv; v++) assert.ok(b.valueTotals[v - 1] >= b.valueTotals[v], 'heaviest value first');
  return b;
}

describe('labelBreakdown: each value’s column is go tool pprof -tagfocus=key=^value$', { concurrency: 2 }, () => {
  const cpu = join(FIXTURE_DIR, 'go-generated/cpu.pb.gz');
  test('a capture’s handler labels, by function', async () => {
    const b = await assertColumnsArePprofs(cpu, 'handler', 1, 'ns', 'functions');
    assert.deepEqual([...b.values].sort(), [NO_LABEL_VALUE, 'contend', 'fib', 'json', 'walk']);
    assert.equal(b.values[0], 'walk');
  });
  test('a capture’s handler labels, by line, with a focus', async () => {
    await assertColumnsArePprofs(cpu, 'handler', 1, 'ns', 'lines', { focus: 'main\\.' });
  });
  test('a value focused by tagfocus is the only column, and equals the unfocused one', () => {
    const p = loadProfile(readFileSync(cpu));
    const all = labelBreakdown(p, { sampleIndex: 1, granularity: 'functions', key: 'handler' });
    const json = labelBreakdown(p, { sampleIndex: 1, granularity: 'functions', key: 'handler', filters: { tagfocus: 'handler=^json$' } });
    assert.deepEqual(json.values, ['json']);
    const v = all.values.indexOf('json');
    const inAll = new Map(all.rows.map((r, i) => [r.name, all.cum[i * all.values.length + v]]));
    json.rows.forEach((r, i) => assert.equal(json.cum[i], inAll.get(r.name), r.name));
  });
  test('a merge of four programs, three with an instance label: by function', async () => {
    const b = await assertColumnsArePprofs(mergedFleetFile(), 'instance', 1, 'ns', 'functions');
    assert.deepEqual([...b.values].sort(), [NO_LABEL_VALUE, '10.0.0.1:6060', '10.0.0.2:6060', '10.0.0.3:6060'].sort());
    assert.notEqual(b.noneIndex, -1);
  });
  test('a merge by file, with a hide filter and samples of one sample type', async () => {
    await assertColumnsArePprofs(mergedFleetFile(), 'instance', 0, 'count', 'files', { hide: 'runtime\\.' });
  });
});
