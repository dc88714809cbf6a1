// Thousands of corrupted variants of the real fixtures: bit flips, truncations, inserted and deleted bytes,
// lying length prefixes and swapped chunks. Each one either decodes or gives a ProfileError, never another
// exception and never a hang; what decodes can then be analysed (top, flame tree, line index, callersCallees)
// without an exception.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isGzip } from '../../src/model/decode/sniffBytes';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { flameTree } from '../../src/model/analysis/flame/flameTree';
import { lineIndex } from '../../src/model/analysis/lineIndex';
import { callersCallees } from '../../src/model/analysis/callersCallees';
import { ProfileError, type Profile } from '../../src/model/profile/profile';
import { computeTop } from '../../src/model/analysis/topRows';
import { FIXTURE_DIR, fixtureProfiles } from './support/pprofOracle';
import { varint } from './support/protoWriter';

type Rand = () => number;

function prng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (r: Rand, n: number) => Math.floor(r() * n);

const MUTATIONS: Record<string, (b: Uint8Array, r: Rand) => Uint8Array> = {
  'bit flips': (b, r) => {
    const out = Uint8Array.from(b);
    for (let k = 0, n = 1 + at(r, 3); k < n; k++) out[at(r, out.length)] ^= 1 << at(r, 8);
    return out;
  },
  truncation: (b, r) => b.slice(0, at(r, b.length)),
  'inserted bytes': (b, r) => {
    const i = at(r, b.length);
    const extra = Array.from({ length: 1 + at(r, 4) }, () => at(r, 256));
    return Uint8Array.from([...b.subarray(0, i), ...extra, ...b.subarray(i)]);
  },
  'deleted bytes': (b, r) => {
    const i = at(r, b.length);
    return Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1 + at(r, 8))]);
  },
  'a lying length prefix': (b, r) => {
    // Find a length-delimited tag (wire type 2) and replace the length after it.
    for (let tries = 0; tries < 64; tries++) {
      const i = at(r, b.length - 1);
      if ((b[i] & 7) !== 2 || b[i] < 8) continue;
      const lie = [0, 1, 127, 128, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, at(r, 1 << 20)][at(r, 8)];
      return Uint8Array.from([...b.subarray(0, i + 1), ...varint(lie), ...b.subarray(i + 2)]);
    }
    return b;
  },
  'a swapped chunk': (b, r) => {
    const out = Uint8Array.from(b);
    const n = 1 + at(r, 16);
    const i = at(r, Math.max(1, b.length - n));
    const j = at(r, Math.max(1, b.length - n));
    out.set(b.subarray(i, i + n), j);
    return out;
  },
};

/** Every query the engine answers, on a profile that decoded; none may throw. */
function analyse(q: Profile): void {
  if (q.sampleTypes.length === 0) return;
  const sampleIndex = q.defaultSampleIndex;
  const top = computeTop(q, { sampleIndex, granularity: 'functions' });
  computeTop(q, { sampleIndex, granularity: 'lines' });
  const tree = flameTree(q, { sampleIndex });
  assert.equal(tree.parent.length > 0, true);
  lineIndex(q);
  if (top.rows.length > 0) callersCallees(q, { sampleIndex, name: top.rows[0].name });
}

interface Tally {
  decoded: number;
  refused: number;
}

function tryVariant(bytes: Uint8Array, what: string, tally: Tally): void {
  const t0 = performance.now();
  let p: Profile | undefined;
  try {
    p = loadProfile(bytes);
  } catch (e) {
    if (!(e instanceof ProfileError)) assert.fail(`${what}: ${e instanceof Error ? e.stack : String(e)}`);
    assert.ok(!e.message.includes('\n'), `${what}: one line`);
    tally.refused++;
  }
  if (p) {
    try {
      analyse(p);
    } catch (e) {
      assert.fail(`${what} decoded, then the analysis threw: ${e instanceof Error ? e.stack : String(e)}`);
    }
    tally.decoded++;
  }
  assert.ok(performance.now() - t0 < 2000, `${what}: no hang`);
}

describe('mutated fixtures decode or give a ProfileError', () => {
  const fixtures = fixtureProfiles().filter((f) => !f.includes('proftest-large'));
  let total = 0;
  for (const [i, fixture] of fixtures.entries()) {
    test(fixture, () => {
      const file = readFileSync(join(FIXTURE_DIR, fixture));
      const raw = isGzip(file) ? gunzipSync(file) : file;
      const r = prng(1000 + i);
      const tally: Tally = { decoded: 0, refused: 0 };
      for (const [name, mutate] of Object.entries(MUTATIONS)) {
        for (let k = 0; k < 25; k++) tryVariant(mutate(raw, r), `${fixture} ${name} #${k}`, tally);
        // Corrupting the gzip stream itself, and gzipping corrupted protobuf.
        tryVariant(mutate(file, r), `${fixture} ${name} on the gzip bytes`, tally);
        tryVariant(gzipSync(mutate(raw, r)), `${fixture} ${name} inside gzip`, tally);
      }
      assert.ok(tally.refused > 0, 'some variants are refused');
      total += tally.decoded + tally.refused;
    });
  }
  test('thousands of variants were tried', () => assert.ok(total >= 3000, `${total} variants`));
});
