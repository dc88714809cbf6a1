// The merge is pprof's, column for column: for merges of 2–5 fixtures and for -base, -diff_base and
// -normalize over pairs, our merged profile equals the one `go tool pprof -proto` writes (decoded by our
// decoder): the same samples in the same order with the same values, the same locations, functions and
// mappings, the same header. Only the order of a sample's labels may differ (pprof writes them sorted).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { compareProfiles } from '../../src/model/profile/compareProfiles';
import { mergeProfiles, SampleMerger, sourcesApart, type MergeSource } from '../../src/model/profile/mergeProfiles';
import type { DecodedProfile } from '../../src/model/profile/profile';
import { goRound, scaleSample } from '../../src/model/profile/scaleValues';
import { MERGES, PAIRS } from './support/comparedFixtures';
import { FIXTURE_DIR, pprofProto, pprofTmp, type SourceSet } from './support/pprofOracle';

const read = (f: string) => ({ profile: decodeProfile(readFileSync(join(FIXTURE_DIR, f))), name: f });

/** Each sample's labels in one order: string labels by key, then numeric ones, each key's values in order. */
function sortedLabels(p: DecodedProfile): string[] {
  const out: string[] = [];
  for (let s = 0; s < p.sampleCount; s++) {
    const labels: [number, string, string][] = [];
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      const str = p.labelStr[j];
      labels.push(str === undefined ? [1, p.labelKey[j], `${p.labelNum[j]}${p.labelUnit[j]}`] : [0, p.labelKey[j], str]);
    }
    labels.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    out.push(JSON.stringify(labels));
  }
  return out;
}

const COLUMNS = [
  'sampleTypes', 'defaultSampleIndex', 'defaultSampleType', 'mappings', 'functionCount', 'funcName', 'funcSystemName', 'funcFile', 'funcStartLine',
  'locationCount', 'locAddress', 'locMapping', 'locIsFolded', 'locLineStart', 'lineFunction', 'lineNumber',
  'sampleCount', 'sampleValues', 'sampleLocStart', 'sampleLocs', 'labelStart',
  'dropFrames', 'keepFrames', 'timeNanos', 'durationNanos', 'periodType', 'period', 'comments',
] as const;

async function assertSameAsPprof(ours: DecodedProfile, sources: SourceSet): Promise<void> {
  const theirs = decodeProfile(await pprofProto(sources));
  assert.ok(theirs.sampleCount > 0, 'pprof keeps samples');
  for (const k of COLUMNS) {
    const a = ours[k];
    const b = theirs[k];
    const plain = (x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x);
    assert.deepEqual(plain(a), plain(b), k);
  }
  assert.deepEqual(sortedLabels(ours), sortedLabels(theirs), 'labels');
}

describe('profile.Merge: our merge is go tool pprof’s, column for column', { concurrency: 2 }, () => {
  for (const [name, files] of Object.entries(MERGES)) {
    test(`${name} (${files.length} profiles)`, async () => {
      await assertSameAsPprof(mergeProfiles(files.map(read)), { files });
    });
  }
  for (const f of ['parca/query_testdata_alloc_space_delta.pb.gz', 'google-pprof/proftest-large.cpu.pb.gz']) {
    test(`one profile alone is merged too: ${f}`, async () => {
      await assertSameAsPprof(mergeProfiles([read(f)]), { files: [f] });
    });
  }
});

describe('-base, -diff_base and -normalize: our comparison profile is go tool pprof’s', { concurrency: 2 }, () => {
  for (const [base, target] of PAIRS) {
    for (const mode of ['base', 'diff_base'] as const) {
      for (const normalize of [false, true]) {
        test(`${mode}${normalize ? ' -normalize' : ''}: ${target} against ${base}`, async () => {
          const ours = compareProfiles([read(target)], [read(base)], { normalize, keepBaseApart: mode === 'diff_base' }).merged;
          await assertSameAsPprof(ours, { files: [target], [mode === 'base' ? 'base' : 'diffBase']: [base], normalize });
        });
      }
    }
  }
  // go tool pprof 1.19 keeps only the last -base or -diff_base flag; upstream pprof merges them all first,
  // which is what pprof's own merge of the bases, given as one base, shows.
  for (const mode of ['base', 'diff_base'] as const) {
    test(`several targets against several bases (${mode} -normalize)`, async () => {
      const targets = ['go-generated/heap-gc.pb.gz', 'go-generated/allocs.pb.gz'];
      const bases = ['go-generated/heap.pb.gz', 'parca/query_testdata_many_1644509299337903000.pb.gz'];
      const ours = compareProfiles(targets.map(read), bases.map(read), { normalize: true, keepBaseApart: mode === 'diff_base' }).merged;
      const mergedBases = join(pprofTmp, `bases-${mode}.pb.gz`);
      writeFileSync(mergedBases, await pprofProto({ files: bases }));
      await assertSameAsPprof(ours, { files: targets, [mode === 'base' ? 'base' : 'diffBase']: [mergedBases], normalize: true });
    });
  }
});

describe('Scale rounds as Go does', () => {
  test('math.Round sends halves away from zero, and never gives -0', () => {
    assert.deepEqual([2.5, -2.5, 0.49999999999999994, -0.4, 1.5, -1.5].map(goRound), [3, -3, 0, 0, 2, -2]);
    assert.ok(Object.is(goRound(-0.4), 0));
  });
  test('ScaleN keeps a sample only if a scaled value is not 0, even when an unscaled one is', () => {
    const v = Float64Array.from([5, 1]);
    assert.equal(scaleSample(v, 0, [1, 0.4]), false, 'round(0.4) is 0 and the unscaled 5 does not count');
    assert.deepEqual(Array.from(v), [5, 0]);
    assert.equal(scaleSample(Float64Array.from([5, 2]), 0, [1, 0.4]), true);
  });
});

describe('sources apart: each hashed in a table of its own, the same merge as one table of all', () => {
  /** `p` with each sample twice (a source whose own samples add up). */
  const doubled = (p: DecodedProfile): DecodedProfile => {
    const n = p.sampleCount;
    const nt = p.sampleTypes.length;
    const twice = <T extends Int32Array | Float64Array>(a: T, per: number): T => {
      const out = new (a.constructor as new (n: number) => T)(2 * n * per);
      for (let s = 0; s < n; s++) for (let k = 0; k < per; k++) out[2 * s * per + k] = out[(2 * s + 1) * per + k] = a[s * per + k];
      return out;
    };
    const locStart = new Int32Array(2 * n + 1);
    const locs: number[] = [];
    const labelStart = new Int32Array(2 * n + 1);
    const [key, str, num, unit]: [string[], (string | undefined)[], number[], string[]] = [[], [], [], []];
    for (let s = 0; s < 2 * n; s++) {
      const o = s >> 1;
      for (let j = p.sampleLocStart[o]; j < p.sampleLocStart[o + 1]; j++) locs.push(p.sampleLocs[j]);
      locStart[s + 1] = locs.length;
      for (let j = p.labelStart[o]; j < p.labelStart[o + 1]; j++) {
        key.push(p.labelKey[j]);
        str.push(p.labelStr[j]);
        num.push(p.labelNum[j]);
        unit.push(p.labelUnit[j]);
      }
      labelStart[s + 1] = key.length;
    }
    return { ...p, sampleCount: 2 * n, sampleValues: twice(p.sampleValues, nt), sampleLocStart: locStart, sampleLocs: Int32Array.from(locs), labelStart, labelKey: key, labelStr: str, labelNum: Float64Array.from(num), labelUnit: unit };
  };
  const plain = (x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x);

  for (const [name, files] of Object.entries(MERGES)) {
    test(name, () => {
      const sources: MergeSource[] = files.map((f, i) => {
        const { profile } = read(f);
        return { profile: i === 0 ? doubled(profile) : profile, labels: { instance: `10.0.0.${i}:80`, zone: 'a' }, name: f };
      });
      assert.ok(sourcesApart(sources));
      const together = new SampleMerger(sources[0].profile.sampleTypes.length, 16);
      for (const src of sources) together.add(src);
      const a = together.finish();
      const b = mergeProfiles(sources);
      assert.ok(b.sampleCount < sources.reduce((n, x) => n + x.profile.sampleCount, 0), 'the doubled samples added up');
      for (const k of [...COLUMNS, 'labelKey', 'labelStr', 'labelNum', 'labelUnit'] as const) assert.deepEqual(plain(b[k]), plain(a[k]), k);
    });
  }

  test('only a label every source sets, each to its own value, keeps them apart', () => {
    const p = read(Object.values(MERGES)[0][0]).profile;
    const src = (labels?: Record<string, string>): MergeSource => ({ profile: p, labels });
    assert.equal(sourcesApart([src({ instance: 'a' }), src({ instance: 'b' })]), true);
    assert.equal(sourcesApart([src({ zone: 'x', instance: 'a' }), src({ zone: 'x', instance: 'b' })]), true);
    assert.equal(sourcesApart([src({ instance: 'a' }), src({ instance: 'a' })]), false);
    assert.equal(sourcesApart([src({ instance: 'a' }), src()]), false);
    assert.equal(sourcesApart([src({ instance: 'a' }), src({ pod: 'b' })]), false);
    assert.equal(sourcesApart([src({ instance: 'a' })]), false);
  });
});
