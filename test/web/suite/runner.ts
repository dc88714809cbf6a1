// A small test runner for the web worker extension host, where neither mocha's Node entry nor node:assert
// exist: named async tests run one after another, and each outcome is logged as one console line that
// the Playwright side reads (page.on('console'): the host's console.log appears there).
import { SUITE_MARK, type SuiteEvent } from '../oracleTypes';

export interface Test {
  readonly name: string;
  run(): Promise<void>;
}

function emit(e: SuiteEvent): void {
  console.log(`${SUITE_MARK} ${JSON.stringify(e)}`);
}

export async function runTests(tests: readonly Test[], after: () => Promise<void>): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    try {
      await t.run();
      passed++;
      emit({ event: 'pass', name: t.name });
    } catch (e) {
      failed++;
      emit({ event: 'fail', name: t.name, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    } finally {
      await after().catch(() => undefined);
    }
  }
  emit({ event: 'done', passed, failed });
}

export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Polls until `probe` gives a value, or fails with what the last poll threw. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
