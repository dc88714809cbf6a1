// The oracle for numbers: runs `go tool pprof -top` with exact units (no scaling, nothing dropped) and
// parses its table, so tests can compare what the extension shows against pprof itself.
import { execFileSync } from 'node:child_process';

export interface PprofTop {
  readonly type: string;
  readonly total: number;
  /** "Showing nodes accounting for …": the weight of the samples that pass the filters. */
  readonly shown: number;
  readonly rows: readonly { readonly name: string; readonly flat: number; readonly cum: number }[];
}

export interface PprofTopOptions {
  readonly sampleIndex?: string;
  /** The sample type's unit, so values print unscaled: nanoseconds → ns, bytes → B. */
  readonly unit?: string;
  readonly focus?: string;
  readonly tagfocus?: string;
  readonly lines?: boolean;
  /** pprof's -files, -filefunctions, -addresses… */
  readonly granularity?: string;
}

const exactUnit: Record<string, string> = { nanoseconds: 'ns', bytes: 'B' };

export function pprofTop(file: string, o: PprofTopOptions = {}): PprofTop {
  const args = ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-nodecount=100000', '-symbolize=none'];
  if (o.sampleIndex !== undefined) args.push(`-sample_index=${o.sampleIndex}`);
  const u = o.unit && exactUnit[o.unit];
  if (u) args.push(`-unit=${u}`);
  if (o.focus) args.push(`-focus=${o.focus}`);
  if (o.tagfocus) args.push(`-tagfocus=${o.tagfocus}`);
  if (o.lines) args.push('-lines');
  if (o.granularity) args.push(`-${o.granularity}`);
  const out = execFileSync('go', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const type = /^Type: (.*)$/m.exec(out)?.[1] ?? '';
  const totalMatch = /accounting for (-?[\d.]+)\S*, .* of (-?[\d.]+)\S* total/.exec(out);
  if (!totalMatch) throw new Error(`no total in go tool pprof output:\n${out}`);
  const rows: { name: string; flat: number; cum: number }[] = [];
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  for (const line of head < 0 ? [] : lines.slice(head + 1)) {
    const m = /^\s*(-?[\d.]+)\S*\s+\S+\s+\S+\s+(-?[\d.]+)\S*\s+\S+\s+(.*)$/.exec(line);
    // pprof marks inlined frames with " (inline)"; the name itself is what precedes it.
    if (m) rows.push({ flat: Number(m[1]), cum: Number(m[2]), name: m[3].replace(/ \((partial-)?inline\)$/, '') });
  }
  return { type, total: Number(totalMatch[2]), shown: Number(totalMatch[1]), rows };
}
