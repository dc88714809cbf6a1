// The Node side of the web tests' oracle: `go tool pprof` run on the workspace's profiles, written as
// oracle.json into the workspace, where the suite in the web worker extension host reads it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lensTitle } from '../../src/annotations/lensText';
import { pprofDiff } from '../integration/support/pprofDiff';
import { pprofTop } from '../support/pprofTop';
import type { Oracle } from './oracleTypes';

const THRESHOLD = 0.01; // the default pprofLens.codeLens.threshold, 1%

/** The callers `go tool pprof -peek` lists above `fn` in its block. */
export function peekCallers(file: string, fn: string): string[] {
  const out = execFileSync('go', ['tool', 'pprof', '-peek', `^${fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, '-nodefraction=0', '-edgefraction=0', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = out.split('\n');
  const self = lines.findIndex((l) => new RegExp(`\\| ${fn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l.trimEnd()));
  if (self < 0) throw new Error(`no block for ${fn} in go tool pprof -peek:\n${out}`);
  const names: string[] = [];
  for (let i = self - 1; i >= 0 && !/^-+\+/.test(lines[i]); i--) {
    const m = /\|\s+(.*?)(?: \(inline\))?\s*$/.exec(lines[i]);
    if (m) names.unshift(m[1]);
  }
  return names;
}

export function writeOracle(workspace: string, urls: { noCorsUrl: string; corsUrl: string }): Oracle {
  const at = (rel: string) => join(workspace, rel);
  const opened = [
    ['profiles/cpu.pb.gz', 'nanoseconds'],
    ['profiles/heap.pb.gz', 'bytes'],
    ['profiles/allocs.pb.gz', 'bytes'],
    ['profiles/goroutine.pb.gz', 'count'],
    ['profiles/labels.pb.gz', 'nanoseconds'],
  ].map(([file, unit]) => {
    const top = pprofTop(at(file), { unit });
    return { file, sampleType: top.type, total: top.total };
  });
  const units: Record<string, string> = { alloc_objects: 'count', alloc_space: 'bytes', inuse_objects: 'count', inuse_space: 'bytes' };
  const totals = Object.fromEntries(Object.entries(units).map(([name, unit]) => [name, pprofTop(at('profiles/heap.pb.gz'), { sampleIndex: name, unit }).total]));
  const diff = pprofDiff(at('profiles/heap.pb.gz'), at('profiles/heap-gc.pb.gz'), { unit: 'bytes' });
  const cpuTop = pprofTop(at('profiles/cpu.pb.gz'), { unit: 'nanoseconds' });
  const functions = cpuTop.rows
    .filter((r) => r.name.startsWith('main.') && r.cum !== 0 && Math.abs(r.cum) >= THRESHOLD * cpuTop.total)
    .map((r) => ({ name: r.name, title: lensTitle(r.flat, r.cum, { type: 'cpu', unit: 'nanoseconds' }, cpuTop.total, false) }));
  const source = execFileSync('grep', ['-n', '^func leafSort(', at('main.go')], { encoding: 'utf8' });
  const oracle: Oracle = {
    opened,
    sampleTypes: { file: 'profiles/heap.pb.gz', totals },
    comparison: { base: 'profiles/heap.pb.gz', target: 'profiles/heap-gc.pb.gz', sampleType: diff.type, total: diff.total },
    lenses: { profile: 'profiles/cpu.pb.gz', goFile: 'main.go', functions },
    callers: { profile: 'profiles/cpu.pb.gz', goFile: 'main.go', line: Number(source.split(':')[0]), function: 'main.leafSort', names: peekCallers(at('profiles/cpu.pb.gz'), 'main.leafSort') },
    ...urls,
  };
  writeFileSync(at('oracle.json'), JSON.stringify(oracle, null, 1));
  return oracle;
}
