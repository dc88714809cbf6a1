// One profile view: wires its webview to the worker, keeps its view state, and reports the sample type and
// pprof total it shows to the registry. It drives a profile editor tab (a ProfileDocument) and a compare
// view (a ComparisonDocument) alike; only the compare view reopens its profile (swap, mode, normalize).
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ProfileSummary } from '../model/profile/queries';
import type { CompareOptions } from '../model/profile/comparison';
import { Answer, assertNever, CompareInit, HostToWebview, Query, WebviewToHost } from '../protocol/messages';
import { flameQueryFor, topQueryFor } from '../protocol/viewQueries';
import { sanitizeViewState, ViewState } from '../protocol/viewState';
import type { Services } from '../services';
import { CancelledError, type EngineClientApi } from '../worker/rpc';
import { FlameAhead } from './flameAhead';
import { openSource } from './openSource';
import type { LoadResult } from './profileDocument';
import type { ProfileEditorEntry } from './profileRegistry';
import { readSidecars, type Sidecars } from './sidecars';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

let nextSession = 1;

/** How the comparison of a compare view changes; `refresh`: a live view has a newer profile. */
export type CompareChange = { readonly swap: true } | { readonly options: CompareOptions } | { readonly refresh: true };

/** What a session shows: one profile file, or the comparison of two. */
export interface SessionSource {
  /** The profile file, or a comparison's target. */
  readonly uri: vscode.Uri;
  /** A comparison's base. */
  readonly baseUri?: vscode.Uri;
  /** Names the profile in the worker; a comparison gets a new one each time it reopens. */
  readonly handle: string;
  readonly fileName: string;
  /** The current load; never rejects. */
  readonly loaded: Promise<LoadResult>;
  /** Where the view state of this profile is kept between tabs. */
  readonly stateKey: string;
  /** A comparison's names and palette, sent with `init`. */
  compareInit?(): CompareInit;
  /** A comparison reopens with the change; on failure it keeps what it had. */
  reopen?(change: CompareChange): Promise<LoadResult>;
  /** The tab's title, when the source names it (the panel of a comparison). */
  readonly title?: string;
}

export class ProfileSession extends Disposable implements ProfileEditorEntry {
  private state: ViewState | undefined;
  private summary_: ProfileSummary | undefined;
  private readyCount = 0;
  private readonly initialized: Promise<void>;
  /** How many `ready`s the webview has sent that were answered with `init`: once it has one, a reopen sends another. */
  private inits = 0;
  /** Answers asked for before the webview was up, handed over when it asks the same question. */
  private readonly prefetched = new Map<string, Promise<Answer>>();
  /** Those of them that have arrived, sent with `init` if the page asks for it after. */
  private readonly arrived = new Map<string, { query: Query; answer: Answer }>();
  /** One lane per kind of query: a view's newer question replaces its older one (a zoom it has left). */
  private readonly lanes: Record<Query['kind'], EngineClientApi>;
  /** The trees of the likely zooms, given to the page ahead of its clicks. */
  private readonly ahead: FlameAhead;
  /** The records beside the profile file(s) (a fleet's, a run's), read beside the profile and sent with `init`. */
  private sidecars: Sidecars = {};
  private sidecarsRead: Promise<Sidecars>;

  constructor(
    private readonly source: SessionSource,
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly savedStates: Map<string, ViewState>,
  ) {
    super();
    const session = `${source.handle}#${nextSession++}`;
    const lane = (kind: Query['kind']) => services.engine.lane(`${session}:${kind}`);
    this.lanes = { top: lane('top'), flame: lane('flame'), callersCallees: lane('callersCallees'), labelBreakdown: lane('labelBreakdown') };
    this.ahead = new FlameAhead(services.engine.lane(`${session}:zoomAhead`), (query, tree) => this.post({ type: 'flameAhead', query, tree }));
    const webview = panel.webview;
    webview.options = webviewOptions(services.context.extensionUri);
    webview.html = renderWebviewHtml(webview, services.context.extensionUri);
    this._register(
      webview.onDidReceiveMessage((m: WebviewToHost) =>
        this.onMessage(m).catch((e) => void vscode.window.showErrorMessage(`pprof Lens: ${oneLine(e)}`)),
      ),
    );
    this._register(
      panel.onDidChangeViewState(() => {
        if (panel.active) services.profiles.focus(this);
      }),
    );
    this._register(panel.onDidDispose(() => this.dispose()));
    this.sidecarsRead = readSidecars(source.uri, source.baseUri);
    this.initialized = this.initialize();
  }

  get uri(): vscode.Uri {
    return this.source.uri;
  }
  get baseUri(): vscode.Uri | undefined {
    return this.source.baseUri;
  }
  get handle(): string {
    return this.source.handle;
  }
  /** Settles once the profile is loaded and, if it loaded, registered. */
  get ready(): Promise<void> {
    return this.initialized;
  }
  get summary(): ProfileSummary {
    return this.summary_!;
  }
  get sampleIndex(): number {
    return this.state?.sampleIndex ?? 0;
  }
  /** pprof's total of the shown sample type; pprof computes it before any filter. */
  get total(): number {
    return this.summary_?.totals[this.sampleIndex] ?? 0;
  }

  reveal(name: string): void {
    if (!this.state) return;
    this.setState({ ...this.state, selected: name });
    this.panel.reveal(undefined, false);
    this.post({ type: 'revealFunction', name });
  }

  async selectSampleIndex(index: number): Promise<void> {
    await this.initialized;
    if (!this.state) return;
    this.setState({ ...this.state, sampleIndex: index });
    this.post({ type: 'selectSampleType', sampleIndex: index });
  }

  private async initialize(): Promise<void> {
    const r = await this.source.loaded;
    if (!r.ok || this.isDisposed) return;
    this.adopt(r.summary, this.savedStates.get(this.source.stateKey) ?? null);
    this._register(this.services.profiles.add(this, this.panel.active));
  }

  /** Takes a (re)loaded profile: the view state fitted to it, and its first answers asked for early. */
  private adopt(summary: ProfileSummary, state: ViewState | null): void {
    this.summary_ = summary;
    this.state = sanitizeViewState(state, summary.sampleTypes.length, summary.defaultSampleIndex);
    this.prefetched.clear();
    this.arrived.clear();
    this.ahead.stop();
    // Asked while the webview is still starting; the flame graph and the table are computed side by side.
    this.prefetch({ kind: 'flame', query: flameQueryFor(this.state) });
    this.prefetch({ kind: 'top', query: topQueryFor(this.state) });
  }

  /** The source has a newer profile (a live view): it is taken, and the view starts again from `init`. */
  reload(): Promise<void> {
    return this.reopen({ refresh: true });
  }

  /** A compare view's swap or new options: the comparison reopens, and the view starts again from `init`. */
  private async reopen(change: CompareChange): Promise<void> {
    if (!this.source.reopen) return;
    await this.initialized;
    const r = await this.source.reopen(change);
    if (this.isDisposed) return;
    if (!r.ok) {
      void vscode.window.showErrorMessage(`pprof Lens: ${r.message}`);
      return;
    }
    // A swap exchanges the sides, and with them whose run card is the base's.
    this.sidecars = await (this.sidecarsRead = readSidecars(this.source.uri, this.source.baseUri));
    if (this.isDisposed) return;
    this.adopt(r.summary, this.state ?? null);
    if (this.source.title) this.panel.title = this.source.title;
    this.savedStates.set(this.source.stateKey, this.state!);
    this.services.profiles.changed(this);
    if (this.inits > 0) this.postInit(r.summary);
  }

  /** Sends `init` again, e.g. after the palette setting changed. */
  refresh(): void {
    if (this.inits > 0 && this.summary_) this.postInit(this.summary_);
  }

  private prefetch(q: Query): void {
    const key = JSON.stringify(q);
    const asked = this.ask(q);
    this.prefetched.set(key, asked);
    void asked.then((answer) => {
      if (this.prefetched.get(key) === asked && answer.kind !== 'cancelled') this.arrived.set(key, { query: q, answer });
    });
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.onReady(m.state);
      case 'state':
        if (this.state) this.setState(m.state);
        return;
      case 'query':
        return this.answer(m.id, m.query);
      case 'zoomAhead':
        return void this.ahead.start(this.handle, m.query);
      case 'aheadTaken':
        return this.ahead.pageTook();
      case 'openSource':
        return openSource(this.services, this.handle, m.name, m.file, m.line);
      case 'reopenAsText':
        // A comparison is no file: it has no text to show.
        if (this.source.reopen) return;
        await vscode.commands.executeCommand('vscode.openWith', this.uri, 'default', this.panel.viewColumn);
        return;
      case 'loadAndProfile':
        await vscode.commands.executeCommand('pprofLens.loadAndProfile');
        return;
      case 'swapSides':
        return this.reopen({ swap: true });
      case 'compareOptions':
        return this.reopen({ options: m.options });
      default:
        assertNever(m);
    }
  }

  private async onReady(restored: ViewState | null): Promise<void> {
    const first = this.readyCount++ === 0;
    const r = await this.source.loaded;
    if (!r.ok) {
      this.post({ type: 'notProfile', fileName: this.source.fileName, message: r.message });
      return;
    }
    await this.initialized;
    this.sidecars = await this.sidecarsRead;
    // After a window reload only the webview remembers the state; later the host's copy is newer.
    if (first && restored && !this.savedStates.has(this.source.stateKey)) this.setState(restored);
    this.postInit(this.summary_!);
  }

  private postInit(summary: ProfileSummary): void {
    this.inits++;
    const answers = [...this.arrived.entries()].map(([key, a]) => (this.prefetched.delete(key), a));
    this.arrived.clear();
    const compare = this.source.compareInit?.();
    this.post({ type: 'init', fileName: this.source.fileName, summary, state: this.state!, answers, ...(compare ? { compare } : {}), ...this.sidecars });
  }

  private setState(next: ViewState): void {
    const summary = this.summary_!;
    const prev = this.state;
    const s = sanitizeViewState(next, summary.sampleTypes.length, summary.defaultSampleIndex);
    this.state = s;
    this.savedStates.set(this.source.stateKey, s);
    const wanted = [JSON.stringify({ kind: 'flame', query: flameQueryFor(s) }), JSON.stringify({ kind: 'top', query: topQueryFor(s) })];
    for (const k of [...this.prefetched.keys()]) if (!wanted.includes(k)) this.prefetched.delete(k);
    for (const k of [...this.arrived.keys()]) if (!wanted.includes(k)) this.arrived.delete(k);
    if (prev && prev.sampleIndex !== s.sampleIndex) this.services.profiles.changed(this);
  }

  private async answer(id: number, q: Query): Promise<void> {
    this.post({ type: 'received', id });
    const key = JSON.stringify(q);
    const early = this.prefetched.get(key);
    this.prefetched.delete(key);
    this.arrived.delete(key);
    let answer = early && (await early);
    // An early answer that another question replaced before the view asked for it is asked again.
    if (!answer || answer.kind === 'cancelled') answer = await this.ask(q);
    this.post({ type: 'answer', id, answer });
  }

  private async ask(q: Query): Promise<Answer> {
    const engine = this.lanes[q.kind];
    try {
      switch (q.kind) {
        case 'top':
          return { kind: 'top', result: await engine.topColumns(this.handle, q.query) };
        case 'flame':
          return { kind: 'flame', result: await engine.flame(this.handle, q.query) };
        case 'callersCallees':
          return { kind: 'callersCallees', result: await engine.callersCallees(this.handle, q.query) };
        case 'labelBreakdown':
          return { kind: 'labelBreakdown', result: await engine.labelBreakdown(this.handle, q.query) };
        default:
          return assertNever(q);
      }
    } catch (e) {
      if (e instanceof CancelledError) return { kind: 'cancelled' };
      return { kind: 'error', message: oneLine(e) };
    }
  }

  private post(m: HostToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  override dispose(): void {
    this.ahead.stop();
    this.prefetched.clear();
    this.arrived.clear();
    super.dispose();
  }
}
