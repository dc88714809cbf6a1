// Runs in a Chromium Web Worker (bench/inflateBrowser.mjs): fetches a gzipped profile and times pako (the
// web build's inflatePako.ts) and DecompressionStream('gzip') on it, as the web build's worker would run them.
import { gunzip } from '../src/model/decode/inflatePako';

const LIMIT = 2048 * 1024 * 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function viaStream(input: Uint8Array): Promise<number> {
  const stream = new Blob([input as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function time(runs: number, f: () => number | Promise<number>): Promise<{ ms: number[]; size: number }> {
  let size = await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    size = await f();
    ms.push(performance.now() - t);
  }
  return { ms, size };
}

self.onmessage = async (e: MessageEvent<{ url: string; runs: number }>) => {
  try {
    const bytes = new Uint8Array(await (await fetch(e.data.url)).arrayBuffer());
    const pako = await time(e.data.runs, () => gunzip(bytes, LIMIT).length);
    const stream = await time(e.data.runs, () => viaStream(bytes));
    postMessage({ ok: true, pakoMs: median(pako.ms), streamMs: median(stream.ms), pakoAllMs: pako.ms, streamAllMs: stream.ms, sizes: [pako.size, stream.size] });
  } catch (err) {
    postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
