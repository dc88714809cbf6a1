// Finds which of a profile's files stand for one local file. Every resolution rule keeps the base name,
// so only the profile's files with the local file's base name are resolved, and each at most once.
import type { Resolved } from './pathResolution';
import { baseName, normalizePath } from './pathSpelling';

export class ProfileFiles {
  private readonly byBase = new Map<string, number[]>();
  private readonly resolved = new Map<number, Resolved | undefined>();

  /** `files` as the profile spells them; indexes into it are what `match` returns. */
  constructor(
    private readonly files: readonly string[],
    private resolve: (profilePath: string) => Resolved | undefined,
  ) {
    files.forEach((f, i) => {
      const base = baseName(normalizePath(f));
      const list = this.byBase.get(base);
      if (list) list.push(i);
      else this.byBase.set(base, [i]);
    });
  }

  /** The resolution environment changed (files added or removed, settings): forget earlier answers. */
  reset(resolve: (profilePath: string) => Resolved | undefined): void {
    this.resolve = resolve;
    this.resolved.clear();
  }

  /** Indexes of the profile's files that resolve to `localPath`. */
  match(localPath: string): number[] {
    const local = normalizePath(localPath);
    const candidates = this.byBase.get(baseName(local)) ?? [];
    return candidates.filter((i) => this.resolutionOf(i)?.path === local);
  }

  resolutionOf(i: number): Resolved | undefined {
    if (!this.resolved.has(i)) this.resolved.set(i, this.resolve(this.files[i]));
    return this.resolved.get(i);
  }
}
