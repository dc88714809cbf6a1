// How pprof prints a path: Go's filepath.Clean after its default trimPath, and Go's filepath.Base.
/** Go's filepath.Clean after pprof's default trimPath ("/proc/self/cwd/" prefixes). */
export function cleanPath(path: string): string {
  if (path === '') return '';
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) {
      path = path.slice(prefix.length);
      if (path === '') return '';
      break;
    }
  }
  return goClean(path);
}

const UNCLEAN = /\/\/|(^|\/)\.\.?(\/|$)|.\/$/;

function goClean(path: string): string {
  if (path === '') return '.';
  if (!UNCLEAN.test(path)) return path;
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
