// The numbers of one local source file, gathered once from the profile's line index, and what to draw
// for a sample type and threshold: lenses (hot functions, hot lines in them) and heat levels per line.
// Pure: no vscode. Work here is proportional to the file's own lines and functions, never the profile's,
// and stays in the line index's typed arrays: objects are made only for what is drawn.
import type { LineIndex, LineIndexFile } from '../model/profile/queries';
import { findDeclaration } from './goDeclaration';
import { mergeFiles } from './mergeFiles';

export interface LineStats {
  readonly line: number;
  /** One value per sample type; in a comparison the change, target - base. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** A comparison's base side (positive), when the line index has it. */
  readonly baseFlat?: Float64Array;
  readonly baseCum?: Float64Array;
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
  /** A comparison's base side, when the line index has it. */
  readonly baseFlat?: number;
  readonly baseCum?: number;
}

export interface HeatLine {
  readonly line: number;
  /** 0 = only passes through (cum), 1…HEAT_LEVELS = the line's own (flat) share, hottest last. */
  readonly level: number;
  /** -1 where a comparison's target has less than its base (the line's flat, else its cum), else 1. */
  readonly sign: 1 | -1;
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
  private readonly f: LineIndexFile;
  private readonly nt: number;
  /** Per function: the 1-based line of its declaration (0 when unknown). */
  private readonly declLine: Int32Array;
  private readonly declaredAt = new Map<number, number>();
  private functions_: readonly FunctionStats[] | undefined;
  private readonly cache = new Map<string, readonly LensSpec[] | readonly HeatLine[]>();

  /**
   * `files`: the profile's entries that resolve to this local file (usually one). `lineText` reads the
   * local file, to place functions whose start line the profile does not record (Go before 1.20).
   */
  constructor(
    readonly index: Pick<LineIndex, 'sampleTypes' | 'totals'>,
    files: readonly LineIndexFile[],
    lineText: (line: number) => string | undefined = () => undefined,
  ) {
    this.nt = index.sampleTypes.length;
    const f = (this.f = mergeFiles(files, this.nt));
    this.declLine = Int32Array.from(f.functions, (fn) => Math.max(0, fn.startLine));
    // A declaration lies between the function's first sampled line and the sampled line before it
    // (another function's, or a closure literal's own line), so each stretch is searched once.
    const seen = new Uint8Array(f.functions.length);
    for (let row = 0, previous = 1; row < f.lines.length; row++) {
      const fn = f.lineFunction[row];
      if (fn >= 0 && !seen[fn]) {
        seen[fn] = 1;
        if (this.declLine[fn] === 0) this.declLine[fn] = findDeclaration(f.functions[fn].name, f.lines[row], lineText, previous);
      }
      previous = f.lines[row];
    }
    this.declLine.forEach((line, fn) => line > 0 && !this.declaredAt.has(line) && this.declaredAt.set(line, fn));
  }

  /** Whether the numbers include a comparison's base side. */
  get hasBase(): boolean {
    return this.f.lineBaseFlat !== undefined;
  }

  /** flat and cum of a line for every sample type; undefined when the profile has nothing there. */
  lineStats(line: number): LineStats | undefined {
    const row = this.rowOf(line);
    if (row < 0) return undefined;
    const { lineFlat, lineCum, lineBaseFlat, lineBaseCum } = this.f;
    const base = lineBaseFlat && lineBaseCum ? { baseFlat: this.slice(lineBaseFlat, row), baseCum: this.slice(lineBaseCum, row) } : {};
    return { line, flat: this.slice(lineFlat, row), cum: this.slice(lineCum, row), ...base };
  }

  /** The function whose frame names this line or, on a declaration line without samples, the function declared there. */
  functionAt(line: number): FunctionStats | undefined {
    const row = this.rowOf(line);
    const fn = row >= 0 && this.f.lineFunction[row] >= 0 ? this.f.lineFunction[row] : this.declaredAt.get(line);
    return fn === undefined ? undefined : this.functionStats(fn);
  }

  /** Every function of the file, in declaration order. */
  get functions(): readonly FunctionStats[] {
    this.functions_ ??= this.f.functions.map((_, fn) => this.functionStats(fn)).sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
    return this.functions_;
  }

  /** Lenses for sample type `t`: functions with cum ≥ threshold (a fraction of the total) and the lines in them with flat ≥ threshold. */
  lenses(t: number, threshold: number): readonly LensSpec[] {
    const key = `lens:${t}:${threshold}`;
    let v = this.cache.get(key) as LensSpec[] | undefined;
    if (!v) this.cache.set(key, (v = this.computeLenses(t, threshold)));
    return v;
  }

  /** The heat level of every line with a value for sample type `t`, in line order. */
  heat(t: number): readonly HeatLine[] {
    const key = `heat:${t}`;
    let v = this.cache.get(key) as HeatLine[] | undefined;
    if (!v) this.cache.set(key, (v = this.computeHeat(t)));
    return v;
  }

  private computeLenses(t: number, threshold: number): LensSpec[] {
    const { f, nt } = this;
    const total = Math.abs(this.index.totals[t] ?? 0);
    if (total === 0) return [];
    const hot = (v: number) => v !== 0 && Math.abs(v) >= threshold * total;
    const lenses: LensSpec[] = [];
    const hotFunction = new Uint8Array(f.functions.length);
    f.functions.forEach((fn, i) => {
      if (!hot(f.funcCum[i * nt + t])) return;
      hotFunction[i] = 1;
      const k = i * nt + t;
      const base = f.funcBaseFlat && f.funcBaseCum ? { baseFlat: f.funcBaseFlat[k], baseCum: f.funcBaseCum[k] } : {};
      lenses.push({ kind: 'function', line: this.declLine[i], name: fn.name, flat: f.funcFlat[k], cum: f.funcCum[k], ...base });
    });
    for (let row = 0; row < f.lines.length; row++) {
      const fn = f.lineFunction[row];
      const k = row * nt + t;
      if (fn < 0 || !hotFunction[fn] || !hot(f.lineFlat[k])) continue;
      const base = f.lineBaseFlat && f.lineBaseCum ? { baseFlat: f.lineBaseFlat[k], baseCum: f.lineBaseCum[k] } : {};
      lenses.push({ kind: 'line', line: f.lines[row], name: f.functions[fn].name, flat: f.lineFlat[k], cum: f.lineCum[k], ...base });
    }
    // Stable sort: a function's lens stays before a hot line on its first line.
    return lenses.sort((a, b) => a.line - b.line);
  }

  private computeHeat(t: number): HeatLine[] {
    const { f, nt } = this;
    const total = Math.abs(this.index.totals[t] ?? 0);
    const heat: HeatLine[] = [];
    for (let row = 0; row < f.lines.length; row++) {
      const flat = f.lineFlat[row * nt + t];
      const cum = f.lineCum[row * nt + t];
      const level = heatLevel(flat, cum, total);
      if (level !== undefined) heat.push({ line: f.lines[row], level, sign: (flat !== 0 ? flat : cum) < 0 ? -1 : 1 });
    }
    return heat;
  }

  private functionStats(fn: number): FunctionStats {
    const { funcFlat, funcCum, funcBaseFlat, funcBaseCum } = this.f;
    const base = funcBaseFlat && funcBaseCum ? { baseFlat: this.slice(funcBaseFlat, fn), baseCum: this.slice(funcBaseCum, fn) } : {};
    return { name: this.f.functions[fn].name, line: this.declLine[fn], flat: this.slice(funcFlat, fn), cum: this.slice(funcCum, fn), ...base };
  }

  private slice(values: Float64Array, row: number): Float64Array {
    return values.subarray(row * this.nt, row * this.nt + this.nt);
  }

  /** The row of a line (lines are ascending), or -1. */
  private rowOf(line: number): number {
    const lines = this.f.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid] === line) return mid;
      if (lines[mid] < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
