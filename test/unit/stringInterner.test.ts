// Profiles decoded with a string interner shared across them (decode/stringInterner.ts) are the profiles
// decoded alone, field for field, on every fixture decoded twice over with one interner (the second time,
// every string comes from the interner), and a file that cannot be decoded gets the same message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { StringInterner } from '../../src/model/decode/stringInterner';
import { FIXTURE_DIR, fixtureProfiles } from './support/pprofOracle';

test('an interner changes no decoded profile', () => {
  const interner = new StringInterner();
  let decoded = 0;
  for (const round of [1, 2]) {
    for (const f of fixtureProfiles()) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, f)));
      let alone;
      try {
        alone = decodeProfile(bytes);
      } catch (e) {
        assert.throws(() => decodeProfile(bytes, interner), { message: (e as Error).message }, f);
        continue;
      }
      assert.deepEqual(decodeProfile(bytes, interner), alone, `${f}, round ${round}`);
      decoded++;
    }
  }
  assert.ok(decoded > 20);
});
