// The encoder writes what the decoder reads: every fixture decoded, encoded and decoded again gives the same
// columns, and go tool pprof reads what it writes as the same profile (its -raw of our bytes, and its own
// re-encoding of them decoded by us, equal ours).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { encodeProfile } from '../../src/model/profile/encodeProfile';
import { mergeProfiles } from '../../src/model/profile/mergeProfiles';
import type { DecodedProfile } from '../../src/model/profile/profile';
import { MERGES } from './support/comparedFixtures';
import { FIXTURE_DIR, pprofProto, pprofTmp } from './support/pprofOracle';

const run = promisify(execFile);

export const COLUMNS = [
  'sampleTypes', 'defaultSampleIndex', 'defaultSampleType', 'mappings', 'functionCount', 'funcName', 'funcSystemName', 'funcFile', 'funcStartLine',
  'locationCount', 'locAddress', 'locMapping', 'locIsFolded', 'locLineStart', 'lineFunction', 'lineNumber',
  'sampleCount', 'sampleValues', 'sampleLocStart', 'sampleLocs', 'labelStart', 'labelKey', 'labelStr', 'labelNum', 'labelUnit',
  'dropFrames', 'keepFrames', 'timeNanos', 'durationNanos', 'periodType', 'period', 'comments',
] as const;

const plain = (x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x);

function assertSameColumns(a: DecodedProfile, b: DecodedProfile): void {
  for (const k of COLUMNS) assert.deepEqual(plain(a[k]), plain(b[k]), k);
}

const fixtures = [...new Set(Object.values(MERGES).flat()), 'google-pprof/proftest-large.cpu.pb.gz'];

describe('encodeProfile: decode ∘ encode is the identity', () => {
  for (const f of fixtures) {
    test(f, () => {
      const p = decodeProfile(readFileSync(join(FIXTURE_DIR, f)));
      assertSameColumns(decodeProfile(encodeProfile(p)), p);
    });
  }
});

describe('encodeProfile: go tool pprof reads our bytes as the profile they hold', { concurrency: 2 }, () => {
  for (const [name, files] of Object.entries(MERGES).slice(0, 4)) {
    test(name, async () => {
      const merged = mergeProfiles(files.map((f) => ({ profile: decodeProfile(readFileSync(join(FIXTURE_DIR, f))), name: f })));
      const ours = join(pprofTmp, `encoded-${name.replace(/\W+/g, '_')}.pb.gz`);
      writeFileSync(ours, gzipSync(encodeProfile(merged)));
      // pprof's merge of our file alone re-encodes it: decoded, it is our merge column for column.
      assertSameColumns(decodeProfile(await pprofProto({ files: [ours] })), merged);
      const env = { ...process.env, PPROF_TMPDIR: pprofTmp, HOME: pprofTmp };
      const raw = async (args: string[]) => (await run('go', ['tool', 'pprof', '-raw', '-symbolize=none', ...args], { env, maxBuffer: 1 << 28 })).stdout;
      const theirs = files.map((f) => join(FIXTURE_DIR, f));
      // The decoder keeps time_nanos as a JS number, exact to about 256 ns: the one line that may differ.
      const noTime = (text: string) => text.replace(/^Time: .*$/m, 'Time: …');
      assert.equal(noTime(await raw([ours])), noTime(await raw(theirs)));
    });
  }
});

test('negative values (a base subtracted) and numeric labels survive the round trip', async () => {
  const { compareProfiles } = await import('../../src/model/profile/compareProfiles');
  const read = (f: string) => ({ profile: decodeProfile(readFileSync(join(FIXTURE_DIR, f))), name: f });
  const diff = compareProfiles([read('go-generated/heap-gc.pb.gz')], [read('go-generated/heap.pb.gz')], { normalize: false, keepBaseApart: true }).merged;
  let negative = 0;
  for (const v of diff.sampleValues) if (v < 0) negative++;
  assert.ok(negative > 0, 'the comparison has negative values');
  assert.ok(diff.labelStr.some((s) => s === undefined), 'and numeric labels');
  assertSameColumns(decodeProfile(encodeProfile(diff)), diff);
});
