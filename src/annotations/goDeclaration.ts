// Where a Go function is declared, for profiles that do not record Function.start_line (Go before
// 1.20 leaves it 0). Searches upwards from the function's first sampled line. Pure.

/**
 * The part of a pprof function name after the package: "github.com/a/b.(*T).M" → "(*T).M",
 * "main.handle.func1" → "handle.func1". Generic type arguments ("[...]") are dropped.
 */
export function localName(name: string): string {
  const afterPath = name.slice(name.lastIndexOf('/') + 1).replace(/\[[^\]]*\]/g, '');
  const dot = afterPath.indexOf('.');
  return dot < 0 ? afterPath : afterPath.slice(dot + 1);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for the declaration line of `name`. */
function declarationPattern(name: string): RegExp {
  const parts = localName(name).split('.');
  const last = parts[parts.length - 1];
  // Closures are named parent.func1, parent.func1.1 …: their line holds a function literal.
  if (/^(func)?\d+$/.test(last) && parts.length > 1) return /(^|[^\w.])func\s*\(/;
  if (parts.length >= 2 && /^\(?\*?\w+\)?$/.test(parts[0])) {
    const receiver = parts[0].replace(/[()*]/g, '');
    return new RegExp(`^func\\s*\\([^)]*\\b${escapeRegExp(receiver)}\\b[^)]*\\)\\s*${escapeRegExp(last)}\\s*[[(]`);
  }
  return new RegExp(`^func\\s+${escapeRegExp(last)}\\s*[[(]`);
}

/**
 * The 1-based line declaring `name`: the nearest line from `firstLine` up to `lowest` (both included)
 * that matches, or `firstLine` when none does. `lineText(n)` gives line n's text, undefined past the end.
 */
export function findDeclaration(name: string, firstLine: number, lineText: (line: number) => string | undefined, lowest = 1): number {
  const pattern = declarationPattern(name);
  for (let n = firstLine, stop = Math.max(1, lowest); n >= stop; n--) {
    const text = lineText(n);
    if (text !== undefined && pattern.test(text)) return n;
  }
  return firstLine;
}
