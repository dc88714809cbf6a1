// The workspace's Go files keyed by every trailing run of path segments ("x.go", "pkg/x.go", …), so the
// longest unique suffix of a profile's path is found with one map lookup per segment of that path:
// the cost does not grow with the number of files. Pure: the caller adds and removes files.
import { normalizePath } from './pathSpelling';

export class SuffixIndex {
  /** suffix → the files that end with it (usually one). */
  private readonly bySuffix = new Map<string, string[]>();
  private readonly files = new Set<string>();

  get size(): number {
    return this.files.size;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /**
   * Adds a file. `root` is the workspace folder holding it: only the segments below the root become
   * keys, since those above are shared by every file of that folder and cannot tell files apart.
   */
  add(path: string, root: string): void {
    const p = normalizePath(path);
    if (this.files.has(p)) return;
    this.files.add(p);
    for (const key of suffixes(p, normalizePath(root))) {
      const list = this.bySuffix.get(key);
      if (list) list.push(p);
      else this.bySuffix.set(key, [p]);
    }
  }

  /** Removes a file; false when it was not indexed. */
  remove(path: string, root: string): boolean {
    const p = normalizePath(path);
    if (!this.files.delete(p)) return false;
    for (const key of suffixes(p, normalizePath(root))) {
      const list = this.bySuffix.get(key);
      if (!list) continue;
      const rest = list.filter((f) => f !== p);
      if (rest.length) this.bySuffix.set(key, rest);
      else this.bySuffix.delete(key);
    }
    return true;
  }

  /** Removes every file inside a folder (deleted at once); returns how many. */
  removeUnder(dir: string, root: string): number {
    const prefix = normalizePath(dir) + '/';
    let n = 0;
    for (const f of [...this.files]) if (f.startsWith(prefix) && this.remove(f, root)) n++;
    return n;
  }

  clear(): void {
    this.bySuffix.clear();
    this.files.clear();
  }

  /**
   * The one file sharing the longest suffix with `profilePath`, at least its base name; undefined when
   * no file matches or the longest match is shared by several files (a guess would mislead).
   */
  lookup(profilePath: string): string | undefined {
    const segments = normalizePath(profilePath).split('/').filter((s) => s !== '');
    for (let from = 0; from < segments.length; from++) {
      const list = this.bySuffix.get(segments.slice(from).join('/'));
      if (list) return list.length === 1 ? list[0] : undefined;
    }
    return undefined;
  }
}

function suffixes(path: string, root: string): string[] {
  const rel = path.startsWith(root + '/') ? path.slice(root.length + 1) : path;
  const segments = rel.split('/').filter((s) => s !== '');
  const keys: string[] = [];
  for (let from = segments.length - 1; from >= 0; from--) keys.push(segments.slice(from).join('/'));
  return keys;
}
