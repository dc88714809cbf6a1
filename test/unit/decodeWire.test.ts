// The wire layer (protobufjs's Reader, int64 read exactly, and the one loop that reads samples' bytes
// itself): 64-bit numbers come out exact, and every legal encoding of the same profile decodes to the same
// Profile, whichever path its samples take.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { bytes, F, int, msg, profile, varint, type Bytes } from './support/protoWriter';

const STRINGS = ['', 'samples', 'count', 'space', 'bytes', 'main.a', 'main.b', 'a.go', 'handler', 'api', '/bin/server'];
const BIG_ID = 2 ** 28 + 5; // a 5-byte varint
const HUGE_ID = 2 ** 31 + 7; // above the int32 range

interface SampleSpec {
  ids: number[];
  values: number[];
  labels: Bytes[];
}

const label = (key: number, str: number, num = 0, unit = 0) => [...int(1, key), ...int(2, str), ...int(3, BigInt(num)), ...int(4, unit)];

const SAMPLES: SampleSpec[] = [
  { ids: [1, BIG_ID], values: [2 ** 32 + 5, -1], labels: [] },
  { ids: [HUGE_ID, 1], values: [2 ** 53 - 1, -(2 ** 40)], labels: [label(8, 9)] },
  { ids: [1], values: [1, 2 ** 28], labels: [] },
  { ids: [1, 1, 1], values: [5, 6], labels: [label(8, 0, -3, 4)] },
  { ids: [], values: [0, 0], labels: [] },
];

/** Unknown fields of every wire type, numbered so that no message of profile.proto uses them. */
const UNKNOWN: Bytes[] = [int(100, 2n ** 63n + 1n), [...varint((101 << 3) | 5), 1, 2, 3, 4], [...varint((102 << 3) | 1), 1, 2, 3, 4, 5, 6, 7, 8], bytes(103, [1, 2, 3])];

/** The same profile, written as Go writes it (canonical) or in every other legal way at once. */
function write(canonical: boolean, repeat = 1): Uint8Array {
  const extra = canonical ? [] : UNKNOWN;
  const packed = (field: number, vs: number[]) =>
    canonical ? [bytes(field, vs.flatMap((v) => varint(BigInt(v))))] : vs.map((v) => int(field, BigInt(v)));
  const sample = (s: SampleSpec) => {
    const ids = packed(1, s.ids);
    const values = packed(2, s.values);
    const labels = s.labels.map((l) => msg(3, l));
    return msg(F.sample, ...(canonical ? [...ids, ...values, ...labels] : [...extra, ...labels, ...values, ...ids]));
  };
  const line = (fn: number, n: number) => msg(4, ...(canonical ? [int(1, fn), int(2, n)] : [int(2, n), ...extra, int(1, fn)]));
  const location = (id: number, address: number, ...lines: Bytes[]) =>
    msg(F.location, ...(canonical ? [int(1, id), int(2, 1), int(3, address), ...lines] : [...lines, ...extra, int(3, address), int(2, 1), int(1, id)]));
  const fn = (id: number, name: number, start: number) =>
    msg(F.function, ...(canonical ? [int(1, id), int(2, name), int(3, name), int(4, 7), int(5, start)] : [int(5, start), ...extra, int(4, 7), int(3, name), int(2, name), int(1, id)]));
  return profile(
    ...(canonical ? [] : extra),
    msg(F.sampleType, int(1, 1), int(2, 2), ...extra),
    msg(F.sampleType, int(1, 3), int(2, 4)),
    ...Array.from({ length: repeat }, () => SAMPLES.map(sample)).flat(),
    msg(F.mapping, int(1, 1), int(2, 0x400000), int(3, 2 ** 47), int(5, 10), ...extra),
    location(1, 2 ** 47 - 4096, line(1, 10)),
    location(BIG_ID, 2 ** 40, line(2, 20), line(1, 11)),
    location(HUGE_ID, 0x401000, line(2, 30)),
    fn(1, 5, 3),
    fn(2, 6, 2 ** 33),
    ...STRINGS.map((s) => bytes(F.stringTable, s)),
    int(9, 2 ** 53 - 1),
    int(10, 5e9),
    msg(11, int(1, 3), int(2, 4)),
    int(12, 10_000_000),
  );
}

describe('the wire layer', () => {
  test('int64 and uint64 come out exact: above 2^32, up to 2^53 - 1, and negative', () => {
    const p = decodeProfile(write(true));
    assert.deepEqual(Array.from(p.sampleValues), [2 ** 32 + 5, -1, 2 ** 53 - 1, -(2 ** 40), 1, 2 ** 28, 5, 6, 0, 0]);
    assert.deepEqual(Array.from(p.locAddress), [2n ** 47n - 4096n, 2n ** 40n, 0x401000n]);
    assert.equal(p.mappings[0].limit, 2n ** 47n);
    assert.equal(p.funcStartLine[1], 2 ** 33);
    assert.equal(p.timeNanos, 2 ** 53 - 1);
    assert.equal(p.durationNanos, 5e9);
    assert.equal(p.labelNum[1], -3);
  });

  test('location ids of 5 bytes and above 2^31 resolve to their locations', () => {
    const p = decodeProfile(write(true));
    const locs = (s: number) => Array.from(p.sampleLocs.subarray(p.sampleLocStart[s], p.sampleLocStart[s + 1]));
    assert.deepEqual([locs(0), locs(1), locs(2), locs(3), locs(4)], [[0, 1], [2, 0], [0], [0, 0, 0], []]);
  });

  test('unpacked fields, fields in any order and unknown fields of every wire type decode to the same profile', () => {
    assert.deepStrictEqual(decodeProfile(write(false)), decodeProfile(write(true)));
  });

  test('samples read in long runs decode as each alone: the samples the fast loop declines interleave with the rest', () => {
    const q = decodeProfile(write(true));
    const p = decodeProfile(write(true, 3000));
    assert.equal(p.sampleCount, 3000 * q.sampleCount);
    const nt = q.sampleTypes.length;
    for (let s = 0; s < p.sampleCount; s++) {
      const t = s % q.sampleCount;
      const same =
        p.sampleValues[nt * s] === q.sampleValues[nt * t] &&
        p.sampleValues[nt * s + 1] === q.sampleValues[nt * t + 1] &&
        p.sampleLocStart[s + 1] - p.sampleLocStart[s] === q.sampleLocStart[t + 1] - q.sampleLocStart[t] &&
        p.labelStart[s + 1] - p.labelStart[s] === q.labelStart[t + 1] - q.labelStart[t];
      if (!same) assert.fail(`sample ${s} differs from sample ${t} of the single profile`);
      for (let k = 0; k < p.sampleLocStart[s + 1] - p.sampleLocStart[s]; k++) {
        assert.equal(p.sampleLocs[p.sampleLocStart[s] + k], q.sampleLocs[q.sampleLocStart[t] + k]);
      }
    }
  });
});
