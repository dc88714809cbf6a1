// CodeLens for one 2,000-line Go file: the vscode-free work behind HotLinesCodeLensProvider.provideCodeLenses.
// The first call for a file builds its FileHeat (merge of the file's line index entries, declaration search
// in the text, since Go before 1.20 records no start lines) and its lenses; later calls hit the lens cache
// and only format titles. The provider itself needs vscode, so this times the pure parts it calls, in order.
//
//   node codeLens.js [runs] [--warmup N]   → one JSON line
import { FileHeat, type LensSpec } from '../src/annotations/fileHeat';
import { lensTitle } from '../src/annotations/lensText';
import type { ValueType } from '../src/model/profile/profile';
import type { LineIndex, LineIndexFile } from '../src/model/profile/queries';

const [runsArg, ...flags] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg) || 51);
const warmupAt = flags.indexOf('--warmup');
const warmups = warmupAt >= 0 ? Math.max(0, Number(flags[warmupAt + 1]) || 0) : 20;
const LINES = 2000;
const PKG = 'github.com/acme/shop/internal/server';

/** A deterministic stream in [0, 1), so every run measures the same file. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A Go source of `LINES` lines: functions and methods of 8–40 lines, some with a goroutine closure. */
function goFile(rand: () => number) {
  const text = ['package server', '', 'import (', '\t"context"', '\t"fmt"', '\t"sync"', ')', ''];
  const functions: { name: string; startLine: number }[] = [];
  const lineFunction: number[] = new Array(text.length).fill(-1);
  for (let k = 0; LINES - text.length >= 12; k++) {
    const method = k % 3 !== 2;
    const name = method ? `handle${k}` : `parse${k}`;
    text.push(method ? `func (s *Server) ${name}(ctx context.Context, req *Request) (*Response, error) {` : `func ${name}(b []byte) (int, error) {`);
    const fn = functions.push({ name: `${PKG}.${method ? '(*Server).' : ''}${name}`, startLine: 0 }) - 1;
    lineFunction.push(fn);
    const body = Math.min(8 + Math.floor(rand() * 32), LINES - text.length - 3);
    // About 30% of the functions start a goroutine whose literal spans body lines 4–10.
    const withClosure = body > 12 && rand() < 0.3;
    let closure = -1;
    for (let i = 0; i < body; i++) {
      if (withClosure && i === 4) {
        text.push('\tgo func() {');
        closure = functions.push({ name: `${functions[fn].name}.func1`, startLine: 0 }) - 1;
        lineFunction.push(fn);
      } else if (withClosure && i > 4 && i < 10) {
        text.push(`\t\ts.mu.Lock(); s.n += ${i}; s.mu.Unlock()`);
        lineFunction.push(closure);
      } else if (withClosure && i === 10) {
        text.push('\t}()');
        lineFunction.push(closure);
      } else {
        text.push(i % 2 ? `\tif err := s.step${i}(ctx, req); err != nil { return nil, fmt.Errorf("step ${i}: %w", err) }` : `\tv${i} := s.cache.Get(ctx, req.Key+"${i}")`);
        lineFunction.push(fn);
      }
    }
    text.push('}', '');
    lineFunction.push(fn, -1);
  }
  while (text.length < LINES) text.push('// end'), lineFunction.push(-1);
  return { text: text.join('\n'), functions, lineFunction };
}

/** A line index entry where every line inside a function has flat and cum for both CPU sample types. */
function indexFor(src: ReturnType<typeof goFile>, rand: () => number): { index: Pick<LineIndex, 'sampleTypes' | 'totals'>; file: LineIndexFile } {
  const nt = 2;
  const rows = src.lineFunction.flatMap((fn, i) => (fn >= 0 ? [i] : []));
  const lines = Int32Array.from(rows, (i) => i + 1);
  const lineFunction = Int32Array.from(rows, (i) => src.lineFunction[i]);
  const lineFlat = new Float64Array(rows.length * nt);
  const lineCum = new Float64Array(rows.length * nt);
  const funcFlat = new Float64Array(src.functions.length * nt);
  const funcCum = new Float64Array(src.functions.length * nt);
  // Zipf-like weight per function, so a few functions and lines pass the default 1% threshold.
  const weight = src.functions.map((_, i) => 1 / (1 + ((i * 7919) % src.functions.length)));
  rows.forEach((_, r) => {
    const fn = lineFunction[r];
    const samples = Math.max(1, Math.round(200 * weight[fn] * rand() * rand()));
    const calls = Math.round(samples * 4 * rand());
    for (let t = 0; t < nt; t++) {
      const unit = t === 0 ? 1 : 10_000_000;
      lineFlat[r * nt + t] = samples * unit;
      lineCum[r * nt + t] = (samples + calls) * unit;
      funcFlat[fn * nt + t] += samples * unit;
      funcCum[fn * nt + t] += (samples + calls) * unit;
    }
  });
  const sampleTypes: ValueType[] = [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ];
  // The file's own samples are 60% of the profile, as for a hot package's main file.
  const totals = sampleTypes.map((_, t) => lineFlat.reduce((s, v, i) => (i % nt === t ? s + v : s), 0) / 0.6);
  const file = { file: '/src/shop/internal/server/server.go', lines, lineFlat, lineCum, lineFunction, functions: src.functions, funcFlat, funcCum };
  return { index: { sampleTypes, totals }, file };
}

const rand = random(42);
const src = goFile(rand);
const { index, file } = indexFor(src, rand);
const textLines = src.text.split('\n');
const lineText = (n: number) => (n >= 1 && n <= textLines.length ? textLines[n - 1] : undefined);
const t = 1;

/** What the provider makes of each lens, minus the vscode objects. */
function titles(lenses: readonly LensSpec[]) {
  return lenses.map((l) => ({
    line: l.line - 1,
    title: lensTitle(l.flat, l.cum, index.sampleTypes[t], index.totals[t], false),
    tooltip: l.kind === 'function' ? `Show ${l.name} in the flame graph` : `Line ${l.line} of ${l.name}; show ${l.name} in the flame graph`,
    arguments: [{ name: l.name }],
  }));
}

/** Median first-call and cached-call times at `threshold`, each first call on a fresh FileHeat. */
function session(threshold: number) {
  const first: number[] = [];
  const cached: number[] = [];
  let lenses = 0;
  let cold = 0;
  for (let i = 0; i < warmups + runs; i++) {
    const t0 = performance.now();
    const heat = new FileHeat(index, [file], lineText);
    lenses = titles(heat.lenses(t, threshold)).length;
    const t1 = performance.now();
    titles(heat.lenses(t, threshold));
    const t2 = performance.now();
    if (i === 0) cold = t1 - t0;
    if (i < warmups) continue;
    first.push(t1 - t0);
    cached.push(t2 - t1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { firstMs: median(first), cachedMs: median(cached), coldMs: cold, lenses };
}

const atDefault = session(0.01);
const everyLine = session(0);
process.stdout.write(
  JSON.stringify({ lines: textLines.length, indexedLines: file.lines.length, functions: file.functions.length, runs, warmups, atDefault, everyLine }) + '\n',
);
