// A profile written and gzipped on two threads (src/cli/parallelWrite.ts) is one gzip member that every
// reader the project meets inflates (node:zlib for the Node build, pako and DecompressionStream for the
// web build), and it decodes to the profile that the one-thread writer's bytes decode to. go tool pprof
// reads it in fleetMerge.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { writeCounts, writeInParallel } from '../../src/cli/parallelWrite';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { gunzip as gunzipPako } from '../../src/model/decode/inflatePako';
import { mergeInstanceProfiles } from '../../src/model/decode/mergeInstances';
import { encodeProfile } from '../../src/model/profile/encodeProfile';
import { MERGES } from './support/comparedFixtures';
import { FIXTURE_DIR } from './support/pprofOracle';

const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-write-'));
const workerPath = join(dir, 'mergeWorker.js');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  await esbuild.build({ entryPoints: [join(__dirname, '../../src/cli/mergeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'warning' });
});

async function viaDecompressionStream(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A merge of fixtures with an instance label on each, as a fleet's merge has (numeric labels come from the fixtures). */
const merged = (files: string[]) => mergeInstanceProfiles(files.map((f, i) => ({ bytes: readFileSync(join(FIXTURE_DIR, f)), name: f, instance: `10.0.0.${i}:6060` }))).merged;

describe('writing on two threads', () => {
  for (const [name, files] of Object.entries(MERGES)) {
    test(`${name}: every reader inflates one member that decodes as the one-thread bytes do`, async () => {
      const p = merged(files);
      const before = writeCounts.twoThreads;
      const out = writeInParallel(p, 1, { workerPath, minFrames: 0 });
      assert.equal(writeCounts.twoThreads, before + 1, 'the second thread wrote half of the samples');
      const raw = new Uint8Array(gunzipSync(out));
      assert.deepEqual(gunzipPako(out, 1 << 30), raw);
      assert.deepEqual(await viaDecompressionStream(out), raw);
      // One member: the trailer states the size of the whole (a second member's would state its own part).
      assert.equal(new DataView(out.buffer, out.byteOffset).getUint32(out.length - 4, true), raw.length);
      assert.deepEqual(decodeProfile(raw), decodeProfile(encodeProfile(p)));
    });
  }

  test('without the thread script, one thread writes the same profile', () => {
    const p = merged(Object.values(MERGES)[0]);
    const before = writeCounts.twoThreads;
    const out = writeInParallel(p, 1, { workerPath: join(dir, 'missing.js'), minFrames: 0 });
    assert.equal(writeCounts.twoThreads, before);
    assert.deepEqual(decodeProfile(new Uint8Array(gunzipSync(out))), decodeProfile(encodeProfile(p)));
  });
});
