// Headless report over model/: `node dist/cli.js top <file> [options]` (DESIGN.md). Text in the shape of
// `go tool pprof -top`, or --json. A bad file or option: one line on stderr, exit 1; bad usage: exit 2.
import { readFileSync } from 'node:fs';
import { loadProfile } from './model/decode/loadProfile';
import { ProfileError } from './model/profile/profile';
import { FILTER_KEYS, GRANULARITIES, isGranularity, type Filters, type Granularity } from './model/profile/queries';
import { sampleIndexByName } from './model/profile/sampleTypeLookup';
import { computeTop } from './model/analysis/topRows';
import { renderTopText } from './model/report/topText';

const USAGE =
  'usage: cli.js top <file> [--sample_index=NAME|N] [--granularity=functions|filefunctions|files|lines|addresses] [--focus=RE] [--ignore=RE] ' +
  '[--hide=RE] [--show=RE] [--tagfocus=RE] [--tagignore=RE] [--unit=UNIT] [--json]';
const VALUE_OPTIONS = ['sample_index', 'granularity', ...FILTER_KEYS, 'unit'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

interface Args {
  readonly file: string;
  readonly json: boolean;
  readonly values: Partial<Record<ValueOption, string>>;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
  const [cmd, ...rest] = argv;
  if (cmd !== 'top') throw new UsageError(cmd ? `unknown command ${JSON.stringify(cmd)}` : 'missing command');
  let file: string | undefined;
  let json = false;
  const values: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      if (file !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
      file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === 'json' && eq < 0) {
      json = true;
      continue;
    }
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    values[name as ValueOption] = value;
  }
  if (file === undefined) throw new UsageError('missing profile file');
  return { file, json, values };
}

/** `timeZone` fixes the Time: line's zone (the tests compare it with pprof's). */
export function runTop(args: Args, bytes: Uint8Array, timeZone?: string): string {
  const p = loadProfile(bytes);
  const sampleIndex = sampleIndexByName(p, args.values.sample_index);
  const granularity = granularityOf(args.values.granularity);
  const filters: Filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, args.values[k]]));
  const top = computeTop(p, { sampleIndex, granularity, filters });
  if (!args.json) return renderTopText(p, top, { sampleIndex, filters, unit: args.values.unit, timeZone });
  const rows = top.rows.map((r) => ({
    name: r.name,
    ...(r.file ? { file: r.file } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    ...(r.address !== undefined ? { address: `0x${r.address.toString(16)}` } : {}),
    flat: r.flat,
    cum: r.cum,
  }));
  return JSON.stringify({ sampleType: { type: top.sampleType.type, unit: top.sampleType.unit }, total: top.total, rows }) + '\n';
}

/** A bad value is a bad option, like a bad sample index: one line, exit 1 (a usage error is for bad syntax). */
function granularityOf(value: string | undefined): Granularity {
  if (value === undefined) return 'functions';
  if (isGranularity(value)) return value;
  throw new Error(`granularity ${JSON.stringify(value)} must be one of: ${GRANULARITIES.join(', ')}`);
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    process.stdout.write(runTop(args, readFileSync(args.file)));
    return 0;
  } catch (e) {
    process.stderr.write(oneLine(describe(e, args.file)) + '\n');
    return 1;
  }
}

function describe(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory, not a profile`;
  if (code === 'EACCES') return `${file}: permission denied`;
  const msg = e instanceof Error ? e.message : String(e);
  return e instanceof ProfileError || code ? `${file}: ${msg}` : msg;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
