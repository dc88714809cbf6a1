// The oracle for comparisons: `go tool pprof -top` on a target alone, a base alone, or the target with
// -diff_base, as rows keyed by pprof's printed name (without its inline mark); and pprof's own -diff_base
// profile written with -proto. Nothing is cached: every answer runs pprof again.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { FILTER_KEYS } from '../../../src/model/profile/queries';
import { FIXTURE_DIR, parseTopText, pprofTmp, type TopOptions } from './pprofOracle';

const pathOf = (fixture: string) => (isAbsolute(fixture) ? fixture : join(FIXTURE_DIR, fixture));

// At most two pprof processes at a time: the machine has two cores.
let running = 0;
const waiting: (() => void)[] = [];
async function go(args: string[]): Promise<string> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  const env = { ...process.env, PPROF_TMPDIR: pprofTmp, TZ: 'UTC', HOME: pprofTmp };
  try {
    return await new Promise((resolve, reject) => {
      execFile('go', args, { env, maxBuffer: 1 << 28, encoding: 'utf8' }, (err, stdout, stderr) => {
        if (err) reject(new Error(`go ${args.join(' ')} failed: ${err.message} ${stderr}`));
        else resolve(stdout);
      });
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export interface Rows {
  /** pprof's names (inline mark removed) in its order. */
  readonly order: readonly string[];
  /** flat and cum per name, summed over the rows that print the same name. */
  readonly byName: ReadonlyMap<string, { readonly flat: number; readonly cum: number }>;
}

/** The rows of `go tool pprof -top` on `target`, with `-diff_base=base` when a base is given. */
export async function pprofRows(target: string, base: string | undefined, o: TopOptions): Promise<Rows> {
  const args = ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none'];
  args.push(`-sample_index=${o.sampleIndex}`, `-unit=${o.unit}`);
  if (o.granularity) args.push(`-${o.granularity}`);
  for (const k of FILTER_KEYS) if (o[k]) args.push(`-${k}=${o[k]}`);
  if (base) args.push(`-diff_base=${pathOf(base)}`);
  args.push(pathOf(target));
  const text = parseTopText(await go(args));
  const order = text.rows.map((r) => r.name.replace(/ \((partial-)?inline\)$/, ''));
  const byName = new Map<string, { flat: number; cum: number }>();
  text.rows.forEach((r, i) => {
    const e = byName.get(order[i]) ?? { flat: 0, cum: 0 };
    byName.set(order[i], { flat: e.flat + r.flat, cum: e.cum + r.cum });
  });
  return { order, byName };
}

let protoCount = 0;

/** pprof's own comparison profile (`-proto -diff_base`): the target merged with the base negated and labelled. */
export async function pprofDiffProto(base: string, target: string): Promise<Uint8Array> {
  const out = join(pprofTmp, `diff-${process.pid}-${protoCount++}.pb.gz`);
  await go(['tool', 'pprof', '-proto', '-symbolize=none', `-output=${out}`, `-diff_base=${pathOf(base)}`, pathOf(target)]);
  return new Uint8Array(readFileSync(out));
}
