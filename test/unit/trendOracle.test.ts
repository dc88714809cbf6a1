// The trend's numbers against the oracle: for real series of heap snapshots, each snapshot's flat and cum
// of every node, and its total, are those `go tool pprof -top` prints for that file alone, with the same
// sample type, granularity and filters. One series is captured here from the real Go test service, its
// leak handler hit between heap captures; another is the two heap fixtures.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArgs, runTrend } from '../../src/cli';
import { cleanPath } from '../../src/model/base/cleanPath';
import type { Granularity } from '../../src/model/profile/queries';
import type { TrendResult, TrendRow } from '../../src/model/profile/trendQueries';
import { startGoService, type GoService } from '../support/goService';
import { FIXTURE_DIR, parseTopText, pprofTmp, pprofTop } from './support/pprofOracle';

const HEAP_TYPES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

interface Case {
  readonly name: string;
  readonly sampleIndex?: string;
  readonly granularity: Granularity;
  readonly filters?: { readonly focus?: string; readonly hide?: string; readonly ignore?: string; readonly show?: string };
}

const CASES: readonly Case[] = [
  { name: 'the default sample type by function', granularity: 'functions' },
  { name: 'alloc_objects by line', sampleIndex: 'alloc_objects', granularity: 'lines' },
  { name: 'inuse_space focused on the handlers, runtime hidden', sampleIndex: 'inuse_space', granularity: 'functions', filters: { focus: 'main\\.', hide: 'runtime' } },
  { name: 'alloc_space by line, bytes.Repeat ignored, main and fmt shown', sampleIndex: 'alloc_space', granularity: 'lines', filters: { ignore: 'bytes\\.Repeat', show: 'main\\.|fmt\\.' } },
];

/** Our trend through the CLI, the files given newest first (the trend orders them by their time). */
function ourTrend(files: readonly string[], c: Case): TrendResult {
  const argv = ['trend', ...[...files].reverse(), '--json', `--granularity=${c.granularity}`];
  if (c.sampleIndex) argv.push(`--sample_index=${c.sampleIndex}`);
  for (const [k, v] of Object.entries(c.filters ?? {})) argv.push(`--${k}=${v}`);
  return JSON.parse(runTrend(parseArgs(argv), (f) => readFileSync(f))) as TrendResult;
}

/** pprof's printable name of a row. */
const printable = (r: TrendRow, granularity: Granularity) =>
  granularity === 'lines' && !r.name.endsWith(`:${r.line}`) ? `${r.name} ${cleanPath(r.file ?? '')}:${r.line}` : r.name;

/** Asserts, snapshot by snapshot in time order (`files` are in time order), that every row is pprof's. */
async function assertEachSnapshotIsPprofs(files: readonly string[], c: Case): Promise<number> {
  const t = ourTrend(files, c);
  assert.equal(t.times.length, files.length);
  for (let j = 1; j < t.times.length; j++) assert.ok(t.times[j] > t.times[j - 1], 'times ascend');
  const sampleIndex = HEAP_TYPES.indexOf(c.sampleIndex ?? 'inuse_space');
  assert.equal(t.sampleType.type, HEAP_TYPES[sampleIndex]);
  const unit = t.sampleType.unit === 'bytes' ? 'B' : '';
  const texts = await Promise.all(files.map((f) => pprofTop(f, { sampleIndex, granularity: c.granularity, unit, ...c.filters })));
  let compared = 0;
  texts.forEach((text, j) => {
    const theirs = parseTopText(text);
    const total = /of (-?[\d.]+)[a-zA-Z]* total$/.exec(theirs.header[theirs.header.length - 1]);
    assert.ok(total, 'pprof prints its total');
    assert.equal(t.totals[j], Number(total[1]), `total of snapshot ${j}`);
    const expected = theirs.rows.map((r) => [r.name.replace(/ \((partial-)?inline\)$/, ''), r.flat, r.cum]);
    const actual = t.rows.filter((r) => r.flat[j] !== 0 || r.cum[j] !== 0).map((r) => [printable(r, c.granularity), r.flat[j], r.cum[j]]);
    assert.deepEqual(actual.sort(), expected.sort(), `snapshot ${j} (${files[j]})`);
    compared += expected.length;
  });
  return compared;
}

describe('a heap series captured from the leaking test service', { concurrency: 2 }, () => {
  let svc: GoService;
  const files = [0, 1, 2, 3].map((i) => join(pprofTmp, `trend-heap-${i}.pb.gz`));
  before(async () => {
    svc = await startGoService();
    for (const [i, file] of files.entries()) {
      // Ten leaked sessions between snapshots: each retains 256 kB, sampled at 512 kB on average.
      if (i > 0) for (let k = 0; k < 10; k++) await svc.get('/leak');
      const res = await fetch(`${svc.url}/debug/pprof/heap?gc=1`);
      assert.equal(res.status, 200, 'GET /debug/pprof/heap?gc=1');
      writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    }
  });
  after(() => svc?.stop());

  for (const c of CASES) {
    test(c.name, async () => {
      assert.ok((await assertEachSnapshotIsPprofs(files, c)) > 0, 'pprof shows rows');
    });
  }

  test('the leak’s allocation site ranks first, growing at every step', () => {
    const t = ourTrend(files, { name: 'default', granularity: 'functions' });
    assert.equal(t.rows[0].name, 'main.newSession', JSON.stringify(t.rows.slice(0, 3).map((r) => [r.name, r.flat, r.score])));
    assert.ok(t.rows[0].growth > 0 && t.rows[0].steadiness === 1);
  });
});

describe('the two heap fixtures as a series', { concurrency: 2 }, () => {
  const files = ['go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz'].map((f) => join(FIXTURE_DIR, f));
  for (const c of CASES) {
    test(c.name, async () => {
      assert.ok((await assertEachSnapshotIsPprofs(files, c)) > 0, 'pprof shows rows');
    });
  }
});
