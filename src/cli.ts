// Headless report over model/ (DESIGN.md): `node dist/cli.js top <file>... [--base|--diff_base=F]... [options]`, text in
// the shape of `go tool pprof -top` or --json; `trend <file>... [options]`, the growth of each node over
// snapshots; `goroutines <file> [--json]`, a goroutine dump grouped by stack and state. A bad file or option: one line on stderr, exit 1; bad usage: exit 2.
import { readFileSync } from 'node:fs';
import { decodeProfile } from './model/decode/decodeProfile';
import { loadCompared, loadProfile } from './model/decode/loadProfile';
import { ProfileError, type DecodedProfile, type Profile } from './model/profile/profile';
import { FILTER_KEYS, GRANULARITIES, isGranularity, type Filters, type Granularity } from './model/profile/queries';
import { sampleIndexByName } from './model/profile/sampleTypeLookup';
import { computeTop } from './model/analysis/topRows';
import { renderTopText } from './model/report/topText';
import { TrendBuilder } from './model/analysis/trend';
import { renderTrendText } from './model/report/trendText';
import { groupGoroutines } from './model/report/goroutineDump';
import { renderGoroutineText } from './model/report/goroutineListing';
import { loadMergedInParallel } from './cli/parallelMerge';
import { topJson, topOverFiles, type TopOverFilesOptions } from './cli/topOverFiles';

const FILTER_USAGE = '[--focus=RE] [--ignore=RE] [--hide=RE] [--show=RE] [--tagfocus=RE] [--tagignore=RE]';
const USAGE =
  'usage: cli.js top <file>... [--base=FILE]... [--diff_base=FILE]... [--normalize] [--sample_index=NAME|N] ' +
  `[--granularity=functions|filefunctions|files|lines|addresses] ${FILTER_USAGE} [--unit=UNIT] [--json]\n` +
  `       cli.js trend <file>... [--sample_index=NAME|N] [--granularity=…] ${FILTER_USAGE} [--json]\n` +
  '       cli.js goroutines <file> [--json]';
/** What `top` takes that `trend` does not: trend reads each file alone. */
const TOP_ONLY = ['base', 'diff_base', 'normalize', 'unit'];
const VALUE_OPTIONS = ['sample_index', 'granularity', ...FILTER_KEYS, 'unit'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const LIST_OPTIONS = ['base', 'diff_base'] as const;
type ListOption = (typeof LIST_OPTIONS)[number];

interface Args {
  readonly command: 'top' | 'trend';
  /** The profiles to report on, merged as `go tool pprof a b c` merges them. */
  readonly files: readonly string[];
  /** pprof's -base (cancelled) or -diff_base (kept apart) profiles, merged; at most one of the two is set. */
  readonly base: readonly string[];
  readonly diffBase: readonly string[];
  readonly normalize: boolean;
  readonly json: boolean;
  readonly values: Partial<Record<ValueOption, string>>;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
  const [cmd, ...rest] = argv;
  if (cmd !== 'top' && cmd !== 'trend') throw new UsageError(cmd ? `unknown command ${JSON.stringify(cmd)}` : 'missing command');
  const files: string[] = [];
  const lists: Record<ListOption, string[]> = { base: [], diff_base: [] };
  const flags = { json: false, normalize: false };
  const values: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (cmd === 'trend' && TOP_ONLY.includes(name)) throw new UsageError(`--${name} is an option of top, not of trend`);
    if ((name === 'json' || name === 'normalize') && eq < 0) {
      flags[name] = true;
      continue;
    }
    const isList = (LIST_OPTIONS as readonly string[]).includes(name);
    if (!isList && !(VALUE_OPTIONS as readonly string[]).includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (isList) lists[name as ListOption].push(value);
    else values[name as ValueOption] = value;
  }
  if (files.length === 0) throw new UsageError('missing profile file');
  if (lists.base.length > 0 && lists.diff_base.length > 0) throw new UsageError('--base and --diff_base cannot both be set');
  if (flags.normalize && lists.base.length + lists.diff_base.length === 0) throw new UsageError('--normalize needs --base or --diff_base');
  return { command: cmd, files, base: lists.base, diffBase: lists.diff_base, ...flags, values };
}

/**
 * The profile a `top` reports on: one file as loaded, several merged, or a comparison with the bases. A
 * source that cannot be read or decoded is named in the message.
 */
export function loadTopProfile(args: Args, read: (file: string) => Uint8Array): Profile {
  const source = (file: string) => ({ profile: decodeSource(file, read), name: file });
  const bases = args.base.length > 0 ? args.base : args.diffBase;
  if (bases.length === 0) {
    if (args.files.length === 1) return named(args.files[0], () => loadProfile(read(args.files[0])));
    return loadMergedInParallel(args.files.map((f) => readSource(f, read)), args.files);
  }
  return loadCompared(args.files.map(source), bases.map(source), { normalize: args.normalize, keepBaseApart: args.diffBase.length > 0 });
}

/**
 * `timeZone` fixes the Time: line's zone (the tests compare it with pprof's). `input` reads each file, or is
 * the bytes of the one file named.
 */
export function runTop(args: Args, input: Uint8Array | ((file: string) => Uint8Array), timeZone?: string, parallel?: TopOverFilesOptions): string {
  const read = typeof input === 'function' ? input : () => input;
  const filters = filtersOf(args);
  if (args.files.length >= 2 && args.base.length + args.diffBase.length === 0) {
    // Several files: their top without their merge where that gives the same answer (topOverFiles.ts).
    const bytes = tryRead(args.files, read);
    const question = { sampleIndex: args.values.sample_index, granularity: args.values.granularity, filters, unit: args.values.unit, json: args.json, timeZone };
    const joined = bytes && topOverFiles(bytes, question, parallel);
    if (joined !== undefined) return joined;
  }
  return runMergedTop(args, read, timeZone);
}

/** `top` over the profile loadTopProfile makes: one file, the merge of several, or a comparison. */
export function runMergedTop(args: Args, read: (file: string) => Uint8Array, timeZone?: string): string {
  const filters = filtersOf(args);
  const p = loadTopProfile(args, read);
  const sampleIndex = sampleIndexByName(p, args.values.sample_index);
  const granularity = granularityOf(args.values.granularity);
  // The CLI asks the profile one question: no cached answers for later ones, no base side (it prints net values).
  const top = computeTop(p, { sampleIndex, granularity, filters }, true);
  if (!args.json) return renderTopText(p, top, { sampleIndex, filters, unit: args.values.unit, timeZone });
  return topJson(top.sampleType, top.total, top.rows);
}

/** Every file's bytes, or undefined when one cannot be read (the merge's path then says which). */
function tryRead(files: readonly string[], read: (file: string) => Uint8Array): Uint8Array[] | undefined {
  try {
    return files.map(read);
  } catch {
    return undefined;
  }
}

/**
 * `trend`: each file read, loaded and aggregated alone, then dropped, so that a long series never has two
 * profiles in memory at once. Text for people, or --json.
 */
export function runTrend(args: Args, read: (file: string) => Uint8Array): string {
  const granularity = granularityOf(args.values.granularity);
  const builder = new TrendBuilder({ sampleIndex: args.values.sample_index, granularity, filters: filtersOf(args) });
  for (const file of args.files) {
    const bytes = readSource(file, read);
    builder.add(named(file, () => loadProfile(bytes)), file);
  }
  const t = builder.finish();
  if (!args.json) return renderTrendText(t);
  return JSON.stringify({ sampleType: { type: t.sampleType.type, unit: t.sampleType.unit }, times: t.times, totals: t.totals, rows: t.rows }) + '\n';
}

const filtersOf = (args: Args): Filters => Object.fromEntries(FILTER_KEYS.map((k) => [k, args.values[k]]));

/** A bad value is a bad option, like a bad sample index: one line, exit 1 (a usage error is for bad syntax). */
function granularityOf(value: string | undefined): Granularity {
  if (value === undefined) return 'functions';
  if (isGranularity(value)) return value;
  throw new Error(`granularity ${JSON.stringify(value)} must be one of: ${GRANULARITIES.join(', ')}`);
}

const GOROUTINES_USAGE = 'usage: cli.js goroutines <file> [--json]';

/** `goroutines <file> [--json]`: a goroutine dump (debug=2, debug=1 or a profile) grouped by stack and state. */
export function runGoroutines(argv: readonly string[], read: (file: string) => Uint8Array): string {
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.find((a) => a.startsWith('--') && a !== '--json');
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'missing dump file' : 'goroutines reads one file');
  const file = files[0];
  const dump = named(file, () => groupGoroutines(readSource(file, read)));
  return argv.includes('--json') ? JSON.stringify(dump) + '\n' : renderGoroutineText(dump);
}

function mainGoroutines(argv: string[]): number {
  try {
    process.stdout.write(runGoroutines(argv, (file) => readFileSync(file)));
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError;
    process.stderr.write(oneLine(e instanceof Error ? e.message : String(e)) + '\n' + (usage ? GOROUTINES_USAGE + '\n' : ''));
    return usage ? 2 : 1;
  }
}

function main(argv: string[]): number {
  if (argv[0] === 'goroutines') return mainGoroutines(argv.slice(1));
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const read = (file: string) => readFileSync(file);
    process.stdout.write(args.command === 'trend' ? runTrend(args, read) : runTop(args, read));
    return 0;
  } catch (e) {
    process.stderr.write(oneLine(e instanceof Error ? e.message : String(e)) + '\n');
    return 1;
  }
}

/** Reads a file; an error names it. */
function readSource(file: string, read: (file: string) => Uint8Array): Uint8Array {
  try {
    return read(file);
  } catch (e) {
    throw new Error(describe(e, file));
  }
}

function decodeSource(file: string, read: (file: string) => Uint8Array): DecodedProfile {
  const bytes = readSource(file, read);
  return named(file, () => decodeProfile(bytes));
}

/** Runs `load`; a ProfileError from it gets the file's name in front. */
function named<T>(file: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof ProfileError || (e as NodeJS.ErrnoException).code) throw new Error(describe(e, file));
    throw e;
  }
}

function describe(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory, not a profile`;
  if (code === 'EACCES') return `${file}: permission denied`;
  const msg = e instanceof Error ? e.message : String(e);
  return `${file}: ${msg}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

// Bundled into another program (the bench's measure.js), this module is inlined into its main module too:
// only a program named cli runs the command line.
if (require.main === module && /(^|[\\/])cli\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  // A reader that stops early (`| head`) closes the pipe: the rest of the table is not wanted, which is no error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = main(process.argv.slice(2));
}
