// The comparison of two local profile files, open in the worker under a handle, as a compare view shows it.
// Swapping the sides or changing the options opens a new comparison under a new handle; the old one is
// closed only once the new one has loaded, so a failed reopen leaves the view as it was.
import * as vscode from 'vscode';
import type { CompareOptions } from '../model/profile/comparison';
import type { CompareInit, DiffPalette } from '../protocol/messages';
import type { EngineCalls } from '../worker/engineCalls';
import type { LoadResult } from './profileDocument';
import type { CompareChange, SessionSource } from './profileSession';

export interface ComparePair {
  readonly base: vscode.Uri;
  readonly target: vscode.Uri;
}

interface Opened {
  readonly pair: ComparePair;
  readonly options: CompareOptions;
  readonly handle: string;
  readonly loaded: Promise<LoadResult>;
}

let nextHandle = 1;

export const fileNameOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** The names of the two sides: file names, or paths relative to the workspace when two files have one name. */
export function sideNames(pair: ComparePair): { base: string; target: string } {
  const base = fileNameOf(pair.base);
  const target = fileNameOf(pair.target);
  if (base !== target || pair.base.toString() === pair.target.toString()) return { base, target };
  return { base: vscode.workspace.asRelativePath(pair.base), target: vscode.workspace.asRelativePath(pair.target) };
}

export class ComparisonDocument implements SessionSource {
  private current: Opened;
  /** Reopens run one after another, each from the result of the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** Called after each reopen that succeeded. */
  onDidReopen: (() => void) | undefined;

  constructor(
    private readonly engine: EngineCalls,
    /** What the engine is given to read a side (Platform.engineFile). */
    private readonly engineFile: (uri: vscode.Uri) => string,
    pair: ComparePair,
    options: CompareOptions,
    private readonly palette: () => DiffPalette,
  ) {
    this.current = this.open(pair, options);
  }

  get pair(): ComparePair {
    return this.current.pair;
  }
  get options(): CompareOptions {
    return this.current.options;
  }
  get uri(): vscode.Uri {
    return this.current.pair.target;
  }
  get baseUri(): vscode.Uri {
    return this.current.pair.base;
  }
  get handle(): string {
    return this.current.handle;
  }
  get loaded(): Promise<LoadResult> {
    return this.current.loaded;
  }
  get fileName(): string {
    return fileNameOf(this.uri);
  }
  get title(): string {
    const names = sideNames(this.pair);
    return `${names.base} ↔ ${names.target}`;
  }
  get stateKey(): string {
    return `compare:${this.pair.base.toString()}|${this.pair.target.toString()}`;
  }

  compareInit(): CompareInit {
    const names = sideNames(this.pair);
    return { baseName: names.base, targetName: names.target, palette: this.palette() };
  }

  reopen(change: CompareChange): Promise<LoadResult> {
    const next = this.queue.then(async (): Promise<LoadResult> => {
      const prev = this.current;
      const pair = 'swap' in change ? { base: prev.pair.target, target: prev.pair.base } : prev.pair;
      const options = 'options' in change ? change.options : prev.options;
      const opened = this.open(pair, options);
      const r = await opened.loaded;
      if (!r.ok) return r;
      if (this.disposed) {
        this.close(opened);
        return r;
      }
      this.current = opened;
      this.close(prev);
      this.onDidReopen?.();
      return r;
    });
    this.queue = next;
    return next;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.close(this.current);
  }

  private open(pair: ComparePair, options: CompareOptions): Opened {
    const handle = `compare-${nextHandle++}`;
    const names = sideNames(pair);
    const loaded = this.engine.openComparison(handle, { base: this.engineFile(pair.base), target: this.engineFile(pair.target) }, options, names).then(
      (summary): LoadResult => ({ ok: true, summary }),
      (e: unknown): LoadResult => ({ ok: false, message: (e instanceof Error ? e.message : String(e)).split('\n')[0] }),
    );
    return { pair, options, handle, loaded };
  }

  private close(o: Opened): void {
    void o.loaded.then((r) => (r.ok ? this.engine.close(o.handle) : undefined)).catch(() => undefined);
  }
}
