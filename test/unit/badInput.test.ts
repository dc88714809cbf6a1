// Broken input gets a ProfileError: one line that says what is wrong (and at which byte, when known),
// quickly, and without allocating much more than the input. Each broken file is made by hand with a tiny
// protobuf writer, so the test says exactly which part is broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { ProfileError, type Profile } from '../../src/model/profile/profile';
import { FIXTURE_DIR } from './support/pprofOracle';
import { assemble, bytes, F, int, msg, profile, validParts, varint } from './support/protoWriter';

const MB = 1024 * 1024;

/** Decodes, and checks the error's shape, the time taken and the memory the attempt needed. */
function decodeChecked(input: Uint8Array): { profile?: Profile; error?: ProfileError } {
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  let out: { profile?: Profile; error?: ProfileError };
  try {
    out = { profile: loadProfile(input) };
  } catch (e) {
    assert.ok(e instanceof ProfileError, `a ProfileError, not ${String(e)}`);
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    assert.ok(e.message.length > 10 && e.message.length < 300, `a readable message: ${e.message}`);
    out = { error: e };
  }
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `answered in ${ms.toFixed(0)} ms`);
  // maxRSS is the peak of the whole process, so it only moves if this attempt needed more than any before.
  const grew = process.resourceUsage().maxRSS * 1024 - rssBefore;
  assert.ok(grew <= Math.max(64 * MB, 16 * input.length), `peak memory grew by ${(grew / MB).toFixed(0)} MB`);
  return out;
}

function expectError(input: Uint8Array, pattern: RegExp): ProfileError {
  const { error } = decodeChecked(input);
  assert.ok(error, 'decoding fails');
  assert.match(error.message, pattern);
  return error;
}

const fixtureBytes = (f: string) => readFileSync(join(FIXTURE_DIR, f));

describe('bad input gives a one-line ProfileError', () => {
  const withParts = (edit: (p: ReturnType<typeof validParts>) => void) => {
    const parts = validParts();
    edit(parts);
    return assemble(parts);
  };
  const cases: { name: string; input: () => Uint8Array; error: RegExp }[] = [
    { name: 'an empty file', input: () => new Uint8Array(0), error: /empty/ },
    { name: 'a text file', input: () => new TextEncoder().encode('just some notes\nnot a profile\n'), error: /text file.*"just some notes"/ },
    { name: 'an HTML page', input: () => new TextEncoder().encode('<!DOCTYPE html><html><head><title>Login</title></head></html>'), error: /HTML page/ },
    { name: 'a gzipped HTML page', input: () => gzipSync('<html><body>502 Bad Gateway</body></html>'), error: /HTML page/ },
    { name: 'an empty gzip stream', input: () => gzipSync(new Uint8Array(0)), error: /gzip stream is empty/ },
    {
      name: 'truncated gzip',
      input: () => fixtureBytes('go-generated/heap.pb.gz').subarray(0, 3000),
      error: /truncated gzip/,
    },
    {
      name: 'a corrupt gzip body',
      input: () => {
        const b = Uint8Array.from(fixtureBytes('parca/query_testdata_fib.pb.gz'));
        for (let i = 100; i < 200; i++) b[i] ^= 0x5a;
        return b;
      },
      error: /corrupt gzip/,
    },
    {
      name: 'a bogus 2 GB length prefix',
      input: () => profile(validParts().sampleType, bytes(F.stringTable, 'x', 2 ** 31)),
      error: /string table entry 0 at byte 7 claims 2147483648 bytes but only 1 remain/,
    },
    {
      name: 'a length prefix past the end inside a sample',
      input: () => profile(msg(F.sample, bytes(1, [1, 2, 3], 200))),
      error: /a packed field at byte 3 claims 200 bytes/,
    },
    {
      name: 'a location that references a missing function',
      input: () => withParts((p) => (p.locations[1] = msg(F.location, int(1, 2), msg(4, int(1, 9), int(2, 30))))),
      error: /location 2 references function 9, which does not exist/,
    },
    {
      name: 'a sample that references a missing location',
      input: () => withParts((p) => (p.sample = msg(F.sample, bytes(1, [...varint(1), ...varint(77)]), bytes(2, varint(7))))),
      error: /location 77, which does not exist/,
    },
    {
      name: 'a function name index out of range',
      input: () => withParts((p) => (p.functions[0] = msg(F.function, int(1, 1), int(2, 40), int(4, 5)))),
      error: /function 1 uses string index 40, but the string table has 6 entries/,
    },
    {
      name: 'a sample type index out of range',
      input: () => withParts((p) => (p.sampleType = msg(F.sampleType, int(1, 1), int(2, 1000)))),
      error: /sample type uses string index 1000/,
    },
    {
      name: 'function id 0',
      input: () => withParts((p) => (p.functions[0] = msg(F.function, int(1, 0), int(2, 3), int(4, 5)))),
      error: /function has the reserved id 0/,
    },
    {
      name: 'location id 0',
      input: () => withParts((p) => (p.locations[0] = msg(F.location, msg(4, int(1, 1), int(2, 12))))),
      error: /location has the reserved id 0/,
    },
    {
      name: 'a non-empty first string',
      input: () => withParts((p) => (p.strings[0] = bytes(F.stringTable, 'oops'))),
      error: /string table entry 0 must be empty/,
    },
    {
      name: 'a sample with the wrong number of values',
      input: () => withParts((p) => (p.sample = msg(F.sample, bytes(1, varint(1)), bytes(2, [...varint(7), ...varint(8)])))),
      error: /sample 0 has 2 values but the profile has 1 sample types/,
    },
    {
      name: 'an unknown wire type',
      input: () => profile([(6 << 3) | 7, 0]),
      error: /wire type 7 at byte 1/,
    },
    {
      name: 'a varint longer than 10 bytes',
      input: () => profile([0x08 | 0x40, ...new Array(11).fill(0xff), 0x01]),
      error: /varint longer than 10 bytes/,
    },
    {
      name: 'a tag longer than 5 bytes (protobufjs: "invalid tag encoding")',
      input: () => profile(validParts().sampleType, [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
      error: /corrupt protobuf: invalid tag encoding at byte 11/,
    },
    {
      name: 'an unknown fixed64 field cut short (protobufjs: "index out of range")',
      input: () => profile(validParts().sampleType, [(15 << 3) | 1, 1, 2, 3]),
      error: /truncated or corrupt protobuf: a field at byte 7 runs past the end of the data/,
    },
    {
      name: 'a tag cut short at the end of the data',
      input: () => profile(validParts().sampleType, [0x80]),
      error: /truncated or corrupt protobuf: a field at byte 7 runs past the end of the data/,
    },
    {
      name: 'a group (wire type 3), which pprof does not read',
      input: () => profile(validParts().sampleType, [(15 << 3) | 3, (14 << 3) | 0, 1, (15 << 3) | 4]),
      error: /unsupported wire type 3 at byte 7/,
    },
    {
      name: 'a length prefix of 2^32 or more, which a 32-bit read would wrap to a small length',
      input: () => profile(validParts().sampleType, bytes(F.stringTable, 'abcdef', 2 ** 32 + 3)),
      error: /string table entry 0 at byte 7 claims 4294967299 bytes but only 6 remain/,
    },
    {
      name: 'a sample cut short inside its location ids',
      input: () => profile(validParts().sampleType, [0x12, 4, 0x0a, 3, 1, 0x82]),
      error: /a packed field at byte 9 claims 3 bytes but only 2 remain/,
    },
    {
      name: 'a sample tag at the end of the data',
      input: () => profile(validParts().sampleType, [0x12]),
      error: /truncated or corrupt protobuf: a field at byte 7 runs past the end of the data/,
    },
  ];
  for (const c of cases) test(c.name, () => void expectError(c.input(), c.error));

  test('a protobuf truncated at every offset decodes or fails cleanly, naming the byte', () => {
    const raw = gunzipSync(fixtureBytes('parca/query_testdata_single-stack.pb.gz'));
    let failed = 0;
    for (let n = 1; n < raw.length; n++) {
      const { error } = decodeChecked(raw.subarray(0, n));
      if (!error) continue;
      failed++;
      if (/truncated/.test(error.message)) assert.match(error.message, /at byte \d+/);
    }
    // Cuts that fall between two top-level fields leave a shorter, valid profile.
    assert.ok(failed > raw.length / 2, `${failed} of ${raw.length} cuts fail`);
  });

  test('random bit flips decode or fail cleanly', () => {
    const raw = gunzipSync(fixtureBytes('parca/query_testdata_profile1.pb.gz'));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let failed = 0;
    for (let k = 0; k < 300; k++) {
      const b = Uint8Array.from(raw);
      for (let f = 0; f < 1 + (k % 4); f++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
      if (decodeChecked(b).error) failed++;
    }
    assert.ok(failed > 30, `${failed} of 300 flipped profiles fail`);
  });

  test('strings that are not valid UTF-8 decode with U+FFFD, as pprof reads them', () => {
    const { profile: p } = decodeChecked(withParts((p) => (p.strings[3] = bytes(F.stringTable, [0x6d, 0x61, 0xc3, 0x28]))));
    assert.ok(p, 'decodes');
    assert.equal(p.funcName[0], 'ma\uFFFD(');
  });

  test('the byte offset is kept on the error', () => {
    const e = expectError(profile(validParts().sampleType, bytes(F.stringTable, 'x', 2 ** 31)), /claims/);
    assert.equal(e.offset, 7, "the offset of the length prefix");
  });
});
