#!/usr/bin/env node
// gen-series.mjs: the deterministic series of heap snapshots behind the benchmark's trend row: one Go-like
// program captured every minute, as `pprofLens.captureSeries` saves a heap series. Each snapshot is a
// heap profile as Go's runtime writes it (alloc_objects, alloc_space, inuse_objects, inuse_space; period
// 512 kB; no default_sample_type, so inuse_space, the last, is pprof's pick) of about 50k stacks:
//   - the same program in every snapshot: functions, files and call sites, so most stacks recur, with the
//     location and function ids a long-running process keeps; a few hundred stacks appear only later;
//   - stacks of depth 8..40 from a few goroutine entry chains, callees Zipf-popular, so helpers are shared;
//   - alloc_* grow with time (they count since the process started); inuse_* come and go (noise);
//   - a few leaking stacks whose in-use bytes grow at every snapshot, and a few cache stacks that grow
//     faster and are cleared every 7 snapshots (the decoys).
//
//   node bench/gen-series.mjs --out DIR [--snapshots 60] [--samples 50000] [--seed 7]
//
// Writes DIR/heap-00.pb.gz … (gzip level 1, as Go's runtime/pprof). No dependencies; the protobuf wire
// format is written by hand. mulberry32 and + - * / floor only, so the raw bytes are the same everywhere.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from './gen-large.mjs';

export const DEFAULTS = { snapshots: 60, samples: 50_000, seed: 7 };

const FUNCTIONS = 4000;
const SITES = 6; // call sites per function
const LEAKS = 4;
const CACHES = 3;
const CLEAR_EVERY = 7;
const LATE = 0.01; // share of stacks that first appear part-way through the series
const SIZE_CLASSES = [16, 32, 48, 64, 128, 256, 512, 1024, 4096, 32768];
const T0 = 1_780_000_000; // seconds since the epoch of the first snapshot

/** Zipf-like pick in [0, n): small indices are popular. */
const zipf = (rnd, n) => Math.floor(n * rnd() * rnd() * rnd());

class Out {
  constructor(size = 64) {
    this.b = new Uint8Array(size);
    this.p = 0;
  }
  room(n) {
    if (this.p + n <= this.b.length) return;
    const next = new Uint8Array(Math.max(this.b.length * 2, this.p + n));
    next.set(this.b.subarray(0, this.p));
    this.b = next;
  }
  v(x) {
    this.room(10);
    while (x >= 128) {
      this.b[this.p++] = (x % 128) | 128;
      x = Math.floor(x / 128);
    }
    this.b[this.p++] = x;
  }
  bytes(field, data) {
    this.v(field * 8 + 2);
    this.v(data.length);
    this.room(data.length);
    this.b.set(data, this.p);
    this.p += data.length;
  }
  /** A message of varint fields: [field, value, ...]; zeros left out. */
  vmsg(field, kv) {
    const inner = new Out();
    for (let i = 0; i < kv.length; i += 2) if (kv[i + 1] !== 0) (inner.v(kv[i] * 8), inner.v(kv[i + 1]));
    this.bytes(field, inner.b.subarray(0, inner.p));
  }
  packed(field, values) {
    const inner = new Out();
    for (const x of values) inner.v(x);
    this.bytes(field, inner.b.subarray(0, inner.p));
  }
  finish() {
    return this.b.subarray(0, this.p);
  }
}

/** The program and its stacks, the same in every snapshot. */
function makeSeries(o) {
  const rnd = mulberry32(o.seed);
  const pkgs = ['main', 'net/http', 'encoding/json', 'bufio', 'bytes', 'strings', 'github.com/acme/store', 'github.com/acme/cache', 'github.com/acme/api', 'google.golang.org/protobuf/proto'];
  const names = [];
  const files = [];
  for (let f = 0; f < FUNCTIONS; f++) {
    const pkg = pkgs[Math.floor(rnd() * pkgs.length)];
    names.push(`${pkg}.(*T${f % 97}).M${f}`);
    files.push(`${pkg}/file${f % 211}.go`);
  }
  // Call site s of function f: location f * SITES + s, at line 10 + 7s of f; it calls callee[f * SITES + s].
  const callee = Int32Array.from({ length: FUNCTIONS * SITES }, () => zipf(rnd, FUNCTIONS));
  const entries = [0, 1, 2].map(() => Array.from({ length: 3 }, () => Math.floor(rnd() * FUNCTIONS)));
  const stacks = [];
  for (let s = 0; s < o.samples; s++) {
    const chain = entries[Math.floor(rnd() * entries.length)];
    const root = chain.map((f) => f * SITES); // outermost first
    let f = callee[root[root.length - 1]];
    const depth = 5 + Math.floor(rnd() * 33);
    const locs = [...root];
    for (let d = 0; d < depth; d++) {
      const site = f * SITES + Math.floor(rnd() * SITES);
      locs.push(site);
      f = rnd() < 0.1 ? Math.floor(rnd() * FUNCTIONS) : callee[site];
    }
    stacks.push(locs.reverse()); // leaf first
  }
  const sample = Array.from({ length: o.samples }, (_, s) => ({
    count: Math.min(2000, Math.floor(1 / (1 - rnd()))),
    size: SIZE_CLASSES[Math.floor(rnd() * SIZE_CLASSES.length)],
    live: rnd() < 0.3 ? rnd() : 0,
    from: s >= LEAKS + CACHES && rnd() < LATE ? Math.floor(rnd() * o.snapshots) : 0,
    kind: s < LEAKS ? 'leak' : s < LEAKS + CACHES ? 'cache' : '',
  }));
  return { names, files, stacks, sample };
}

/** Snapshot k's bytes (raw protobuf). */
function snapshot(series, k, o) {
  const rnd = mulberry32(o.seed * 1000 + k + 1);
  const { names, files, stacks, sample } = series;
  const strs = ['', 'alloc_objects', 'count', 'alloc_space', 'bytes', 'inuse_objects', 'inuse_space', 'space'];
  const out = new Out(1 << 22);
  for (const [t, u] of [[1, 2], [3, 4], [5, 2], [6, 4]]) out.vmsg(1, [1, t, 2, u]);
  const used = new Uint8Array(FUNCTIONS * SITES);
  for (let s = 0; s < stacks.length; s++) {
    const x = sample[s];
    if (k < x.from) continue;
    const elapsed = k + 1;
    const objects = x.count * elapsed + Math.floor(rnd() * x.count);
    let inuse = Math.floor(x.count * x.live * (0.5 + rnd()));
    if (x.kind === 'leak') inuse = (k + 1) * 40 + Math.floor(rnd() * 5);
    if (x.kind === 'cache') inuse = ((k % CLEAR_EVERY) + 1) * 900;
    for (const l of stacks[s]) used[l] = 1;
    const inner = new Out();
    inner.packed(1, stacks[s].map((l) => l + 1));
    inner.packed(2, [objects + inuse, (objects + inuse) * x.size, inuse, inuse * x.size]);
    out.bytes(2, inner.finish());
  }
  out.vmsg(3, [1, 1, 2, 0x400000, 3, 0x4000000, 5, strs.push('/usr/local/bin/acme-server') - 1, 7, 1, 8, 1, 9, 1]);
  const fnUsed = new Uint8Array(FUNCTIONS);
  for (let l = 0; l < used.length; l++) {
    if (!used[l]) continue;
    const f = Math.floor(l / SITES);
    fnUsed[f] = 1;
    const loc = new Out();
    for (const [field, value] of [[1, l + 1], [2, 1], [3, 0x401000 + 16 * l]]) (loc.v(field * 8), loc.v(value));
    loc.vmsg(4, [1, f + 1, 2, 10 + 7 * (l % SITES) + 20 * f]);
    out.bytes(4, loc.finish());
  }
  const strIndex = new Map(strs.map((s, i) => [s, i]));
  const str = (s) => {
    let i = strIndex.get(s);
    if (i === undefined) strIndex.set(s, (i = strs.push(s) - 1));
    return i;
  };
  for (let f = 0; f < FUNCTIONS; f++) if (fnUsed[f]) out.vmsg(5, [1, f + 1, 2, str(names[f]), 3, str(names[f]), 4, str(files[f]), 5, 20 * f]);
  const enc = new TextEncoder();
  for (const s of strs) out.bytes(6, enc.encode(s));
  out.v(9 * 8);
  out.v((T0 + 60 * k) * 1e9);
  out.vmsg(11, [1, 7, 2, 4]);
  out.v(12 * 8);
  out.v(524288);
  return out.finish();
}

/** Writes the series into `dir`; returns the files in time order. */
export function generateSeries(dir, opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  mkdirSync(dir, { recursive: true });
  const series = makeSeries(o);
  const out = [];
  for (let k = 0; k < o.snapshots; k++) {
    const file = join(dir, `heap-${String(k).padStart(2, '0')}.pb.gz`);
    writeFileSync(file, gzipSync(snapshot(series, k, o), { level: 1 }));
    out.push(file);
  }
  return out;
}

function main(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in DEFAULTS || m[1] === 'out')) throw new Error(`unknown argument ${argv[i]}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new Error(`missing value for --${m[1]}`);
    o[m[1]] = m[1] === 'out' ? v : Number(v);
  }
  if (!o.out) throw new Error('--out DIR is required');
  const t0 = performance.now();
  const files = generateSeries(o.out, o);
  process.stderr.write(`gen-series: ${files.length} snapshots in ${o.out} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen-series: ${e.message}\n`);
    process.exit(2);
  }
}
