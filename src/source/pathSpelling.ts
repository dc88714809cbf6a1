// How a path is spelled for comparison, whatever wrote it: a profile built on Windows, VS Code's fsPath, a
// Go toolchain. Path resolution and the suffix index both compare paths in this one spelling.

/**
 * One spelling for every path: '/' separators, no repeated or trailing '/', a lower-case drive letter
 * (VS Code's fsPath spells Windows drives "c:"). A leading "//" (UNC) is kept.
 */
export function normalizePath(p: string): string {
  let s = p.replace(/\\/g, '/');
  const unc = s.startsWith('//');
  s = s.replace(/\/{2,}/g, '/');
  if (unc) s = '/' + s;
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  if (/^[A-Za-z]:(\/|$)/.test(s)) s = s[0].toLowerCase() + s.slice(1);
  return s;
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[a-z]:\//i.test(p);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

