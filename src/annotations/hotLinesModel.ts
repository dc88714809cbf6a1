// The active profile's line index and, per local Go file, its numbers (FileHeat) and staleness.
// The index's file names arrive from the worker once per profile; a local file's entry is built the first
// time that file is asked for, from the numbers of the few profile files that resolve to it.
import * as vscode from 'vscode';
import type { ActiveProfile } from '../editor/profileRegistry';
import type { ValueType } from '../model/profile/profile';
import { LineIndexHead, LineIndexTable } from '../protocol/lineIndexColumns';
import { unpackStrings } from '../protocol/packedStrings';
import type { Services } from '../services';
import { Disposable } from '../disposable';
import { FileHeat } from './fileHeat';
import { isStale } from './lensText';
import { normalizePath } from '../source/pathSpelling';
import { ProfileFiles } from '../source/profileFiles';
import type { SourceResolver } from '../source/sourceResolver';

export interface DocEntry {
  readonly heat: FileHeat;
  /** The file on disk is newer than the profile. */
  readonly stale: boolean;
}

/** What the annotations show now: the active profile, its sample type and its total. */
export interface Shown {
  readonly profile: ActiveProfile;
  readonly sampleIndex: number;
  readonly sampleType: ValueType;
  readonly total: number;
}

interface Current {
  readonly profile: ActiveProfile;
  readonly index: LineIndexHead;
  readonly files: ProfileFiles;
  readonly docs: Map<string, Promise<DocEntry | undefined>>;
}

export class HotLinesModel extends Disposable {
  private current: Current | undefined;
  private generation = 0;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when anything shown may have changed: profile, sample type, resolutions, a saved file. */
  readonly onDidChange = this.changed.event;
  /** Whether a document is one the annotations annotate. */
  readonly annotates = (uri: vscode.Uri): boolean => this.resolver.annotates(uri);

  constructor(
    private readonly services: Services,
    private readonly resolver: SourceResolver,
  ) {
    super();
    this._register(services.profiles.onDidChangeActive((p) => void this.activate(p)));
    this._register(
      resolver.onDidChange(() => {
        if (!this.current) return;
        this.current.files.reset(resolver.resolver());
        this.current.docs.clear();
        this.changed.fire();
      }),
    );
    // A file written after the profile was taken becomes stale: its entry is rebuilt with the new mtime.
    const written = this._register(vscode.workspace.createFileSystemWatcher('**/*.go', true, false, true));
    this._register(written.onDidChange((uri) => this.forget(uri, true)));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.forget(d.uri, true)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri, false)));
    void this.activate(services.profiles.activeProfile());
  }

  shown(): Shown | undefined {
    const c = this.current;
    if (!c) return undefined;
    const t = c.profile.sampleIndex;
    const sampleType = c.index.sampleTypes[t];
    if (!sampleType) return undefined;
    return { profile: c.profile, sampleIndex: t, sampleType, total: c.index.totals[t] ?? 0 };
  }

  /** The numbers of a local Go file for the active profile; undefined when the profile has none for it. */
  entry(document: vscode.TextDocument): Promise<DocEntry | undefined> {
    const c = this.current;
    if (!c || !this.resolver.annotates(document.uri)) return Promise.resolve(undefined);
    const key = normalizePath(document.uri.fsPath);
    let e = c.docs.get(key);
    if (!e) {
      e = this.build(c, key, document);
      c.docs.set(key, e);
    }
    return e;
  }

  private async build(c: Current, path: string, document: vscode.TextDocument): Promise<DocEntry | undefined> {
    const matches = c.files.match(path);
    if (matches.length === 0) return undefined;
    const [columns, mtime] = await Promise.all([
      // The profile may have closed since; its annotations go with it.
      this.services.engine.lineIndexFiles(c.profile.handle, matches).catch(() => undefined),
      vscode.workspace.fs.stat(document.uri).then(
        (s) => s.mtime,
        () => 0,
      ),
    ]);
    if (!columns) return undefined;
    const files = new LineIndexTable(columns);
    const lineText = (n: number) => (n >= 1 && n <= document.lineCount ? document.lineAt(n - 1).text : undefined);
    const heat = new FileHeat(c.index, matches.map((_, k) => files.file(k)), lineText);
    return { heat, stale: isStale(mtime, c.profile.summary.timeNanos) };
  }

  private async activate(p: ActiveProfile | undefined): Promise<void> {
    const gen = ++this.generation;
    if (!p) {
      this.current = undefined;
      this.changed.fire();
      return;
    }
    if (this.current?.profile.handle === p.handle) {
      this.current = { ...this.current, profile: p };
      this.changed.fire();
      return;
    }
    try {
      const [index] = await Promise.all([this.services.engine.lineIndexHead(p.handle), this.resolver.ready]);
      if (gen !== this.generation || this.isDisposed) return;
      const files = new ProfileFiles(unpackStrings(index.files), this.resolver.resolver());
      this.current = { profile: p, index, files, docs: new Map() };
    } catch (e) {
      if (gen !== this.generation) return;
      this.current = undefined;
      console.error(`pprof Lens: no line index for ${p.uri.fsPath}: ${e instanceof Error ? e.message : e}`);
    }
    this.changed.fire();
  }

  private forget(uri: vscode.Uri, notify: boolean): void {
    if (!this.current || !this.resolver.annotates(uri)) return;
    if (this.current.docs.delete(normalizePath(uri.fsPath)) && notify) this.changed.fire();
  }
}
