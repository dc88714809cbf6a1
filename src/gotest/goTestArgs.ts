// The `go test` command line of one profiled run. Pure: the runner spawns it without a shell, so the
// patterns need no quoting.
import type { TestFunctionKind } from './testFunctions';

export const TEST_PROFILE_KINDS = ['cpu', 'mem', 'block', 'mutex'] as const;
export type TestProfileKind = (typeof TEST_PROFILE_KINDS)[number];

export const isTestProfileKind = (k: unknown): k is TestProfileKind => TEST_PROFILE_KINDS.includes(k as TestProfileKind);

export interface GoTestArgsInput {
  readonly name: string;
  readonly kind: TestFunctionKind;
  readonly profile: TestProfileKind;
  /** Where the test binary writes the profile (absolute). */
  readonly profileFile: string;
  /** Where `go test` keeps the test binary (absolute). */
  readonly binaryFile: string;
  /** The user's flags (pprofLens.test.flags): `-benchtime=2s`, `-count=3`, `-tags=integration`… */
  readonly extraFlags?: readonly string[];
}

const PROFILE_FLAG: Readonly<Record<TestProfileKind, string>> = {
  cpu: '-cpuprofile',
  mem: '-memprofile',
  block: '-blockprofile',
  mutex: '-mutexprofile',
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `go test` runs in the package's folder on `.`. A test runs alone under -v (its `--- PASS` line gives
 * its duration); a benchmark runs with no test (`-run '^$'`) and -benchmem, so B/op and allocs/op are measured.
 */
export function goTestArgs(o: GoTestArgsInput): string[] {
  const only = `^${escapeRegExp(o.name)}$`;
  const select = o.kind === 'test' ? ['-run', only, '-v'] : ['-run', '^$', '-bench', only, '-benchmem'];
  return ['test', ...select, PROFILE_FLAG[o.profile], o.profileFile, '-o', o.binaryFile, ...(o.extraFlags ?? []), '.'];
}

/** The command line as a person would type it in a shell, for the output channel. */
export function commandLine(goBinary: string, args: readonly string[]): string {
  return [goBinary, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
