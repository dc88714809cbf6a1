#!/usr/bin/env node
// gen-large.mjs: the deterministic synthetic Go-like profile behind workload L of the benchmark.
// It has the shape PERF.md's reference profile has: 1M distinct stacks of depth 20..80 (mean about 30),
// about 90k locations (15% of call sites inside inlined helpers), 20k functions, and for a CPU
// profile about 58 MB raw and 27 MB gzipped. That shape comes from how real services look:
//   - a few goroutine entry chains (HTTP, gRPC, main, GC workers, a worker pool) start every stack;
//   - callees are Zipf-popular, so a small set of helpers sits in most stacks;
//   - almost half the stacks end in a hot runtime leaf (mallocgc, memmove, futex…);
//   - location ids are given by descending use, as pprof's encoder numbers real profiles, so hot
//     frames take 1-2 byte varints and the stacks compress as well as real ones do;
//   - sample counts are Pareto-distributed, and 10% of samples carry a `handler` label.
//
//   node bench/gen-large.mjs [--out FILE[.gz]] [--samples 1000000] [--functions 20000]
//     [--kind cpu|heap] [--seed 42] [--stackseed N] [--level 1]
//
// --stackseed draws the stacks, values and labels from another seed than the program, and gives every
// call site the address it has in any run: the profile of another run of the same binary (what a
// comparison or a merge of captures of one service meets).
//
// Without --out nothing is written; only the summary line goes to stderr. A .gz name is gzipped
// at level 1, as Go's runtime/pprof does. No dependencies: the protobuf wire format is written by hand.
// Determinism: the mulberry32 PRNG and only + - * / floor (no Math.pow/log), so the raw bytes are
// identical on every platform and Node version. The gzip bytes depend on the zlib build.
import { createHash } from 'node:crypto';
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const DEFAULTS = { samples: 1_000_000, functions: 20_000, kind: 'cpu', seed: 42 };

const CALL_SITES = 8; // at most, per function
const LEAF_SITES = 3; // executing pcs per function
const SELF_CALLS = 0.03; // share of call sites that recurse directly
const UNIFORM_CALLS = 0.1; // share of call sites calling any function (the long tail)
const DISPATCH = 0.05; // per frame: an interface call that lands anywhere
const INLINED = 0.15; // share of call sites inside an inlined helper
const HOT_LEAF = 0.45; // share of stacks ending in a hot runtime function
const INLINE_POOL = 3000; // the most popular functions are the ones that get inlined

const STD = ['runtime', 'sync', 'net/http', 'encoding/json', 'bufio', 'bytes', 'strings', 'sort', 'fmt', 'reflect',
  'compress/gzip', 'crypto/tls', 'crypto/sha256', 'net', 'internal/poll', 'syscall', 'io', 'os', 'context', 'time',
  'strconv', 'regexp', 'database/sql', 'encoding/binary', 'hash/crc32', 'math/big', 'text/template', 'unicode/utf8'];
const MODULES = ['github.com/acme/checkout', 'github.com/acme/catalog', 'go.acme.io/platform', 'go.acme.io/search',
  'google.golang.org/grpc', 'google.golang.org/protobuf', 'github.com/jackc/pgx/v5', 'go.uber.org/zap',
  'github.com/redis/go-redis/v9', 'github.com/klauspost/compress', 'go.opentelemetry.io/otel/sdk'];
const AREAS = ('api auth billing cache cart codec config db events export feed geo gateway index inventory jobs kv ' +
  'ledger limits mail metrics orders payments pricing queue ranking render replica router rules schema session ' +
  'shipping store stream tax tenants tracing users wal').split(' ');
const TYPES = ('Server Client Conn Handler Service Pool Store Cache Index Reader Writer Encoder Decoder Parser ' +
  'Planner Executor Scheduler Worker Batch Buffer Queue Tree Shard Segment Iterator Cursor Builder Router ' +
  'Limiter Registry Session Tx Snapshot Resolver').split(' ');
const VERBS = ('Get Put Delete Scan Flush Merge Encode Decode Parse Plan Run Serve Handle Apply Commit Lookup ' +
  'Insert Update Resolve Validate Marshal Unmarshal Read Write Open Close Fetch Emit Collect Sort Hash Compress ' +
  'Walk Visit Eval Match Filter Next Seek Load Store Render Notify Retry').split(' ');
// Goroutine entry chains, outermost first, and the hot leaves: [package, name].
const ENTRY_CHAINS = [
  [['runtime', 'goexit'], ['net/http', '(*conn).serve'], ['net/http', 'serverHandler.ServeHTTP'], ['net/http', '(*ServeMux).ServeHTTP'], ['net/http', 'HandlerFunc.ServeHTTP']],
  [['runtime', 'goexit'], ['google.golang.org/grpc', '(*Server).serveStreams.func1.1'], ['google.golang.org/grpc', '(*Server).handleStream'], ['google.golang.org/grpc', '(*Server).processUnaryRPC']],
  [['runtime', 'goexit'], ['runtime', 'main'], ['main', 'main']],
  [['runtime', 'goexit'], ['runtime', 'gcBgMarkWorker'], ['runtime', 'systemstack'], ['runtime', 'gcBgMarkWorker.func2'], ['runtime', 'gcDrain']],
  [['runtime', 'mstart'], ['runtime', 'mstart1'], ['runtime', 'schedule'], ['runtime', 'findRunnable']],
  [['runtime', 'goexit'], ['go.acme.io/platform/jobs', '(*Pool).loop'], ['go.acme.io/platform/jobs', '(*Pool).runOne']],
];
const HOT_LEAVES = [['runtime', 'mallocgc'], ['runtime', 'memmove'], ['runtime', 'futex'], ['syscall', 'Syscall6'],
  ['runtime', 'memclrNoHeapPointers'], ['runtime', 'scanobject'], ['runtime', 'mapaccess2_faststr'], ['crypto/sha256', 'block'],
  ['runtime', 'findObject'], ['encoding/json', '(*decodeState).scanWhile'], ['runtime', 'memequal'], ['runtime', 'nanotime1'],
  ['runtime', 'epollwait'], ['runtime', 'usleep'], ['runtime', 'greyobject'], ['strings', 'IndexByte'], ['runtime', 'growslice'],
  ['runtime', 'heapBitsSetType'], ['runtime', 'lock2'], ['runtime', 'procyield']];
const HANDLERS = ['/api/v1/orders', '/api/v1/cart', '/api/v2/search', '/api/v1/users', '/api/v2/catalog', '/api/v1/payments',
  '/api/v1/ingest', '/healthz', '/api/v2/export', '/api/v1/session', '/api/v2/rank', '/api/v1/tax'];
const SIZE_CLASSES = [16, 32, 48, 64, 128, 256, 512, 1024, 4096, 32768];

/** A small seeded generator (mulberry32): the same seed gives the same profile on every machine. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1), by binary search over the cumulative weights. */
function zipf(rnd, n) {
  const cum = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cum[k] = total += 1 / (k + 1);
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
  // A message made only of varint fields: kv = [field, value, ...]; zero values are omitted as in proto3.
  vmsg(field, kv) {
    let n = 0;
    for (let i = 0; i < kv.length; i += 2) if (kv[i + 1]) n += vlen(kv[i] * 8) + vlen(kv[i + 1]);
    this.v(field * 8 + 2); this.v(n);
    for (let i = 0; i < kv.length; i += 2) if (kv[i + 1]) { this.v(kv[i] * 8); this.v(kv[i + 1]); }
  }
  finish() { this.chunks.push(this.b.subarray(0, this.p)); this.total += this.p; return Buffer.concat(this.chunks, this.total); }
}

/** The synthetic program: packages and files, functions with call sites, and its popular functions. */
function makeProgram(rnd, nFunctions) {
  const ri = (n) => Math.floor(rnd() * n);
  const pick = (xs) => xs[ri(xs.length)];
  const pkgs = STD.map((path) => ({ path, dir: `/usr/local/go/src/${path}` }));
  pkgs.push({ path: 'main', dir: '/src/acme/cmd/server' }, { path: 'google.golang.org/grpc', dir: '/home/ci/go/pkg/mod/google.golang.org/grpc' },
    { path: 'go.acme.io/platform/jobs', dir: '/home/ci/go/pkg/mod/go.acme.io/platform/jobs' });
  const known = new Set(pkgs.map((p) => p.path));
  while (pkgs.length < 400) {
    const path = `${pick(MODULES)}/${rnd() < 0.4 ? 'internal/' : ''}${pick(AREAS)}${rnd() < 0.35 ? `/${pick(AREAS)}` : ''}`;
    if (known.has(path)) continue;
    known.add(path);
    pkgs.push({ path, dir: `/home/ci/go/pkg/mod/${path}` });
  }
  const pkgIndex = new Map(pkgs.map((p, i) => [p.path, i]));
  // Each package has 2..9 files; its first one is named after it.
  const files = pkgs.map((p) => {
    const base = p.path.slice(p.path.lastIndexOf('/') + 1);
    const list = [`${p.dir}/${base}.go`];
    for (let n = 1 + ri(8); n > 0; n--) list.push(`${p.dir}/${pick(AREAS)}${rnd() < 0.3 ? `_${pick(AREAS)}` : ''}.go`);
    return list;
  });

  const fnName = [];
  const fnFile = [];
  const fnStart = [];
  const byName = new Map();
  const addFunction = (pkg, name, file) => {
    const full = `${pkgs[pkg].path}.${name}`;
    let f = byName.get(full);
    if (f === undefined) {
      byName.set(full, (f = fnName.length));
      fnName.push(full);
      fnFile.push(file);
      fnStart.push(20 + ri(1800));
    }
    return f;
  };
  const named = ([pkg, name]) => addFunction(pkgIndex.get(pkg), name, files[pkgIndex.get(pkg)][0]);
  const chains = ENTRY_CHAINS.map((c) => c.map(named));
  const hotLeaves = HOT_LEAVES.map(named);
  while (fnName.length < nFunctions) {
    const pkg = ri(pkgs.length);
    const file = pick(files[pkg]);
    const generic = rnd() < 0.05 ? '[...]' : '';
    const u = rnd();
    const name =
      u < 0.45 ? `(*${pick(TYPES)}${generic}).${pick(VERBS)}${rnd() < 0.3 ? pick(TYPES) : ''}`
      : u < 0.6 ? `${pick(TYPES)}${generic}.${pick(VERBS)}`
      : u < 0.85 ? `${pick(VERBS).toLowerCase()}${pick(TYPES)}${generic}`
      : `(*${pick(TYPES)}).${pick(VERBS)}.func${1 + ri(3)}`;
    addFunction(pkg, name, file);
  }
  const F = fnName.length;
  // Popularity: a shuffled order of the functions, drawn from by Zipf rank.
  const popular = Int32Array.from({ length: F }, (_, i) => i);
  for (let i = F - 1; i > 0; i--) {
    const j = ri(i + 1);
    const t = popular[i];
    popular[i] = popular[j];
    popular[j] = t;
  }
  const popularRank = zipf(rnd, F);

  // Call sites, numbered per function: sites of f are siteStart[f] .. siteStart[f+1]-1.
  const siteStart = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) {
    const u = rnd();
    siteStart[f + 1] = siteStart[f] + 1 + Math.floor((CALL_SITES - 1) * u * u);
  }
  const S = siteStart[F];
  const siteCallee = new Int32Array(S);
  const siteLine = new Int32Array(S);
  const siteInline = new Int32Array(2 * S).fill(-1); // up to two inlined helpers, outermost first
  for (let f = 0; f < F; f++) {
    for (let s = siteStart[f]; s < siteStart[f + 1]; s++) {
      const u = rnd();
      siteCallee[s] = u < SELF_CALLS ? f : u < SELF_CALLS + UNIFORM_CALLS ? ri(F) : popular[popularRank()];
      siteLine[s] = fnStart[f] + 2 + ri(120);
      if (rnd() < INLINED) {
        siteInline[2 * s] = popular[ri(INLINE_POOL)];
        if (rnd() < 0.25) siteInline[2 * s + 1] = popular[ri(INLINE_POOL)];
      }
    }
  }
  // Entry chains go through their functions' first call sites.
  for (const c of chains) for (let i = 0; i + 1 < c.length; i++) siteCallee[siteStart[c[i]]] = c[i + 1];
  const leafLine = Int32Array.from({ length: F * LEAF_SITES }, (_, k) => fnStart[Math.floor(k / LEAF_SITES)] + 1 + ri(60));
  return { F, S, fnName, fnFile, fnStart, chains, hotLeaves, siteStart, siteCallee, siteLine, siteInline, leafLine };
}

/**
 * 1M distinct stacks over location keys: key k < S is call site k; S + LEAF_SITES*f + i is the i-th
 * executing pc of function f. Stacks are stored leaf first, as pprof stores them.
 */
function drawStacks(rnd, prog, samples) {
  const ri = (n) => Math.floor(rnd() * n);
  const { F, S, chains, hotLeaves, siteStart, siteCallee } = prog;
  const chainRank = zipf(rnd, chains.length);
  const siteRank = zipf(rnd, CALL_SITES);
  const leafRank = zipf(rnd, hotLeaves.length);
  const start = new Int32Array(samples + 1);
  let keys = new Int32Array(samples * 32);
  const walk = new Int32Array(96);
  const seen = new Set();
  let redrawn = 0;
  for (let s = 0; s < samples; ) {
    const u = rnd();
    const depth = 20 + Math.floor(60 * u * u * u * u * u); // skewed to 20-30, a long tail to 79
    const chain = chains[chainRank()];
    let n = 0;
    for (let i = 0; i + 1 < chain.length; i++) walk[n++] = siteStart[chain[i]];
    let f = chain[chain.length - 1];
    const toLeaf = rnd() < HOT_LEAF;
    for (const stop = toLeaf ? depth - 2 : depth - 1; n < stop; ) {
      const site = siteStart[f] + Math.min(siteRank(), siteStart[f + 1] - siteStart[f] - 1);
      walk[n++] = site;
      f = rnd() < DISPATCH ? ri(F) : siteCallee[site];
    }
    if (toLeaf) {
      walk[n++] = siteStart[f];
      f = hotLeaves[leafRank()];
    }
    walk[n++] = S + LEAF_SITES * f + ri(LEAF_SITES);
    // Go writes each distinct stack once: a stack seen before (by a 53-bit hash) is drawn again.
    let h1 = 0x9747b28c ^ n;
    let h2 = 0x1b873593;
    for (let i = 0; i < n; i++) {
      h1 = Math.imul(h1 ^ walk[i], 0x5bd1e995);
      h2 = Math.imul(h2 ^ walk[i], 0xcc9e2d51) ^ (h2 >>> 13);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 0x297a2d39);
    const key = ((h1 ^ (h1 >>> 13)) >>> 0) * 2097152 + ((h2 ^ (h2 >>> 12)) >>> 11);
    if (seen.has(key)) {
      redrawn++;
      continue;
    }
    seen.add(key);
    if (start[s] + n > keys.length) {
      const grown = new Int32Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
    }
    for (let i = 0; i < n; i++) keys[start[s] + i] = walk[n - 1 - i];
    start[s + 1] = start[s] + n;
    s++;
  }
  return { start, keys: keys.subarray(0, start[samples]), redrawn };
}

export function generateProfile(opts = {}) {
  const o = { ...DEFAULTS, ...opts };
  const t0 = performance.now();
  const heap = o.kind === 'heap';
  if (!heap && o.kind !== 'cpu') throw new Error(`--kind must be cpu or heap, got ${o.kind}`);
  let rnd = mulberry32(o.seed);
  const prog = makeProgram(rnd, Math.max(o.functions, 100));
  if (o.stackseed !== undefined) rnd = mulberry32(o.stackseed);
  const ri = (n) => Math.floor(rnd() * n);
  const { F, S, siteStart, siteLine, siteInline, leafLine } = prog;
  const stacks = drawStacks(rnd, prog, o.samples);

  // Location ids by descending use (ties by key), as pprof's encoder gives real profiles small hot ids.
  const uses = new Int32Array(S + LEAF_SITES * F);
  for (const k of stacks.keys) uses[k]++;
  const used = [];
  for (let k = 0; k < uses.length; k++) if (uses[k] > 0) used.push(k);
  used.sort((a, b) => uses[b] - uses[a] || a - b);
  const locId = new Int32Array(uses.length);
  used.forEach((k, i) => (locId[k] = i + 1));

  // Strings and functions in first-use order; functions are numbered as locations first name them.
  const strIndex = new Map();
  const strs = [];
  const str = (s) => {
    let i = strIndex.get(s);
    if (i === undefined) strIndex.set(s, (i = strs.push(s) - 1));
    return i;
  };
  str('');
  const types = (heap ? [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']]
    : [['samples', 'count'], ['cpu', 'nanoseconds']]).map(([t, u]) => [str(t), str(u)]);
  const period = heap ? 524288 : 10_000_000;
  const periodType = heap ? [str('space'), str('bytes')] : [str('cpu'), str('nanoseconds')];
  const defaultType = heap ? str('inuse_space') : 0;
  const kHandler = str('handler');
  const handlers = HANDLERS.map(str);
  const funcId = new Int32Array(F); // 0 = not written
  const funcOrder = [];
  const fid = (f) => {
    if (funcId[f] === 0) {
      funcOrder.push(f);
      funcId[f] = funcOrder.length;
    }
    return funcId[f];
  };
  const locLines = used.map((k) => {
    const lines = []; // [function id, line], innermost first
    if (k >= S) {
      const f = Math.floor((k - S) / LEAF_SITES);
      lines.push(fid(f), leafLine[k - S]);
    } else {
      let lo = 0;
      let hi = F - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (siteStart[mid] <= k) lo = mid;
        else hi = mid - 1;
      }
      for (let i = 1; i >= 0; i--) {
        const g = siteInline[2 * k + i];
        if (g >= 0) lines.push(fid(g), prog.fnStart[g] + 1 + ((k + 3 * i) % 40));
      }
      lines.push(fid(lo), siteLine[k]);
    }
    return lines;
  });

  const out = new Out();
  for (const [t, u] of types) out.vmsg(1, [1, t, 2, u]);
  const vals = new Array(types.length).fill(0);
  let total = 0;
  for (let s = 0; s < o.samples; s++) {
    const c = Math.min(5000, Math.floor(1 / (1 - rnd()))); // Pareto: mostly 1, a heavy tail
    if (heap) {
      const size = SIZE_CLASSES[ri(SIZE_CLASSES.length)];
      const live = rnd() < 0.3 ? Math.floor(c * rnd()) : 0;
      vals[0] = c; vals[1] = c * size; vals[2] = live; vals[3] = live * size;
    } else {
      vals[0] = c; vals[1] = c * period;
    }
    total += c;
    const handler = rnd() < 0.1 ? handlers[ri(handlers.length)] : 0;
    const lo = stacks.start[s];
    const hi = stacks.start[s + 1];
    let locBytes = 0;
    let valBytes = 0;
    for (let i = lo; i < hi; i++) locBytes += vlen(locId[stacks.keys[i]]);
    for (const v of vals) valBytes += vlen(v);
    const labelLen = handler ? 2 + vlen(kHandler) + vlen(handler) : 0;
    const body = 1 + vlen(locBytes) + locBytes + 1 + vlen(valBytes) + valBytes + (handler ? 1 + vlen(labelLen) + labelLen : 0);
    out.room(body + 6);
    const b = out.b;
    let p = out.p;
    b[p++] = 0x12; p = pv(b, p, body); // Profile.sample
    b[p++] = 0x0a; p = pv(b, p, locBytes); // Sample.location_id, packed, leaf first
    for (let i = lo; i < hi; i++) p = pv(b, p, locId[stacks.keys[i]]);
    b[p++] = 0x12; p = pv(b, p, valBytes); // Sample.value, packed
    for (const v of vals) p = pv(b, p, v);
    if (handler) { b[p++] = 0x1a; p = pv(b, p, labelLen); b[p++] = 0x08; p = pv(b, p, kHandler); b[p++] = 0x10; p = pv(b, p, handler); }
    out.p = p;
  }

  const memStart = 0x400000;
  let addr = memStart + 0x1000;
  let addrs;
  if (o.stackseed === undefined) {
    addrs = used.map((k) => (addr += 16 + (k % 211)));
  } else {
    // Another run of one binary: each site keeps its address, whichever sites this run uses.
    const at = new Float64Array(uses.length);
    for (let k = 0; k < uses.length; k++) at[k] = addr += 16 + (k % 211);
    addrs = used.map((k) => at[k]);
  }
  out.vmsg(3, [1, 1, 2, memStart, 3, addr + 0x1000, 4, 0, 5, str('/usr/local/bin/acme-server'), 6, str('8d2c41f09a7e3b5561c0de2f4a9b7e13c6d8f052'),
    7, 1, 8, 1, 9, 1, 10, 1]); // has_functions, has_filenames, has_line_numbers, has_inline_frames
  used.forEach((_, i) => {
    const lines = locLines[i];
    let linesLen = 0;
    for (let j = 0; j < lines.length; j += 2) { const m = 2 + vlen(lines[j]) + vlen(lines[j + 1]); linesLen += 1 + vlen(m) + m; }
    out.v(4 * 8 + 2); out.v(1 + vlen(i + 1) + 2 + 1 + vlen(addrs[i]) + linesLen);
    out.v(0x08); out.v(i + 1); out.v(0x10); out.v(1); out.v(0x18); out.v(addrs[i]);
    for (let j = 0; j < lines.length; j += 2) out.vmsg(4, [1, lines[j], 2, lines[j + 1]]);
  });
  funcOrder.forEach((f, i) => {
    const name = str(prog.fnName[f]);
    out.vmsg(5, [1, i + 1, 2, name, 3, name, 4, str(prog.fnFile[f]), 5, prog.fnStart[f]]);
  });
  const comment = str(`synthetic: bench/gen-large.mjs --kind ${o.kind} --seed ${o.seed}${o.stackseed === undefined ? "" : ` --stackseed ${o.stackseed}`} --samples ${o.samples}`);
  for (const s of strs) out.bytes(6, Buffer.from(s, 'utf8'));
  out.v(9 * 8); out.v(1763683200 * 1e9); // time_nanos 2025-11-21T00:00:00Z: above 2^53 but exact in a double
  if (!heap) { out.v(10 * 8); out.v(Math.ceil((total * period) / 16e9) * 1e9); } // as if 16 cores were busy
  out.vmsg(11, [1, periodType[0], 2, periodType[1]]);
  out.v(12 * 8); out.v(period);
  out.v(13 * 8); out.v(comment);
  if (defaultType) { out.v(14 * 8); out.v(defaultType); }
  const buffer = out.finish();
  const stats = { kind: o.kind, seed: o.seed, samples: o.samples, locations: used.length, functions: funcOrder.length,
    frames: stacks.keys.length, redrawn: stacks.redrawn, seconds: (performance.now() - t0) / 1000 };
  return { buffer, stats };
}

/** Raw (uncompressed) protobuf bytes of the synthetic profile. */
export function generate(opts = {}) { return generateProfile(opts).buffer; }

function main(argv) {
  const o = {};
  const num = new Set(['samples', 'functions', 'seed', 'stackseed', 'level']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in DEFAULTS || m[1] === 'out' || m[1] === 'level' || m[1] === 'stackseed')) throw new Error(`unknown argument ${argv[i]}`);
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
    `functions=${stats.functions} frames=${stats.frames} mean depth=${(stats.frames / stats.samples).toFixed(1)} redrawn=${stats.redrawn} ` +
    `raw=${buffer.length} gzip=${gz.length} sha256(raw)=${sha} generate=${stats.seconds.toFixed(2)}s ` +
    `total=${((performance.now() - t0) / 1000).toFixed(2)}s${o.out ? ` -> ${o.out}` : ''}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try { main(process.argv.slice(2)); } catch (e) { process.stderr.write(`gen-large: ${e.message}\n`); process.exit(2); }
}
