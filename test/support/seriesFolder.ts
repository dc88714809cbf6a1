// Builds a snapshot series folder, as pprofLens.captureSeries writes one, from a real Go service: each
// round calls the service's leaking handlers, then takes a heap profile (after a GC, so in-use bytes are
// current), a goroutine profile and its debug=2 dump. One round's heap can be made to fail for real (a
// path the service does not serve), which the manifest records as an error.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SeriesManifest, SeriesSnapshot, SeriesError } from '../../src/model/profile/seriesManifest';
import type { GoService } from './goService';

export interface SeriesFolderOptions {
  readonly rounds: number;
  /** /leak calls per round (each retains a 256 kB session). */
  readonly leaksPerRound?: number;
  /** /park calls per round (each parks goroutines forever). */
  readonly parksPerRound?: number;
  /** Pause between rounds, ms. */
  readonly pauseMs?: number;
  /** The round (0-based) whose heap snapshot fails. */
  readonly failHeapRound?: number;
}

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');

/** Writes `<dir>/goservice-series-<time>/` and returns the folder's path. */
export async function captureSeriesFolder(svc: GoService, dir: string, o: SeriesFolderOptions): Promise<string> {
  const started = new Date();
  const folder = path.join(dir, `goservice-series-${stamp(started)}`);
  mkdirSync(folder, { recursive: true });
  const snapshots: SeriesSnapshot[] = [];
  const errors: SeriesError[] = [];
  for (let round = 0; round < o.rounds; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, o.pauseMs ?? 400));
    for (let i = 0; i < (o.leaksPerRound ?? 2); i++) await svc.get('/leak');
    for (let i = 0; i < (o.parksPerRound ?? 1); i++) await svc.get('/park');
    const n = String(round + 1).padStart(3, '0');
    const heapTime = new Date().toISOString();
    try {
      const heapPath = round === o.failHeapRound ? '/debug/pprof/no-such-profile' : '/debug/pprof/heap?gc=1';
      writeFileSync(path.join(folder, `heap-${n}.pb.gz`), await fetchBytes(`${svc.url}${heapPath}`));
      snapshots.push({ time: heapTime, type: 'heap', format: 'pprof', file: `heap-${n}.pb.gz` });
    } catch (e) {
      errors.push({ time: heapTime, type: 'heap', error: `${(e as Error).message}; the series goes on.` });
    }
    const gTime = new Date().toISOString();
    writeFileSync(path.join(folder, `goroutine-${n}.pb.gz`), await fetchBytes(`${svc.url}/debug/pprof/goroutine`));
    snapshots.push({ time: gTime, type: 'goroutine', format: 'pprof', file: `goroutine-${n}.pb.gz` });
    writeFileSync(path.join(folder, `goroutine-${n}.txt`), await fetchBytes(`${svc.url}/debug/pprof/goroutine?debug=2`));
    snapshots.push({ time: gTime, type: 'goroutine', format: 'goroutine-text', file: `goroutine-${n}.txt` });
  }
  const manifest: SeriesManifest = {
    target: svc.url,
    types: ['heap', 'goroutine'],
    intervalSeconds: Math.max(1, Math.round((o.pauseMs ?? 400) / 1000)),
    count: o.rounds,
    snapshots,
    errors,
    status: 'complete',
    started: started.toISOString(),
  };
  writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return folder;
}
