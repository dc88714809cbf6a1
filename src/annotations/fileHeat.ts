// The numbers of one local source file, gathered once from the profile's line index, and what to draw
// for a sample type and threshold: lenses (hot functions, hot lines in them) and heat levels per line.
// Pure: no vscode. Work here is proportional to the file's own lines and functions, never the profile's.
import type { LineIndex, LineIndexFile } from '../model/queries';

export interface LineStats {
  readonly line: number;
  /** One value per sample type. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}

export interface FunctionStats extends LineStats {
  readonly name: string;
}

export interface LensSpec {
  readonly kind: 'function' | 'line';
  /** 1-based. */
  readonly line: number;
  /** The function, or the function the line belongs to. */
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
}

export interface HeatLine {
  readonly line: number;
  /** 0 = only passes through (cum), 1…HEAT_LEVELS = the line's own (flat) share, hottest last. */
  readonly level: number;
}

export interface FileAnnotations {
  readonly lenses: readonly LensSpec[];
  readonly heat: readonly HeatLine[];
}

/** Lower bounds of the flat share for heat levels 1…5. */
const HEAT_STEPS = [0, 0.005, 0.02, 0.05, 0.15];
export const HEAT_LEVELS = HEAT_STEPS.length;

export function heatLevel(flat: number, cum: number, total: number): number | undefined {
  if (total === 0 || (flat === 0 && cum === 0)) return undefined;
  if (flat === 0) return 0;
  const share = Math.abs(flat) / Math.abs(total);
  let level = 1;
  while (level < HEAT_LEVELS && share >= HEAT_STEPS[level]) level++;
  return level;
}

export class FileHeat {
  readonly lines = new Map<number, LineStats>();
  /** Sorted by start line. */
  readonly functions: readonly FunctionStats[];
  private readonly cache = new Map<string, FileAnnotations>();

  /** `files`: the profile's entries that resolve to this local file (usually one). */
  constructor(
    readonly index: Pick<LineIndex, 'sampleTypes' | 'totals'>,
    files: readonly LineIndexFile[],
  ) {
    const nt = index.sampleTypes.length;
    const funcs = new Map<string, FunctionStats>();
    for (const f of files) {
      for (let i = 0; i < f.lines.length; i++) {
        const line = f.lines[i];
        let s = this.lines.get(line);
        if (!s) this.lines.set(line, (s = { line, flat: new Float64Array(nt), cum: new Float64Array(nt) }));
        addRow(s, f.lineFlat, f.lineCum, i, nt);
      }
      f.functions.forEach((fn, i) => {
        const key = `${fn.startLine}\0${fn.name}`;
        let s = funcs.get(key);
        if (!s) funcs.set(key, (s = { name: fn.name, line: fn.startLine, flat: new Float64Array(nt), cum: new Float64Array(nt) }));
        addRow(s, f.funcFlat, f.funcCum, i, nt);
      });
    }
    this.functions = [...funcs.values()].sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
  }

  /** The function a line belongs to: the last one starting at or before it (closures start inside their parent). */
  functionAt(line: number): FunctionStats | undefined {
    let lo = 0;
    let hi = this.functions.length - 1;
    let found: FunctionStats | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.functions[mid].line <= line) {
        found = this.functions[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** What to draw for sample type `t`; `threshold` is a fraction of the total. Cached per (t, threshold). */
  annotations(t: number, threshold: number): FileAnnotations {
    const key = `${t}:${threshold}`;
    let a = this.cache.get(key);
    if (!a) this.cache.set(key, (a = this.compute(t, threshold)));
    return a;
  }

  private compute(t: number, threshold: number): FileAnnotations {
    const total = Math.abs(this.index.totals[t] ?? 0);
    if (total === 0) return { lenses: [], heat: [] };
    const hot = (v: number) => v !== 0 && Math.abs(v) >= threshold * total;
    const lenses: LensSpec[] = [];
    const hotFunctions = new Set<FunctionStats>();
    for (const fn of this.functions) {
      if (!hot(fn.cum[t])) continue;
      hotFunctions.add(fn);
      lenses.push({ kind: 'function', line: fn.line, name: fn.name, flat: fn.flat[t], cum: fn.cum[t] });
    }
    const heat: HeatLine[] = [];
    for (const s of [...this.lines.values()].sort((a, b) => a.line - b.line)) {
      const level = heatLevel(s.flat[t], s.cum[t], total);
      if (level !== undefined) heat.push({ line: s.line, level });
      const fn = this.functionAt(s.line);
      if (fn && hotFunctions.has(fn) && hot(s.flat[t])) {
        lenses.push({ kind: 'line', line: s.line, name: fn.name, flat: s.flat[t], cum: s.cum[t] });
      }
    }
    lenses.sort((a, b) => a.line - b.line || (a.kind === b.kind ? 0 : a.kind === 'function' ? -1 : 1));
    return { lenses, heat };
  }
}

function addRow(s: LineStats, flat: Float64Array, cum: Float64Array, row: number, nt: number): void {
  for (let t = 0; t < nt; t++) {
    s.flat[t] += flat[row * nt + t];
    s.cum[t] += cum[row * nt + t];
  }
}
