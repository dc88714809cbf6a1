// The tests and benchmarks declared in a `_test.go` file, found as `go test` finds them: a top-level
// `func TestXxx(t *testing.T)` or `func BenchmarkXxx(b *testing.B)` whose name goes on with no lower-case
// letter. Comments and string literals are blanked first, so a declaration in a comment is not one. Pure.

export type TestFunctionKind = 'test' | 'benchmark';

export interface TestFunction {
  readonly name: string;
  readonly kind: TestFunctionKind;
  /** 0-based line of the `func` keyword. */
  readonly line: number;
}

/** `text` with comments, strings and runes replaced by spaces; newlines are kept, so lines keep their numbers. */
export function blankCommentsAndStrings(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    let end = -1;
    if (c === '/' && next === '/') end = lineEnd(text, i);
    else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      end = close < 0 ? text.length : close + 2;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      end = close < 0 ? text.length : close + 1;
    } else if (c === '"' || c === "'") end = quotedEnd(text, i, c);
    if (end < 0) {
      i++;
      continue;
    }
    blank(i, end);
    i = end;
  }
  return out.join('');
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** The end of an interpreted string or rune starting at `from`; it stops at the line's end if unclosed. */
function quotedEnd(text: string, from: number, quote: string): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
  }
  return text.length;
}

/** The names `testing` is imported under: `testing` by default, an alias, or `.` for a dot import. */
function testingNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:import[ \t]+)?(?:([A-Za-z_]\w*|\.)[ \t]+)?"testing"[ \t]*(?:\/\/.*)?$/gm)) names.add(m[1] ?? 'testing');
  return names.size ? names : new Set(['testing']);
}

const DECLARATION = /^func[ \t]+((Test|Benchmark)(?![a-z])\w*)[ \t]*\(\s*(?:[A-Za-z_]\w*\s+)?\*\s*(?:([A-Za-z_]\w*)\s*\.\s*)?([TB])\s*,?\s*\)/gm;

/** The tests and benchmarks of a `_test.go` file's text, in the order they are declared. */
export function findTestFunctions(text: string): TestFunction[] {
  const code = blankCommentsAndStrings(text);
  const names = testingNames(text);
  const found: TestFunction[] = [];
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  for (const m of code.matchAll(DECLARATION)) {
    const [, name, prefix, qualifier, type] = m;
    const kind: TestFunctionKind = prefix === 'Test' ? 'test' : 'benchmark';
    if (type !== (kind === 'test' ? 'T' : 'B')) continue;
    if (qualifier ? !names.has(qualifier) : !names.has('.')) continue;
    found.push({ name, kind, line: lineOf(lineStarts, m.index!) });
  }
  return found;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The kind a name says, or undefined when `go test` would not run it as a test or a benchmark. */
export function testKindOfName(name: string): TestFunctionKind | undefined {
  if (/^Test(?![a-z])\w*$/.test(name)) return 'test';
  if (/^Benchmark(?![a-z])\w*$/.test(name)) return 'benchmark';
  return undefined;
}
