// Runs the real `go tool pprof -peek` (or `-list`) with exact units and parses what it prints, for
// comparing callers/callees and per-line numbers against the oracle.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURE_DIR, pprofTmp } from './pprofOracle';

function runPprof(args: string[]): Promise<string> {
  const env = { ...process.env, PPROF_TMPDIR: pprofTmp, TZ: 'UTC', HOME: pprofTmp };
  return new Promise((resolve, reject) => {
    execFile('go', ['tool', 'pprof', ...args], { env, maxBuffer: 1 << 28, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`go tool pprof ${args.join(' ')} failed: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

export interface PeekEntry {
  flat: number;
  cum: number;
  callers: Map<string, number>;
  callees: Map<string, number>;
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const number = (s: string) => Number(/^-?[\d.]+/.exec(s)?.[0] ?? NaN);

/** pprof -peek for the nodes named exactly `names` (functions, or files with `-files`), keyed by name. */
export async function pprofPeek(fixture: string, sampleIndex: number, unit: string, names: readonly string[], granularity: 'functions' | 'files' = 'functions'): Promise<Map<string, PeekEntry>> {
  const rx = `^(${names.map(escape).join('|')})$`;
  const out = await runPprof([
    '-peek', rx, `-${granularity}`, '-symbolize=none', '-nodefraction=0', '-edgefraction=0', '-nodecount=1000000',
    `-sample_index=${sampleIndex}`, `-unit=${unit}`, join(FIXTURE_DIR, fixture),
  ]);
  const result = new Map<string, PeekEntry>();
  const blocks = out.split(/^-+\+-+\s*$/m).slice(2);
  for (const block of blocks) {
    const callers = new Map<string, number>();
    const callees = new Map<string, number>();
    let self: { name: string; flat: number; cum: number } | undefined;
    for (const line of block.split('\n')) {
      const bar = line.indexOf('|');
      if (bar < 0) continue;
      const left = line.slice(0, bar).trim().split(/\s+/);
      const name = line.slice(bar + 1).trim().replace(/ \((partial-)?inline\)$/, '');
      if (left.length === 5) self = { name, flat: number(left[0]), cum: number(left[3]) };
      else if (left.length === 2) (self ? callees : callers).set(name, number(left[0]));
    }
    if (self) result.set(self.name, { flat: self.flat, cum: self.cum, callers, callees });
  }
  return result;
}

/** pprof -lines -top rows: flat and cum per "function file:line". */
export async function pprofLinesTop(fixture: string, sampleIndex: number, unit: string): Promise<{ name: string; file: string; line: number; flat: number; cum: number }[]> {
  const out = await runPprof([
    '-top', '-lines', '-symbolize=none', '-nodefraction=0', '-edgefraction=0', '-nodecount=1000000',
    `-sample_index=${sampleIndex}`, `-unit=${unit}`, join(FIXTURE_DIR, fixture),
  ]);
  const lines = out.split('\n');
  const at = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  const rows = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^\s*(-?[\d.]+)\S*\s+\S+\s+\S+\s+(-?[\d.]+)\S*\s+\S+\s+(.*) (\S+):(\d+)( \((?:partial-)?inline\))?$/.exec(l);
    if (m) rows.push({ flat: Number(m[1]), cum: Number(m[2]), name: m[3], file: m[4], line: Number(m[5]) });
  }
  return rows;
}

/** pprof -list rows (one per source line with a value) for the functions matching `rx`, given their sources. */
export async function pprofList(
  fixture: string,
  sampleIndex: number,
  unit: string,
  rx: string,
  sourcePath: string,
  trimPath: string,
): Promise<{ line: number; flat: number; cum: number }[]> {
  const out = await runPprof([
    '-list', rx, '-symbolize=none', `-sample_index=${sampleIndex}`, `-unit=${unit}`,
    `-source_path=${sourcePath}`, `-trim_path=${trimPath}`, join(FIXTURE_DIR, fixture),
  ]);
  const rows = new Map<number, { line: number; flat: number; cum: number }>();
  for (const l of out.split('\n')) {
    const m = /^\s*(\.|-?[\d.]+\S*)\s+(\.|-?[\d.]+\S*)\s+(\d+):/.exec(l);
    if (!m || (m[1] === '.' && m[2] === '.')) continue;
    const v = (s: string) => (s === '.' ? 0 : number(s));
    rows.set(Number(m[3]), { line: Number(m[3]), flat: v(m[1]), cum: v(m[2]) });
  }
  return [...rows.values()];
}
