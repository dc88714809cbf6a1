// The oracle for hot lines: runs `go tool pprof -list` with the sample type's exact unit and parses
// each ROUTINE: the function's flat/cum and the flat/cum of each of its source lines.
import { execFileSync } from 'node:child_process';

export interface PprofRoutine {
  readonly name: string;
  /** The file as pprof prints it (after -trim_path). */
  readonly file: string;
  readonly flat: number;
  readonly cum: number;
  /** Source lines with a value: line number → flat/cum. */
  readonly lines: ReadonlyMap<number, { readonly flat: number; readonly cum: number }>;
}

export interface PprofList {
  readonly total: number;
  readonly routines: readonly PprofRoutine[];
}

export interface PprofListOptions {
  /** Regular expression of the functions to list, e.g. "main\\.". */
  readonly functions: string;
  /** Exact unit so values print unscaled: "ns" for nanoseconds, "B" for bytes, "" for counts. */
  readonly unit: string;
  readonly sampleIndex?: string;
  /** Where pprof looks for the sources, and the build-machine prefix it strips. */
  readonly sourcePath?: string;
  readonly trimPath?: string;
}

/** "." and "0" are zero; "120000000ns", "42B", "7" are the number. */
function value(s: string): number {
  if (s === '.') return 0;
  const m = /^(-?\d+(?:\.\d+)?)[a-zA-Z]*$/.exec(s);
  if (!m) throw new Error(`not a pprof value: ${s}`);
  return Number(m[1]);
}

export function pprofList(profile: string, o: PprofListOptions): PprofList {
  const args = ['tool', 'pprof', `-list=${o.functions}`, '-symbolize=none'];
  if (o.unit) args.push(`-unit=${o.unit}`);
  if (o.sampleIndex) args.push(`-sample_index=${o.sampleIndex}`);
  if (o.sourcePath) args.push(`-source_path=${o.sourcePath}`);
  if (o.trimPath) args.push(`-trim_path=${o.trimPath}`);
  const out = execFileSync('go', [...args, profile], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
  const totalMatch = /^Total: (\S+)$/m.exec(out);
  if (!totalMatch) throw new Error(`no total in go tool pprof -list output:\n${out}`);
  const routines: PprofRoutine[] = [];
  let cur: { name: string; file: string; flat: number; cum: number; lines: Map<number, { flat: number; cum: number }> } | undefined;
  for (const line of out.split('\n')) {
    const head = /^ROUTINE =+ (.*) in (.*)$/.exec(line);
    if (head) {
      cur = { name: head[1], file: head[2], flat: 0, cum: 0, lines: new Map() };
      routines.push(cur);
      continue;
    }
    if (!cur) continue;
    const sums = /^\s*(\S+)\s+(\S+) \(flat, cum\)/.exec(line);
    if (sums) {
      cur.flat = value(sums[1]);
      cur.cum = value(sums[2]);
      continue;
    }
    if (/^\s*Error:/.test(line)) throw new Error(`go tool pprof could not read the source of ${cur.name}: ${line.trim()}`);
    const src = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(line);
    if (src && (src[1] !== '.' || src[2] !== '.')) cur.lines.set(Number(src[3]), { flat: value(src[1]), cum: value(src[2]) });
  }
  return { total: value(totalMatch[1]), routines };
}
