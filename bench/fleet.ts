// One benchmark process for fleets; one JSON line of results.
//
//   node fleet.js --merge <runs> <warmups> <file>...
//     the worker's mergeFiles over the files, each labelled with its own instance: read, decode, pprof's
//     merge, encode and gzip, as a fleet capture merges; each run from a collected heap. Alternating with
//     it, the same up to the merged profile in memory (read, decode, merge), to show what writing costs.
//   node fleet.js --capture <instances> <concurrency>   (PPROF_LENS_REPO: the repository)
//     one Go test service on `instances` loopback ports, each /debug/pprof/ answer held 1 s: a single heap
//     capture, then the fleet capture of all ports (fetch, check, stage, merge, write), 3 rounds each.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureToFile } from '../src/capture/capture';
import { buildCaptureRequest } from '../src/capture/policy';
import { captureFleet } from '../src/fleet/captureFleet';
import { instancesOfUrls } from '../src/fleet/fleetArgs';
import { mergeInParallel, mergingOnTwoThreads } from '../src/cli/parallelMerge';
import { Analysis } from '../src/worker/analysis';
import { startGoService } from '../test/support/goService';

const [mode, ...rest] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// As the extension's table thread runs it: the merge and the write on two threads.
const engine = new Analysis((p) => readFileSync(p), undefined, { merging: mergingOnTwoThreads() });

async function merge(): Promise<void> {
  const [runsArg, warmArg, ...files] = rest;
  const instances = files.map((_, i) => `10.0.${i >> 8}.${i & 255}:6060`);
  let out = engine.mergeFiles(files, instances);
  for (let i = 0; i < Number(warmArg); i++) out = engine.mergeFiles(files, instances);
  const inMemory = () => mergeInParallel(files.map((f, i) => ({ bytes: readFileSync(f), instance: instances[i], name: f }))).merged.sampleCount;
  inMemory();
  const times: number[] = [];
  const memTimes: number[] = [];
  for (let i = 0; i < Number(runsArg); i++) {
    gc();
    let t0 = performance.now();
    out = engine.mergeFiles(files, instances);
    times.push(performance.now() - t0);
    gc();
    t0 = performance.now();
    inMemory();
    memTimes.push(performance.now() - t0);
  }
  const result = { mergeMs: median(times), allMs: times.map(Math.round), inMemoryMs: median(memTimes), inMemoryAllMs: memTimes.map(Math.round), samples: out.sampleCount, bytes: out.bytes.length, peakRss: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function capture(): Promise<void> {
  const n = Number(rest[0]);
  const concurrency = Number(rest[1]);
  const service = await startGoService({ delay: '1s', extraPorts: n - 1 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const validate = async (bytes: Uint8Array, label: string) => {
    const s = engine.open('check', new Uint8Array(bytes), label);
    engine.close('check');
    return { sampleCount: s.sampleCount };
  };
  try {
    const single: number[] = [];
    const fleet: number[] = [];
    for (let round = 0; round < 3; round++) {
      let t0 = performance.now();
      await captureToFile(buildCaptureRequest({ url: service.urls[0] }, 'heap', undefined), { dir, validate });
      single.push(performance.now() - t0);
      t0 = performance.now();
      const r = await captureFleet(
        { group: 'bench', instances: instancesOfUrls(service.urls), type: 'heap', concurrency },
        {
          dir,
          validate,
          requestFor: async (inst) => buildCaptureRequest({ url: inst.url, name: inst.instance }, 'heap', undefined),
          merge: async (files, instances) => engine.mergeFiles(files, instances),
        },
      );
      fleet.push(performance.now() - t0);
      if (r.failed.length) throw new Error(`${r.failed.length} instances failed: ${r.failed[0].error}`);
    }
    const result = { singleMs: median(single), fleetMs: median(fleet), singleAllMs: single.map(Math.round), fleetAllMs: fleet.map(Math.round), instances: n, concurrency };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

(mode === '--merge' ? merge() : mode === '--capture' ? capture() : Promise.reject(new Error(`unknown mode ${mode}`))).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
