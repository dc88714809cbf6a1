import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileHeat } from '../../src/annotations/fileHeat';
import { deltaTitle, relativeChange, STALE_NOTE } from '../../src/annotations/lensText';
import { mergeFiles } from '../../src/annotations/mergeFiles';
import { compareFailure } from '../../src/editor/compareMessages';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { loadComparison, loadProfile } from '../../src/model/decode/loadProfile';
import type { LineIndexFile } from '../../src/model/profile/queries';
import { pprofTop } from '../support/pprofTop';
import { pprofDiff } from '../integration/support/pprofDiff';

const GO = join(__dirname, '..', 'fixtures', 'go-generated');
const HEAP = join(GO, 'heap.pb.gz');
const HEAP_GC = join(GO, 'heap-gc.pb.gz');
const MAIN_GO = '/tmp/perf-anchors/goapp/main.go'; // where the fixtures' service was built
const bytes = { type: 'inuse_space', unit: 'bytes' };
const cpu = { type: 'cpu', unit: 'nanoseconds' };

describe('delta lens titles', () => {
  const cases: [string, number, number | undefined, { type: string; unit: string }, boolean, string][] = [
    ['growth, with the change against the base', 12.3 * 2 ** 20, 30 * 2 ** 20, bytes, false, 'pprof Δ inuse_space: +12.30MB (+41%)'],
    ['a function that went away', -1.2e9, 1.2e9, cpu, false, 'pprof Δ cpu: -1.20s (-100%)'],
    ['small changes keep one decimal', 35e6, 1e9, cpu, false, 'pprof Δ cpu: +35ms (+3.5%)'],
    ['new in the target', 20e6, 0, cpu, false, 'pprof Δ cpu: +20ms (new)'],
    ['without the base side, only the change', -2098623, undefined, bytes, false, 'pprof Δ inuse_space: -2MB'],
    ['a file changed since the profile', 10e6, 20e6, cpu, true, `pprof Δ cpu: +10ms (+50%) ${STALE_NOTE}`],
  ];
  for (const [name, net, base, type, stale, want] of cases) test(name, () => assert.equal(deltaTitle(net, base, type, stale), want));

  test('no change is 0%', () => assert.equal(relativeChange(0, 5), '0%'));
});

describe('messages of a comparison that cannot be made', () => {
  const names = { base: 'cpu.pb.gz', target: 'heap.pb.gz' };
  const cases: [string, string, RegExp[]][] = [
    ['sample types differ: both named, and what to do', 'incompatible sample types samples/count,cpu/nanoseconds and alloc_objects/count', [/cpu\.pb\.gz \(base\)/, /heap\.pb\.gz \(target\)/, /samples\/count,cpu\/nanoseconds and alloc_objects/, /same kind/]],
    [
      'a message that names both sides is kept, with what to do',
      'cannot compare cpu.pb.gz, a CPU profile (samples/count, cpu/nanoseconds), with heap.pb.gz, a heap profile (inuse_space/bytes): their sample types differ',
      [/^cannot compare cpu\.pb\.gz, a CPU profile .* with heap\.pb\.gz, a heap profile .*: their sample types differ\. Pick two profiles of the same kind\.$/],
    ],
    ['a malformed side is named', 'heap.pb.gz: this is a text file, not a pprof profile', [/: the target is not a valid profile: this is a text file, not a pprof profile\. Pick another file\.$/]],
    ['anything else is passed on', 'cannot read /x: EACCES', [/cannot compare cpu\.pb\.gz \(base\) with heap\.pb\.gz \(target\): cannot read \/x: EACCES$/]],
  ];
  for (const [name, reason, want] of cases) {
    test(name, () => {
      const m = compareFailure(reason, names);
      assert.ok(!m.includes('\n'), 'one line');
      for (const re of want) assert.match(m, re);
    });
  }
});

describe('the base side of a comparison in the annotations', () => {
  const index = lineIndex(loadProfile(readFileSync(HEAP)));
  const t = index.sampleTypes.findIndex((s) => s.type === 'inuse_space');
  const file = index.files.find((f) => f.file === MAIN_GO)!;
  // The heap profile's own numbers stand in for a base side, so the sums are known.
  const withBase: LineIndexFile = { ...file, lineBaseFlat: file.lineFlat, lineBaseCum: file.lineCum, funcBaseFlat: file.funcFlat, funcBaseCum: file.funcCum };

  test('two spellings of one file sum their base sides too', () => {
    const merged = mergeFiles([withBase, withBase], index.sampleTypes.length);
    assert.deepEqual(Array.from(merged.funcBaseCum!), Array.from(file.funcCum, (v) => 2 * v));
    assert.deepEqual(Array.from(merged.lineBaseFlat!), Array.from(file.lineFlat, (v) => 2 * v));
  });

  test('a file without a base side merges without one', () => {
    assert.equal(mergeFiles([file, withBase], index.sampleTypes.length).lineBaseFlat, undefined);
  });

  test('lenses and stats carry the base side', () => {
    const heat = new FileHeat(index, [withBase]);
    assert.ok(heat.hasBase);
    const lenses = heat.lenses(t, 0.01);
    assert.ok(lenses.length > 0);
    for (const l of lenses) assert.deepEqual([l.baseFlat, l.baseCum], [l.flat, l.cum]);
    const fn = heat.functions.find((f) => f.name === 'main.newSession')!;
    assert.equal(fn.baseCum![t], fn.cum[t]);
  });
});

describe('the comparison of heap and heap-gc, as go tool pprof -diff_base reports it', () => {
  const { profile } = loadComparison(readFileSync(HEAP), readFileSync(HEAP_GC), { mode: 'diff_base', normalize: false }, { base: 'heap.pb.gz', target: 'heap-gc.pb.gz' });
  const index = lineIndex(profile);
  const t = index.sampleTypes.findIndex((s) => s.type === 'inuse_space');
  const file = index.files.find((f) => f.file === MAIN_GO)!;
  const diff = pprofDiff(HEAP, HEAP_GC, { unit: 'bytes' });
  const base = new Map(pprofTop(HEAP, { unit: 'bytes' }).rows.map((r) => [r.name, r.cum]));
  const changed = diff.rows.filter((r) => r.name.startsWith('main.') && r.cum !== 0 && Math.abs(r.cum) >= 0.01 * Math.abs(diff.total));

  test('function lenses where the change is at least 1% of the base total, with pprof’s net cum', () => {
    assert.ok(changed.length >= 3, JSON.stringify(diff.rows.slice(0, 10)));
    const lenses = new FileHeat(index, [file]).lenses(t, 0.01).filter((l) => l.kind === 'function');
    assert.deepEqual(lenses.map((l) => [l.name, l.cum]).sort(), changed.map((r) => [r.name, r.cum]).sort());
  });

  test('the lenses give the base side, so the change reads against it', () => {
    const lenses = new FileHeat(index, [file]).lenses(t, 0.01).filter((l) => l.kind === 'function');
    for (const l of lenses) assert.equal(l.baseCum, base.get(l.name) ?? 0, l.name);
  });

  test('heat lines point down where the target has less', () => {
    const heat = new FileHeat(index, [file]).heat(t);
    assert.ok(heat.some((h) => h.sign === -1), 'heap-gc has less than heap on some lines');
    for (const h of heat) {
      const s = new FileHeat(index, [file]).lineStats(h.line)!;
      const v = s.flat[t] !== 0 ? s.flat[t] : s.cum[t];
      assert.equal(h.sign, v < 0 ? -1 : 1, `line ${h.line}`);
    }
  });
});
