#!/usr/bin/env node
// gen-large.mjs: deterministic synthetic Go-like pprof profile ("workload L") for the decode and
// aggregation benchmarks. We generate it instead of committing it because the 1M-sample file is
// 100+ MB. It is written to the scale and shape that stress a decoder: 1M distinct stacks of depth
// 20..80, ~80k locations (15% with inlined frames), 20k functions, labels and recursion cycles.
// Stacks come from a static call graph below a tree of ~2000 shared root paths (goexit ->
// net/http / main.main / worker goroutines), with hot runtime leaves, so a flame graph has the
// structure of a real service and is not noise.
//
//   node bench/gen-large.mjs [--out FILE[.gz]] [--samples 1000000] [--locations 80000]
//     [--functions 20000] [--packages 200] [--roots 2000] [--kind cpu|heap] [--seed 42] [--level 1]
//
// Without --out nothing is written; only the summary line goes to stderr. A .gz name is gzipped
// at level 1, as Go's runtime/pprof does. No dependencies: the protobuf wire format is written by
// hand, and samples go straight into a list of Buffer chunks, so memory stays near the output size.
// Determinism: the mulberry32 PRNG and only + * / floor (no Math.pow/log), so the raw bytes are
// identical on every platform and Node version. The gzip bytes depend on the zlib build.
import { createHash } from 'node:crypto';
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DEFAULTS = { samples: 1_000_000, locations: 80_000, functions: 20_000, packages: 200, roots: 2000, kind: 'cpu', seed: 42 };

const GOROOT = '/usr/lib/go/src/';
// Named runtime/stdlib functions [name, file, start_line]. Listing them first gives their hot locations 1-byte ids.
const NAMED = [
  ['runtime.goexit', 'runtime/asm_amd64.s', 1593], ['runtime.main', 'runtime/proc.go', 144],
  ['main.main', '/src/acme/cmd/svc/main.go', 31], ['net/http.(*conn).serve', 'net/http/server.go', 1848],
  ['net/http.serverHandler.ServeHTTP', 'net/http/server.go', 2936], ['net/http.HandlerFunc.ServeHTTP', 'net/http/server.go', 2108],
  ['runtime.mallocgc', 'runtime/malloc.go', 905], ['runtime.nextFreeFast', 'runtime/malloc.go', 841],
  ['runtime.memmove', 'runtime/memmove_amd64.s', 33], ['runtime.mapaccess2', 'runtime/map.go', 460],
  ['sync.(*Mutex).Lock', 'sync/mutex.go', 81], ['syscall.Syscall', 'syscall/syscall_linux.go', 68],
  ['runtime/internal/syscall.Syscall6', 'runtime/internal/syscall/asm_linux_amd64.s', 36],
];
const NLOC_NAMED = 3; // locations per named function
const ROOT_CHAINS = [[0, 1, 2], [0, 3, 4, 5], [0]]; // main goroutine, HTTP handler, worker goroutine
const LEAF_CHAINS = [[6, 7], [6], [8], [9], [10], [11, 12]]; // mallocgc>nextFreeFast, memmove, map, lock, syscall
const HANDLERS = ['/api/orders', '/api/users', '/api/search', '/api/ingest', '/healthz'];
const SIZE_CLASSES = [16, 32, 48, 64, 128, 256, 512, 1024, 4096, 32768];
const MAX_ROOT = 16; // root paths stay shorter than the minimum depth (20) so every stack extends its root
const CYCLES = 24, CYCLE_ENTRIES = 40, CYCLE_STAY = 0.65; // recursion groups, call sites entering each, P(recurse)

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vlen = (v) => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 1 + vlen(Math.floor(v / 128)));
// Non-negative integers up to 2^53; the bit-op loop covers the common < 2^31 case.
function pv(b, p, v) {
  while (v > 0x7fffffff) { b[p++] = (v % 128) + 128; v = Math.floor(v / 128); }
  while (v > 127) { b[p++] = (v & 127) | 128; v >>>= 7; }
  b[p++] = v;
  return p;
}

// Growable output as a list of chunks, so a 100+ MB profile never gets copied while it grows.
class Out {
  constructor(chunk = 16 << 20) { this.chunk = chunk; this.chunks = []; this.total = 0; this.b = Buffer.allocUnsafe(chunk); this.p = 0; }
  room(n) {
    if (this.p + n <= this.b.length) return;
    this.chunks.push(this.b.subarray(0, this.p)); this.total += this.p;
    this.b = Buffer.allocUnsafe(Math.max(this.chunk, n)); this.p = 0;
  }
  v(x) { this.room(10); this.p = pv(this.b, this.p, x); }
  bytes(field, buf) { this.v(field * 8 + 2); this.v(buf.length); this.room(buf.length); buf.copy(this.b, this.p); this.p += buf.length; }
  // Message made only of varint fields: kv = [field, value, ...]; zero values are omitted as in proto3.
  vmsg(field, kv) {
    let n = 0;
    for (let i = 0; i < kv.length; i += 2) if (kv[i + 1]) n += vlen(kv[i] * 8) + vlen(kv[i + 1]);
    this.v(field * 8 + 2); this.v(n);
    for (let i = 0; i < kv.length; i += 2) if (kv[i + 1]) { this.v(kv[i] * 8); this.v(kv[i + 1]); }
  }
  finish() { this.chunks.push(this.b.subarray(0, this.p)); this.total += this.p; return Buffer.concat(this.chunks, this.total); }
}

export function generateProfile(opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const t0 = performance.now();
  const rnd = mulberry32(o.seed);
  const ri = (n) => Math.floor(rnd() * n);
  const heap = o.kind === 'heap';
  if (!heap && o.kind !== 'cpu') throw new Error(`--kind must be cpu or heap, got ${o.kind}`);

  const strIdx = new Map(), strs = [];
  const S = (s) => { let i = strIdx.get(s); if (i === undefined) { i = strs.length; strIdx.set(s, i); strs.push(s); } return i; };
  S(''); // entry 0 must be ""
  const types = (heap ? [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']]
    : [['samples', 'count'], ['cpu', 'nanoseconds']]).map(([t, u]) => [S(t), S(u)]);
  const periodType = heap ? [S('space'), S('bytes')] : [S('cpu'), S('nanoseconds')];
  const defaultType = S(heap ? 'inuse_space' : 'cpu');
  const kHandler = S('handler'), kBytes = S('bytes'), handlerIdx = HANDLERS.map(S);

  // Functions: the named ones, then A synthetic ones spread round-robin over the packages.
  const nN = NAMED.length, P = o.packages, F = Math.max(o.functions, nN + P), A = F - nN;
  const fnName = new Int32Array(F), fnFile = new Int32Array(F), fnStart = new Int32Array(F);
  NAMED.forEach(([name, file, line], f) => { fnName[f] = S(name); fnFile[f] = S(file.startsWith('/') ? file : GOROOT + file); fnStart[f] = line; });
  for (let a = 0; a < A; a++) {
    const pkg = String(a % P).padStart(2, '0'), local = Math.floor(a / P);
    fnName[nN + a] = S(`github.com/acme/svc/pkg${pkg}.Func${String(local).padStart(3, '0')}`);
    fnFile[nN + a] = S(`/src/acme/pkg${pkg}/file${Math.floor(local / 10)}.go`);
    fnStart[nN + a] = 20 + (local % 10) * 160 + ri(30); // functions of one file don't overlap: lines go up to start+120
  }

  // Locations: contiguous per function, call sites spread uniformly over the synthetic functions.
  const locCount = new Int32Array(F).fill(1);
  locCount.fill(NLOC_NAMED, 0, nN);
  const L = Math.max(o.locations, nN * NLOC_NAMED + A);
  for (let k = L - nN * NLOC_NAMED - A; k > 0; k--) locCount[nN + ri(A)]++;
  const locStart = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) locStart[f + 1] = locStart[f] + locCount[f];
  const callee = new Int32Array(L), lineStart = new Int32Array(L + 1), lineFn = [], lineNo = [];
  for (let f = 0; f < F; f++) {
    const ia = f - nN;
    for (let l = locStart[f]; l < locStart[f + 1]; l++) {
      lineStart[l] = lineFn.length;
      if (ia >= 0) {
        // Mostly "deeper" code a short hop further on; 10% go to widely shared helpers (the low ids).
        const u = rnd(), w = rnd();
        callee[l] = nN + (u < 0.1 ? Math.floor(A * w * w * w) : (ia + 1 + Math.floor(600 * w * w)) % A);
        if (rnd() < 0.15) for (let k = 1 + ri(2); k > 0; k--) { // inlined helpers from the same package, innermost first
          const g = nN + Math.min(A - 1, (ia % P) + P * ri(Math.ceil(A / P)));
          if (g !== f) { lineFn.push(g); lineNo.push(fnStart[g] + 1 + ri(120)); }
        }
      }
      lineFn.push(f); lineNo.push(fnStart[f] + 1 + ri(120));
    }
  }
  lineStart[L] = lineFn.length;
  function locFnOf(l) { let lo = 0, hi = F - 1; while (lo < hi) { const m = (lo + hi + 1) >> 1; if (locStart[m] <= l) lo = m; else hi = m - 1; } return lo; }
  // Recursion: groups of 1-3 functions whose first call site calls the next member (self-recursion or a cycle).
  const inCycle = new Uint8Array(F);
  for (let c = 0; c < CYCLES; c++) {
    const members = [];
    for (let n = 1 + ri(3), tries = 0; members.length < n && tries < 1000; tries++) {
      const f = nN + ri(A);
      if (locCount[f] >= 2 && !inCycle[f]) { members.push(f); inCycle[f] = 1; }
    }
    for (let e = 0; e < CYCLE_ENTRIES && members.length; e++) {
      const l = locStart[nN] + ri(L - locStart[nN]);
      if (!inCycle[locFnOf(l)]) callee[l] = members[0];
    }
    members.forEach((f, i) => { callee[locStart[f]] = members[(i + 1) % members.length]; });
  }
  const pickLoc = (f) => (inCycle[f] && rnd() < CYCLE_STAY ? locStart[f] : locStart[f] + ri(locCount[f]));

  // Root paths (root first): seeds are the fixed goroutine entry chains; every later path extends an
  // earlier one (skewed to the first ones) by 1-4 calls, which builds a tree with shared prefixes.
  const R = Math.max(o.roots, ROOT_CHAINS.length);
  const rootLoc = new Int32Array(R * MAX_ROOT), rootLen = new Int32Array(R), rootEnd = new Int32Array(R);
  const nSeeds = Math.min(R, 4 * ROOT_CHAINS.length);
  for (let r = 0; r < R; r++) {
    let parent = r < nSeeds ? -1 : Math.floor(r * rnd() * rnd());
    if (parent >= 0 && rootLen[parent] >= MAX_ROOT - 1) parent = r % nSeeds;
    let n = 0, cur;
    if (parent < 0) {
      for (const f of ROOT_CHAINS[r % ROOT_CHAINS.length]) rootLoc[r * MAX_ROOT + n++] = locStart[f] + ri(NLOC_NAMED);
      cur = nN + ri(Math.min(A, 500));
    } else {
      for (; n < rootLen[parent]; n++) rootLoc[r * MAX_ROOT + n] = rootLoc[parent * MAX_ROOT + n];
      cur = rootEnd[parent];
    }
    for (let k = 1 + ri(Math.min(4, MAX_ROOT - n)); k > 0; k--) { const l = pickLoc(cur); rootLoc[r * MAX_ROOT + n++] = l; cur = callee[l]; }
    rootLen[r] = n; rootEnd[r] = cur;
  }

  const out = new Out();
  for (const [t, u] of types) out.vmsg(1, [1, t, 2, u]);
  // Samples are encoded as soon as they are drawn; only a 53-bit hash per stack is kept to make them distinct.
  const idLen = new Uint8Array(L);
  for (let l = 0; l < L; l++) idLen[l] = vlen(l + 1);
  const stack = new Int32Array(128), vals = new Array(types.length).fill(0), seen = new Set();
  let frames = 0, retries = 0, cpuTotal = 0;
  for (let s = 0; s < o.samples; s++) {
    let n;
    for (;;) {
      // Real stacks are mostly shallow: depth spans 20-80 with a mean near 32.
      const r = Math.floor(R * rnd() * rnd()), u4 = rnd() ** 4, depth = 20 + Math.floor(61 * u4);
      const chain = rnd() < 0.35 ? LEAF_CHAINS[ri(LEAF_CHAINS.length)] : [];
      for (n = 0; n < rootLen[r]; n++) stack[n] = rootLoc[r * MAX_ROOT + n];
      let cur = rootEnd[r];
      while (n < depth - chain.length - 1) { const l = pickLoc(cur); stack[n++] = l; cur = callee[l]; }
      stack[n++] = locStart[cur] + ri(locCount[cur]); // the executing pc in the last synthetic function
      for (const f of chain) stack[n++] = locStart[f] + ri(NLOC_NAMED);
      let h1 = 0x811c9dc5 ^ n, h2 = 0x2545f491;
      for (let i = 0; i < n; i++) { h1 = Math.imul(h1 ^ stack[i], 0x9e3779b1); h2 = Math.imul(h2 ^ stack[i], 0x85ebca77) ^ (h2 >>> 15); }
      h1 = Math.imul(h1 ^ (h1 >>> 16), 0x7feb352d); h2 = Math.imul(h2 ^ (h2 >>> 13), 0x846ca68b);
      const key = ((h1 ^ (h1 >>> 15)) >>> 0) * 2097152 + ((h2 ^ (h2 >>> 16)) >>> 11);
      if (!seen.has(key)) { seen.add(key); break; }
      retries++;
    }
    frames += n;
    if (heap) {
      const size = SIZE_CLASSES[ri(SIZE_CLASSES.length)], u = rnd(), objs = 1 + Math.floor(64 * u * u * u), live = Math.floor(objs * ri(5) / 4);
      vals[0] = objs; vals[1] = objs * size; vals[2] = live; vals[3] = live * size;
    } else {
      const u = rnd();
      vals[0] = 1 + Math.floor(5 * u * u * u); vals[1] = vals[0] * 10_000_000; cpuTotal += vals[1];
    }
    const handler = rnd() < 0.1 ? handlerIdx[ri(handlerIdx.length)] : 0;
    const bytes = rnd() < 0.02 ? 64 * (1 + ri(4096)) : 0;
    let locBytes = 0, valBytes = 0;
    for (let i = 0; i < n; i++) locBytes += idLen[stack[i]];
    for (const v of vals) valBytes += vlen(v);
    const hLen = handler ? 2 + vlen(kHandler) + vlen(handler) : 0, bLen = bytes ? 3 + vlen(kBytes) + vlen(bytes) + vlen(kBytes) : 0;
    const body = 2 + vlen(locBytes) + locBytes + vlen(valBytes) + valBytes + (handler ? 1 + vlen(hLen) + hLen : 0) + (bytes ? 1 + vlen(bLen) + bLen : 0);
    out.room(body + 6);
    const b = out.b;
    let p = out.p;
    b[p++] = 0x12; p = pv(b, p, body); // Profile.sample
    b[p++] = 0x0a; p = pv(b, p, locBytes); // Sample.location_id, packed, leaf first
    for (let i = n - 1; i >= 0; i--) p = pv(b, p, stack[i] + 1);
    b[p++] = 0x12; p = pv(b, p, valBytes); // Sample.value, packed
    for (const v of vals) p = pv(b, p, v);
    if (handler) { b[p++] = 0x1a; p = pv(b, p, hLen); b[p++] = 0x08; p = pv(b, p, kHandler); b[p++] = 0x10; p = pv(b, p, handler); }
    if (bytes) { b[p++] = 0x1a; p = pv(b, p, bLen); b[p++] = 0x08; p = pv(b, p, kBytes); b[p++] = 0x18; p = pv(b, p, bytes); b[p++] = 0x20; p = pv(b, p, kBytes); }
    out.p = p;
  }

  const memStart = 0x400000, memLimit = memStart + 0x1000 + L * 48 + 0x1000;
  out.vmsg(3, [1, 1, 2, memStart, 3, memLimit, 4, 0, 5, S('/usr/local/bin/acme-svc'), 6, S('5f3a9c1e7b2d4806a1c3e5f7092b4d6e8fa0c2e4'),
    7, 1, 8, 1, 9, 1, 10, 1]); // has_functions, has_filenames, has_line_numbers, has_inline_frames
  for (let l = 0; l < L; l++) {
    let linesLen = 0;
    for (let i = lineStart[l]; i < lineStart[l + 1]; i++) { const m = 2 + vlen(lineFn[i] + 1) + vlen(lineNo[i]); linesLen += 1 + vlen(m) + m; }
    const addr = memStart + 0x1000 + l * 48 + (l * 7) % 40;
    out.v(4 * 8 + 2); out.v(1 + vlen(l + 1) + 2 + 1 + vlen(addr) + linesLen);
    out.v(0x08); out.v(l + 1); out.v(0x10); out.v(1); out.v(0x18); out.v(addr);
    for (let i = lineStart[l]; i < lineStart[l + 1]; i++) out.vmsg(4, [1, lineFn[i] + 1, 2, lineNo[i]]);
  }
  for (let f = 0; f < F; f++) out.vmsg(5, [1, f + 1, 2, fnName[f], 3, fnName[f], 4, fnFile[f], 5, fnStart[f]]);
  const comment = S(`synthetic: bench/gen-large.mjs --kind ${o.kind} --seed ${o.seed}`);
  for (const s of strs) out.bytes(6, Buffer.from(s, 'utf8'));
  out.v(9 * 8); out.v(1763683200 * 1e9); // time_nanos 2025-11-21T00:00:00Z: above 2^53 but exact in a double, so pv encodes it exactly
  // duration_nanos: at least 30 s, and long enough that the CPU total fits on 16 cores.
  out.v(10 * 8); out.v(Math.max(30, Math.ceil(cpuTotal / 16e9)) * 1e9);
  out.vmsg(11, [1, periodType[0], 2, periodType[1]]);
  out.v(12 * 8); out.v(heap ? 524288 : 10_000_000);
  out.v(13 * 8); out.v(comment);
  out.v(14 * 8); out.v(defaultType);
  const buffer = out.finish();
  return { buffer, stats: { kind: o.kind, seed: o.seed, samples: o.samples, locations: L, functions: F, frames, retries, seconds: (performance.now() - t0) / 1000 } };
}

/** Raw (uncompressed) protobuf bytes of the synthetic profile. */
export function generate(opts = {}) { return generateProfile(opts).buffer; }

function main(argv) {
  const o = {}, num = new Set(['samples', 'locations', 'functions', 'packages', 'roots', 'seed', 'level']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in DEFAULTS || m[1] === 'out' || m[1] === 'level')) throw new Error(`unknown argument ${argv[i]}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new Error(`missing value for --${m[1]}`);
    if (num.has(m[1]) && !/^\d+$/.test(v)) throw new Error(`--${m[1]} needs a non-negative integer, got ${v}`);
    o[m[1]] = num.has(m[1]) ? Number(v) : v;
  }
  const t0 = performance.now();
  const { buffer, stats } = generateProfile(o);
  const gz = gzipSync(buffer, { level: o.level ?? 1 });
  if (o.out) writeFileSync(o.out, o.out.endsWith('.gz') ? gz : buffer);
  const sha = createHash('sha256').update(buffer).digest('hex');
  process.stderr.write(`gen-large: kind=${stats.kind} seed=${stats.seed} samples=${stats.samples} locations=${stats.locations} ` +
    `functions=${stats.functions} frames=${stats.frames} retries=${stats.retries} raw=${buffer.length} gzip=${gz.length} sha256(raw)=${sha} ` +
    `generate=${stats.seconds.toFixed(2)}s total=${((performance.now() - t0) / 1000).toFixed(2)}s${o.out ? ` -> ${o.out}` : ''}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try { main(process.argv.slice(2)); } catch (e) { process.stderr.write(`gen-large: ${e.message}\n`); process.exit(2); }
}
