// The oracle: runs the real `go tool pprof -top` on a fixture, and our CLI's `top` in process on the same
// bytes, with the same options. Nothing is cached: every comparison runs pprof again.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs, runTop } from '../../../src/cli';
import { FILTER_KEYS, type Granularity } from '../../../src/model/profile/queries';

export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures');

/** Every profile under test/fixtures (*.pb.gz and *.pprof), as paths relative to FIXTURE_DIR. */
export function fixtureProfiles(): string[] {
  return readdirSync(FIXTURE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pb.gz') || f.endsWith('.pprof'))
    .map((f) => relative(FIXTURE_DIR, join(FIXTURE_DIR, f)))
    .sort();
}

export interface TopOptions {
  readonly sampleIndex: number;
  /** Default functions. */
  readonly granularity?: Granularity;
  /** The exact unit of the sample type, so that every value prints as an integer. */
  readonly unit: string;
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  readonly tagfocus?: string;
  readonly tagignore?: string;
}

/** A fixture name relative to test/fixtures, or an absolute path (a generated profile). */
const pathOf = (fixture: string) => (isAbsolute(fixture) ? fixture : join(FIXTURE_DIR, fixture));

/** Several profiles merged, and compared with bases as pprof's -base or -diff_base (fixture names or paths). */
export interface SourceSet {
  readonly files: readonly string[];
  readonly base?: readonly string[];
  readonly diffBase?: readonly string[];
  readonly normalize?: boolean;
}

const sourceSet = (input: string | SourceSet): SourceSet => (typeof input === 'string' ? { files: [input] } : input);

/** The same sources as pprof's flags (prefix '-') or ours ('--'), then the files. */
function sourceArgs(input: string | SourceSet, dash: string): string[] {
  const set = sourceSet(input);
  return [
    ...(set.base ?? []).map((f) => `${dash}base=${pathOf(f)}`),
    ...(set.diffBase ?? []).map((f) => `${dash}diff_base=${pathOf(f)}`),
    ...(set.normalize ? [`${dash}normalize`] : []),
    ...set.files.map(pathOf),
  ];
}

export const pprofTmp = mkdtempSync(join(tmpdir(), 'pprof-lens-oracle-'));
process.on('exit', () => rmSync(pprofTmp, { recursive: true, force: true }));

// At most two pprof processes at a time: the machine has two cores.
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `go tool pprof -top` with every node shown and names untrimmed. */
export function pprofTop(fixture: string | SourceSet, o: TopOptions): Promise<string> {
  const args = ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none'];
  args.push(`-sample_index=${o.sampleIndex}`);
  if (o.unit) args.push(`-unit=${o.unit}`);
  if (o.granularity) args.push(`-${o.granularity}`);
  for (const k of FILTER_KEYS) if (o[k]) args.push(`-${k}=${o[k]}`);
  args.push(...sourceArgs(fixture, '-'));
  const env = { ...process.env, PPROF_TMPDIR: pprofTmp, TZ: 'UTC', HOME: pprofTmp };
  return limited(
    () =>
      new Promise((resolve, reject) => {
        execFile('go', args, { env, maxBuffer: 1 << 28, encoding: 'utf8' }, (err, stdout, stderr) => {
          if (err) reject(new Error(`go ${args.join(' ')} failed: ${err.message} ${stderr}`));
          else resolve(stdout);
        });
      }),
  );
}

/** The profile `go tool pprof -proto` writes for the sources: pprof's own merge (or comparison) of them. */
export function pprofProto(sources: string | SourceSet): Promise<Buffer> {
  const args = ['tool', 'pprof', '-proto', '-symbolize=none', ...sourceArgs(sources, '-')];
  const env = { ...process.env, PPROF_TMPDIR: pprofTmp, TZ: 'UTC', HOME: pprofTmp };
  return limited(
    () =>
      new Promise((resolve, reject) => {
        execFile('go', args, { env, maxBuffer: 1 << 28, encoding: 'buffer' }, (err, stdout, stderr) => {
          if (err) reject(new Error(`go ${args.join(' ')} failed: ${err.message} ${stderr.toString()}`));
          else resolve(stdout);
        });
      }),
  );
}

/** Our `cli.js top` on the same fixture: text (with --unit) and --json. */
export function ourTop(fixture: string | SourceSet, o: TopOptions): { text: string; json: JsonTop } {
  const argv = ['top', ...sourceArgs(fixture, '--'), `--sample_index=${o.sampleIndex}`];
  if (o.granularity) argv.push(`--granularity=${o.granularity}`);
  for (const k of FILTER_KEYS) if (o[k]) argv.push(`--${k}=${o[k]}`);
  const read = (file: string) => readFileSync(file);
  const text = runTop(parseArgs(o.unit ? [...argv, `--unit=${o.unit}`] : argv), read, 'UTC');
  const json = JSON.parse(runTop(parseArgs([...argv, '--json']), read)) as JsonTop;
  return { text, json };
}

export interface JsonTop {
  readonly sampleType: { type: string; unit: string };
  readonly total: number;
  readonly rows: { name: string; file?: string; line?: number; flat: number; cum: number }[];
}

export interface TopText {
  /** Lines before the column titles: File:, Type:, Time:, Duration:, Active filters, Showing nodes… */
  readonly header: string[];
  readonly rows: { flat: number; cum: number; name: string; line: string }[];
}

const TITLES = /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/;
const ROW = /^\s*(-?[\d.]+)([a-zA-Z]*)\s+\S+%\s+\S+%\s+(-?[\d.]+)([a-zA-Z]*)\s+\S+%\s{2}(.*)$/;

/** Parses -top text; every value must be an integer in the given unit suffix (the exact-unit case). */
export function parseTopText(text: string): TopText {
  const lines = text.replace(/\n$/, '').split('\n');
  const at = lines.findIndex((l) => TITLES.test(l));
  if (at < 0) throw new Error(`no -top table in:\n${text.slice(0, 500)}`);
  const rows = lines.slice(at + 1).map((line) => {
    const m = ROW.exec(line);
    if (!m) throw new Error(`unparsable -top row ${JSON.stringify(line)}`);
    return { flat: Number(m[1]), cum: Number(m[3]), name: m[5], line };
  });
  return { header: lines.slice(0, at), rows };
}
