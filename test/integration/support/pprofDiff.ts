// The oracle of a comparison: `go tool pprof -top -diff_base=BASE TARGET` (or -base), unscaled and with
// nothing dropped; its total and rows as pprof prints them (signed).
import { execFileSync } from 'node:child_process';

export interface PprofDiff {
  readonly type: string;
  readonly total: number;
  readonly rows: readonly { readonly name: string; readonly flat: number; readonly cum: number }[];
}

const exactUnit: Record<string, string> = { nanoseconds: 'ns', bytes: 'B' };

export function pprofDiff(base: string, target: string, o: { mode?: 'diff_base' | 'base'; sampleIndex?: string; unit?: string } = {}): PprofDiff {
  const args = ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-nodecount=100000', '-symbolize=none', `-${o.mode ?? 'diff_base'}=${base}`];
  if (o.sampleIndex) args.push(`-sample_index=${o.sampleIndex}`);
  const u = o.unit && exactUnit[o.unit];
  if (u) args.push(`-unit=${u}`);
  const out = execFileSync('go', [...args, target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const type = /^Type: (.*)$/m.exec(out)?.[1] ?? '';
  const total = /of (-?[\d.]+)\S* total/.exec(out);
  if (!total) throw new Error(`no total in go tool pprof output:\n${out}`);
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  const rows = [];
  for (const line of head < 0 ? [] : lines.slice(head + 1)) {
    const m = /^\s*(-?[\d.]+)\S*\s+\S+\s+\S+\s+(-?[\d.]+)\S*\s+\S+\s+(.*)$/.exec(line);
    if (m) rows.push({ flat: Number(m[1]), cum: Number(m[2]), name: m[3].replace(/ \((partial-)?inline\)$/, '') });
  }
  return { type, total: Number(total[1]), rows };
}
