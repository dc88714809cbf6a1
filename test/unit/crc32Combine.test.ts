// The CRC-32 of two runs joined, from their own CRCs, equals the CRC-32 of the joined bytes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { crc32Combine } from '../../src/cli/crc32Combine';

const crc32 = (zlib as { crc32?: (b: Uint8Array, v?: number) => number }).crc32;

test('the CRC of a then b from the CRCs of a and b', () => {
  for (const [la, lb] of [[0, 0], [0, 5], [5, 0], [1, 1], [3, 1000], [4096, 77], [1 << 20, 123457], [10, (1 << 22) + 3]]) {
    const a = randomBytes(la);
    const b = randomBytes(lb);
    const whole = crc32!(Buffer.concat([a, b]));
    assert.equal(crc32Combine(crc32!(a), crc32!(b), lb), whole >>> 0, `${la} + ${lb} bytes`);
  }
});

test('joining is associative, lengths beyond 2^32 bytes included', () => {
  // (a b) c = a (b c): what holds for CRCs of real runs, whatever their lengths.
  const [a, b, c] = [0x12345678, 0x9abcdef0, 0x0f1e2d3c];
  for (const [lb, lc] of [[7, 9], [2 ** 31, 2 ** 31 + 5], [2 ** 32 + 1, 3], [5, 2 ** 33 + 17]]) {
    assert.equal(crc32Combine(crc32Combine(a, b, lb), c, lc), crc32Combine(a, crc32Combine(b, c, lc), lb + lc), `${lb} + ${lc}`);
  }
});
