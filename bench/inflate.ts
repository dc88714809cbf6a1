// The web build's inflate, measured: pako (src/model/decode/inflatePako.ts, what the web build ships) beside
// DecompressionStream('gzip') (Node 20 has it globally, as browsers do) on one gzipped profile, in the same
// process, with node:zlib (the Node build's inflate.ts) as the anchor. Prints one JSON line of medians.
//   node inflate.js <file.pb.gz> <runs>
import { readFileSync } from 'node:fs';
import { gunzip as zlibGunzip } from '../src/model/decode/inflate';
import { gunzip as pakoGunzip } from '../src/model/decode/inflatePako';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const bytes = new Uint8Array(readFileSync(file));
const LIMIT = 2048 * 1024 * 1024;

async function viaDecompressionStream(input: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function time(f: () => Uint8Array | Promise<Uint8Array>): Promise<{ ms: number[]; size: number }> {
  await f(); // warm-up
  const ms: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    size = (await f()).length;
    ms.push(performance.now() - t);
  }
  return { ms, size };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const zlib = await time(() => zlibGunzip(bytes, LIMIT));
  const pako = await time(() => pakoGunzip(bytes, LIMIT));
  const stream = await time(() => viaDecompressionStream(bytes));
  if (pako.size !== zlib.size || stream.size !== zlib.size) throw new Error(`inflated sizes differ: zlib ${zlib.size}, pako ${pako.size}, DecompressionStream ${stream.size}`);
  process.stdout.write(
    JSON.stringify({ bytes: bytes.length, inflated: zlib.size, zlibMs: median(zlib.ms), pakoMs: median(pako.ms), streamMs: median(stream.ms), zlibAllMs: zlib.ms, pakoAllMs: pako.ms, streamAllMs: stream.ms }) + '\n',
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
