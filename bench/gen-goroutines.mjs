#!/usr/bin/env node
// Generates a `debug=2` goroutine dump of a busy service, in the shape Go 1.21+ prints: N goroutines over a
// few thousand distinct stacks (a few dominate, as pools and leaks do; most are rare), states with their
// wait minutes, `created by X in goroutine N`, arguments that differ per goroutine (pointers), inlined
// frames `(...)`, and stacks deeper than 100 frames elided. Deterministic for a seed.
//
//   node bench/gen-goroutines.mjs --goroutines 100000 --stacks 3000 --out dump.txt [--seed 42]
import { writeFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const goroutines = Number(opt('goroutines', '100000'));
const stackCount = Number(opt('stacks', '3000'));
const out = opt('out');
let seed = Number(opt('seed', '42')) >>> 0 || 1;
if (!out) throw new Error('usage: gen-goroutines.mjs --goroutines N --stacks S --out FILE [--seed K]');

/** xorshift32: the same dump for the same seed. */
function rand() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => `0x${Math.floor(n).toString(16)}`;

const STATES = [
  ['chan receive', 30], ['select', 25], ['IO wait', 15], ['semacquire', 8], ['sync.Mutex.Lock', 5], ['sync.WaitGroup.Wait', 4],
  ['chan send', 4], ['sleep', 3], ['runnable', 2], ['syscall', 2], ['running', 1], ['chan receive (nil chan)', 1],
];
const stateTable = STATES.flatMap(([s, w]) => Array(w).fill(s));
const WAITING = new Set(['running', 'runnable']);

const pkgs = Array.from({ length: 60 }, (_, i) => `github.com/acme/service/internal/pkg${i}`);
const funcs = Array.from({ length: 4000 }, (_, i) => {
  const pkg = pick(pkgs);
  const kind = rand();
  const name = kind < 0.4 ? `(*Type${i % 97}).Method${i}` : kind < 0.5 ? `Type${i % 53}.Value${i}` : kind < 0.6 ? `Func${i}.func${1 + (i % 3)}` : `Func${i}`;
  return { name: `${pkg}.${name}`, file: `${pkg.replace('github.com/acme/service/', '/src/service/')}/file${i % 40}.go`, args: Math.floor(rand() * 4) };
});
const runtimeLeaves = [
  { name: 'runtime.gopark', file: '/usr/local/go/src/runtime/proc.go', args: 5 },
  { name: 'internal/poll.runtime_pollWait', file: '/usr/local/go/src/runtime/netpoll.go', args: 2 },
  { name: 'sync.runtime_SemacquireMutex', file: '/usr/local/go/src/runtime/sema.go', args: 3 },
];

function frameLines(f, inlined) {
  const args = inlined ? '...' : Array.from({ length: f.args }, () => (rand() < 0.3 ? `{${hex(0xc000000000 + rand() * 1e9)}, ${hex(rand() * 64)}}` : `${hex(0xc000000000 + rand() * 1e9)}${rand() < 0.5 ? '?' : ''}`)).join(', ');
  const line = 20 + Math.floor(rand() * 800);
  return { name: f.name, file: f.file, line, offset: inlined ? '' : ` +${hex(rand() * 0x400)}`, args };
}

// The distinct stacks: depth mostly 3–25, a few past 100 (printed elided). Each has a state and a creator.
const stacks = Array.from({ length: stackCount }, () => {
  const depth = rand() < 0.01 ? 120 + Math.floor(rand() * 80) : 3 + Math.floor(rand() * 22);
  const frames = [];
  if (rand() < 0.7) frames.push({ f: pick(runtimeLeaves), inlined: false });
  while (frames.length < depth) frames.push({ f: pick(funcs), inlined: rand() < 0.1 });
  const state = pick(stateTable);
  const creator = rand() < 0.002 ? null : pick(funcs.slice(0, 300));
  return { frames: frames.map(({ f, inlined }) => ({ ...frameLines(f, inlined), inlined, f })), state, creator, creatorLine: 20 + Math.floor(rand() * 800) };
});

// Goroutines over stacks: a Zipf-like law, so a handful of stacks hold most of them.
const weights = stacks.map((_, i) => 1 / Math.pow(i + 1, 1.1));
const cumulative = [];
let sum = 0;
for (const w of weights) cumulative.push((sum += w));
function stackIndex() {
  const x = rand() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const chunks = [];
for (let g = 1; g <= goroutines; g++) {
  const s = stacks[g === 1 ? 0 : stackIndex()];
  const minutes = !WAITING.has(s.state) && rand() < 0.6 ? `, ${1 + Math.floor(rand() * rand() * 600)} minutes` : '';
  const lines = [`goroutine ${g} [${s.state}${minutes}${rand() < 0.002 ? ', locked to thread' : ''}]:`];
  const printed = s.frames.length > 100 ? [...s.frames.slice(0, 50), null, ...s.frames.slice(-50)] : s.frames;
  for (const fr of printed) {
    if (fr === null) {
      lines.push(`...${s.frames.length - 100} frames elided...`);
      continue;
    }
    // The arguments are this goroutine's own values; the position is the stack's.
    const args = fr.inlined ? '...' : frameLines(fr.f, false).args;
    lines.push(`${fr.name}(${args})`, `\t${fr.file}:${fr.line}${fr.offset}`);
  }
  if (s.creator) lines.push(`created by ${s.creator.name} in goroutine ${1 + Math.floor(rand() * 50)}`, `\t${s.creator.file}:${s.creatorLine} +${hex(rand() * 0x200)}`);
  chunks.push(lines.join('\n'));
}
writeFileSync(out, chunks.join('\n\n') + '\n');
process.stderr.write(`wrote ${goroutines} goroutines over ${stackCount} stacks to ${out}\n`);
