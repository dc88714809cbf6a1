// gzip on two threads (src/cli/parallelGzip.ts) writes one gzip member that every reader the project
// meets takes back to the same bytes: node:zlib (the Node build), pako (the web build's fallback) and
// DecompressionStream (the web build's first choice); go tool pprof reads it in fleetMerge.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { gzipInParallel } from '../../src/cli/parallelGzip';
import { gunzip as gunzipPako } from '../../src/model/decode/inflatePako';

const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-gzip-'));
const workerPath = join(dir, 'mergeWorker.js');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  await esbuild.build({ entryPoints: [join(__dirname, '../../src/cli/mergeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'warning' });
});

/** Bytes that compress as a profile does: runs that recur (stacks) between noise (values). */
function profileLike(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = i % 64 < 48 ? (i % 251) & 0x7f : x >>> 24;
  }
  return out;
}

async function viaDecompressionStream(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('gzip on two threads', () => {
  for (const size of [2, 100_001, 3 << 20]) {
    test(`${size} bytes: one member that node:zlib, pako and DecompressionStream read back`, async () => {
      const bytes = profileLike(size);
      const out = gzipInParallel(bytes, 1, { workerPath, minBytes: 0 });
      assert.deepEqual(new Uint8Array(gunzipSync(out)), bytes);
      assert.deepEqual(gunzipPako(out, 1 << 30), bytes);
      assert.deepEqual(await viaDecompressionStream(out), bytes);
      // One member: the trailer states the size of the whole (a second member's would state its own part).
      assert.deepEqual([out[0], out[1]], [0x1f, 0x8b]);
      assert.equal(new DataView(out.buffer, out.byteOffset).getUint32(out.length - 4, true), size);
    });
  }

  test('a view into a larger buffer is compressed as the view', () => {
    const whole = profileLike(1 << 20);
    const view = whole.subarray(1000, 600_000);
    assert.deepEqual(new Uint8Array(gunzipSync(gzipInParallel(view, 1, { workerPath, minBytes: 0 }))), view);
  });

  test('without the thread script, one thread writes the same bytes back', () => {
    const bytes = profileLike(200_000);
    assert.deepEqual(new Uint8Array(gunzipSync(gzipInParallel(bytes, 1, { workerPath: join(dir, 'missing.js'), minBytes: 0 }))), bytes);
  });
});
