// Maps a source file name as a profile spells it to a local file. Pure: no vscode, no fs; the caller
// supplies the environment (mappings, go.mod roots, go env) and an existence check.
import type { SuffixIndex } from './suffixIndex';
import { isAbsolutePath, normalizePath } from './pathSpelling';

export interface PathMapping {
  /** A path prefix as profiles spell it, normalised. */
  readonly from: string;
  /** The local folder it stands for, normalised. */
  readonly to: string;
}

export interface ModuleRoot {
  /** The module path from a go.mod, e.g. github.com/acme/svc. */
  readonly path: string;
  /** The folder holding that go.mod, normalised. */
  readonly dir: string;
}

export interface ResolverEnv {
  readonly mappings: readonly PathMapping[];
  readonly modules: readonly ModuleRoot[];
  /** `go env GOMODCACHE`, normalised; undefined without a go toolchain. */
  readonly goModCache?: string;
  /** `go env GOROOT`, normalised. */
  readonly goRoot?: string;
  readonly workspaceFiles: SuffixIndex;
  /** Whether a local file exists at a normalised path. */
  exists(path: string): boolean;
}

export type ResolvedBy = 'exact' | 'mapping' | 'module' | 'modcache' | 'vendor' | 'goroot' | 'suffix';

export interface Resolved {
  readonly path: string;
  readonly by: ResolvedBy;
}

/** The module cache's spelling of a module path or version: each capital X becomes "!x". */
export function escapeModulePath(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** The module path declared by a go.mod, e.g. `module github.com/acme/svc` or `module "x"`. */
export function modulePathOf(goMod: string): string | undefined {
  const m = /^\s*module\s+"?([^\s"]+)"?/m.exec(goMod);
  return m?.[1];
}

function firstSegment(p: string): string {
  const i = p.indexOf('/');
  return i < 0 ? p : p.slice(0, i);
}

/**
 * A resolver over one environment. Each rule is tried in order and the first that names an existing
 * file wins. Mappings and modules are sorted once, longest first, so the most specific one wins.
 */
export function createResolver(env: ResolverEnv): (profilePath: string) => Resolved | undefined {
  const sorted: ResolverEnv = {
    ...env,
    mappings: [...env.mappings].sort((a, b) => b.from.length - a.from.length),
    modules: [...env.modules].sort((a, b) => b.path.length - a.path.length),
    exists: (path) => env.exists(path),
  };
  return (profilePath) => {
    const p = normalizePath(profilePath);
    if (p === '') return undefined;
    return exact(p, sorted) ?? mapped(p, sorted) ?? inModule(p, sorted) ?? versioned(p, sorted) ?? inGoRoot(p, sorted) ?? suffix(p, sorted);
  };
}

function exact(p: string, env: ResolverEnv): Resolved | undefined {
  return isAbsolutePath(p) && env.exists(p) ? { path: p, by: 'exact' } : undefined;
}

/** Whether `p` is `prefix` or lies under it, on a segment boundary; returns the rest ('' or 'a/b.go'). */
function under(p: string, prefix: string): string | undefined {
  if (prefix === '') return undefined;
  if (p === prefix) return '';
  const pre = prefix.endsWith('/') ? prefix : prefix + '/';
  return p.startsWith(pre) ? p.slice(pre.length) : undefined;
}

function join(dir: string, rest: string): string {
  return rest === '' ? dir : dir === '/' ? '/' + rest : `${dir}/${rest}`;
}

function mapped(p: string, env: ResolverEnv): Resolved | undefined {
  for (const m of env.mappings) {
    const rest = under(p, m.from);
    if (rest === undefined) continue;
    const local = join(m.to, rest);
    if (env.exists(local)) return { path: local, by: 'mapping' };
  }
  return undefined;
}

/** -trimpath spells the main module's files as <module path>/<file>. */
function inModule(p: string, env: ResolverEnv): Resolved | undefined {
  for (const m of env.modules) {
    const rest = under(p, m.path);
    if (!rest) continue;
    const local = join(m.dir, rest);
    if (env.exists(local)) return { path: local, by: 'module' };
  }
  return undefined;
}

const VERSIONED = /^([^@]+)@([^/]+)\/(.+)$/;

/**
 * Dependencies: "mod@v1.2.3/file.go" (-trimpath) or ".../pkg/mod/mod@v1.2.3/file.go" (another
 * machine's module cache, already escaped) → the local module cache; then a vendor folder.
 */
function versioned(p: string, env: ResolverEnv): Resolved | undefined {
  const cacheAt = p.lastIndexOf('/pkg/mod/');
  if (cacheAt >= 0 && env.goModCache) {
    const rel = p.slice(cacheAt + '/pkg/mod/'.length);
    const local = join(env.goModCache, rel);
    if (rel.includes('@') && env.exists(local)) return { path: local, by: 'modcache' };
  }
  if (isAbsolutePath(p)) return undefined;
  const m = VERSIONED.exec(p);
  if (!m) return undefined;
  const [, mod, version, rest] = m;
  if (env.goModCache) {
    const local = join(env.goModCache, `${escapeModulePath(mod)}@${escapeModulePath(version)}/${rest}`);
    if (env.exists(local)) return { path: local, by: 'modcache' };
  }
  for (const root of env.modules) {
    const local = join(root.dir, `vendor/${mod}/${rest}`);
    if (env.exists(local)) return { path: local, by: 'vendor' };
  }
  return undefined;
}

/** The standard library: "$GOROOT/src/…", "runtime/proc.go" (-trimpath), or another machine's GOROOT. */
function inGoRoot(p: string, env: ResolverEnv): Resolved | undefined {
  const root = env.goRoot;
  if (!root) return undefined;
  const candidates: string[] = [];
  if (p.startsWith('$GOROOT/')) candidates.push(join(root, p.slice('$GOROOT/'.length)));
  else if (!isAbsolutePath(p)) {
    // Standard-library import paths have no dot in their first element; module paths do.
    if (!firstSegment(p).includes('.')) candidates.push(join(root, 'src/' + p));
  } else {
    for (let i = p.indexOf('/src/'); i >= 0; i = p.indexOf('/src/', i + 1)) {
      const rest = p.slice(i + '/src/'.length);
      if (!firstSegment(rest).includes('.')) candidates.push(join(root, 'src/' + rest));
    }
  }
  for (const local of candidates) if (env.exists(local)) return { path: local, by: 'goroot' };
  return undefined;
}

/**
 * The last resort, for paths from other machines. Paths that name a dependency (a module version) or the
 * standard library belong to those rules alone: a same-named workspace file would be the wrong file.
 */
function suffix(p: string, env: ResolverEnv): Resolved | undefined {
  const dirs = p.slice(0, p.lastIndexOf('/') + 1);
  if (dirs.includes('@') || p.startsWith('$GOROOT/')) return undefined;
  if (!isAbsolutePath(p) && !firstSegment(p).includes('.')) return undefined;
  const local = env.workspaceFiles.lookup(p);
  return local === undefined ? undefined : { path: local, by: 'suffix' };
}
