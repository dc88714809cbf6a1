// Exactness against the oracle: for every fixture, every sample type and every granularity, and for the
// filters on profiles with labels, our `top` prints what `go tool pprof -top` prints, row for row: the same
// names (with inline marks), flat, cum and percentages, and the same header. The --json rows carry the
// same raw values. pprof runs each time; nothing is stored.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { GRANULARITIES } from '../../src/model/profile/queries';
import { buildProfile } from './support/buildProfile';
import { FIXTURE_DIR, fixtureProfiles, ourTop, parseTopText, pprofTmp, pprofTop, type TopOptions } from './support/pprofOracle';
import { SYNTHETIC, SYNTHETIC_FILTERS } from './support/syntheticProfiles';

async function assertAgrees(fixture: string, o: TopOptions): Promise<number> {
  const [theirText, ours] = await Promise.all([pprofTop(fixture, o), Promise.resolve(ourTop(fixture, o))]);
  const theirs = parseTopText(theirText);
  const mine = parseTopText(ours.text);
  assert.deepEqual(mine.header, theirs.header, 'header lines');
  const n = Math.max(mine.rows.length, theirs.rows.length);
  for (let i = 0; i < n; i++) {
    assert.equal(mine.rows[i]?.line, theirs.rows[i]?.line, `row ${i} of ${theirs.rows.length}`);
  }
  assert.equal(ours.json.rows.length, theirs.rows.length, 'json row count');
  ours.json.rows.forEach((r, i) => {
    assert.equal(r.flat, theirs.rows[i].flat, `json flat of row ${i} (${theirs.rows[i].name})`);
    assert.equal(r.cum, theirs.rows[i].cum, `json cum of row ${i} (${theirs.rows[i].name})`);
  });
  const total = /of (-?[\d.]+)[a-zA-Z]* total$/.exec(theirs.header[theirs.header.length - 1]);
  assert.ok(total, 'pprof prints its total');
  assert.equal(ours.json.total, Number(total[1]), 'json total');
  return theirs.rows.length;
}

describe('flat and cum equal go tool pprof -top for every fixture and sample type', { concurrency: 2 }, () => {
  const fixtures = fixtureProfiles();
  test('the fixtures include every producer the engine must read', () => {
    for (const f of ['cppbench', 'node-profile', 'fgprof', 'stripped', 'alloc_space_delta', 'normalizer_profile', 'go-generated/cpu']) {
      assert.ok(fixtures.some((x) => x.includes(f)), f);
    }
  });
  for (const fixture of fixtures) {
    const p = decodeProfile(readFileSync(join(FIXTURE_DIR, fixture)));
    p.sampleTypes.forEach((t, sampleIndex) => {
      for (const granularity of GRANULARITIES) {
        test(`${fixture} ${t.type}/${t.unit} at ${granularity}`, async () => {
          await assertAgrees(fixture, { sampleIndex, granularity, unit: t.unit });
        });
      }
    });
  }
});

interface FilterCase {
  readonly name: string;
  readonly fixture: string;
  readonly filters: Omit<TopOptions, 'sampleIndex' | 'unit' | 'granularity'>;
  /** Whether pprof shows rows for it (guards against a filter that silently matches nothing). */
  readonly rows: 'some' | 'none';
}

const CPU = 'go-generated/cpu.pb.gz';
const HEAP = 'go-generated/heap.pb.gz';
const LABELS = 'parca/query_testdata_profile-with-labels.pb.gz';
const CASES: FilterCase[] = [
  { name: 'focus on a package', fixture: CPU, filters: { focus: 'sort\\.' }, rows: 'some' },
  { name: 'focus matching a file name', fixture: CPU, filters: { focus: 'zsortinterface\\.go' }, rows: 'some' },
  { name: 'focus case-insensitive (?i)', fixture: CPU, filters: { focus: '(?i)FLOAT64' }, rows: 'some' },
  { name: 'ignore', fixture: CPU, filters: { ignore: 'runtime\\.' }, rows: 'some' },
  { name: 'focus and ignore', fixture: CPU, filters: { focus: 'main\\.', ignore: 'sort' }, rows: 'some' },
  { name: 'hide', fixture: CPU, filters: { hide: 'runtime\\.' }, rows: 'some' },
  { name: 'hide an inlined frame only', fixture: CPU, filters: { hide: 'isNaN' }, rows: 'some' },
  { name: 'show', fixture: CPU, filters: { show: 'main\\.' }, rows: 'some' },
  { name: 'focus and hide', fixture: CPU, filters: { focus: 'sort', hide: 'Less' }, rows: 'some' },
  { name: 'tagfocus key=value', fixture: CPU, filters: { tagfocus: 'handler=json' }, rows: 'some' },
  { name: 'tagfocus several values', fixture: CPU, filters: { tagfocus: 'handler=json,contend' }, rows: 'some' },
  { name: 'tagfocus without a key', fixture: CPU, filters: { tagfocus: 'walk' }, rows: 'some' },
  { name: 'tagignore', fixture: CPU, filters: { tagignore: 'handler=walk' }, rows: 'some' },
  { name: 'tagfocus and hide', fixture: CPU, filters: { tagfocus: 'handler=contend', hide: 'sync' }, rows: 'some' },
  { name: 'tagfocus numeric range in kB', fixture: HEAP, filters: { tagfocus: 'bytes=1kb:64kb' }, rows: 'some' },
  { name: 'tagfocus numeric lower bound, any key', fixture: HEAP, filters: { tagfocus: '40kb:' }, rows: 'some' },
  { name: 'tagfocus unitless range never matches a bytes label', fixture: HEAP, filters: { tagfocus: '40960:' }, rows: 'none' },
  { name: 'tagignore numeric exact', fixture: HEAP, filters: { tagignore: 'bytes=256' }, rows: 'some' },
  { name: 'tagfocus string label', fixture: LABELS, filters: { tagfocus: 'thread_id=2756(158|160)$' }, rows: 'some' },
  { name: 'tagfocus that pprof reads as a range', fixture: LABELS, filters: { tagfocus: 'thread_id=2756158' }, rows: 'none' },
  { name: 'focus on labels profile', fixture: LABELS, filters: { focus: 'runtime', hide: 'gopark' }, rows: 'some' },
  { name: 'show on labels profile', fixture: LABELS, filters: { show: 'bufio|badger' }, rows: 'some' },
  { name: 'tagfocus api label', fixture: 'parca/parca_testdata_labels.pb.gz', filters: { tagfocus: 'api=query' }, rows: 'some' },
  { name: 'focus on a mapping file', fixture: 'google-pprof/cppbench.cpu_no_samples_type.pb.gz', filters: { focus: 'libc' }, rows: 'some' },
  { name: 'hide a mapping file', fixture: 'google-pprof/cppbench.cpu_no_samples_type.pb.gz', filters: { hide: 'libc' }, rows: 'some' },
  { name: 'show hides unsymbolized frames', fixture: 'parca/symbolizer_testdata_normal-cpu.stripped.pprof', filters: { show: 'main' }, rows: 'none' },
  { name: 'tagfocus on a Node.js profile', fixture: 'parca/normalizer_node-profile.pb.gz', filters: { tagfocus: 'thread_name=node', ignore: 'uv_' }, rows: 'some' },
  { name: 'focus on a delta profile', fixture: 'parca/query_testdata_alloc_space_delta.pb.gz', filters: { focus: 'encoding', hide: 'reflect' }, rows: 'some' },
];

describe('filters give what go tool pprof gives', { concurrency: 2 }, () => {
  for (const c of CASES) {
    const p = decodeProfile(readFileSync(join(FIXTURE_DIR, c.fixture)));
    const sampleIndex = p.defaultSampleIndex;
    const unit = p.sampleTypes[sampleIndex].unit;
    for (const granularity of GRANULARITIES) {
      test(`${c.name}: ${JSON.stringify(c.filters)} on ${c.fixture} at ${granularity}`, async () => {
        const rows = await assertAgrees(c.fixture, { ...c.filters, sampleIndex, unit, granularity });
        assert.equal(rows > 0 ? 'some' : 'none', c.rows, 'rows shown');
      });
    }
  }
});

describe('hand-made profiles with drop_frames, recursion, odd names and negative values agree with pprof', { concurrency: 2 }, () => {
  const files = new Map<string, string>();
  Object.entries(SYNTHETIC).forEach(([name, spec], i) => {
    const file = join(pprofTmp, `synthetic-${i}.pb`);
    writeFileSync(file, buildProfile(spec));
    files.set(name, file);
    spec.sampleTypes.forEach(([type, unit], sampleIndex) => {
      for (const granularity of GRANULARITIES) {
        test(`${name}: ${type} at ${granularity}`, async () => {
          assert.ok((await assertAgrees(file, { sampleIndex, granularity, unit })) > 0, 'rows shown');
        });
      }
    });
  });
  for (const c of SYNTHETIC_FILTERS) {
    for (const granularity of GRANULARITIES) {
      test(`${c.profile} with ${JSON.stringify(c.filters)} at ${granularity}`, async () => {
        const [, unit] = SYNTHETIC[c.profile].sampleTypes[0];
        await assertAgrees(files.get(c.profile)!, { ...c.filters, sampleIndex: 0, granularity, unit });
      });
    }
  }
});
