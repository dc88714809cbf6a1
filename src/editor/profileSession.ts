// One profile editor tab: wires its webview to the worker, keeps its view state, and reports the
// sample type and pprof total it shows to the registry.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ProfileSummary } from '../model/profile/queries';
import { Answer, assertNever, HostToWebview, Query, WebviewToHost } from '../protocol/messages';
import { flameQueryFor, topQueryFor } from '../protocol/viewQueries';
import { sanitizeViewState, ViewState } from '../protocol/viewState';
import type { Services } from '../services';
import { CancelledError, type EngineClientApi } from '../worker/rpc';
import { openSource } from './openSource';
import type { ProfileDocument } from './profileDocument';
import type { ProfileEditorEntry } from './profileRegistry';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

let nextSession = 1;

export class ProfileSession extends Disposable implements ProfileEditorEntry {
  private state: ViewState | undefined;
  private summary_: ProfileSummary | undefined;
  private readyCount = 0;
  private readonly initialized: Promise<void>;
  /** Answers asked for before the webview was up, handed over when it asks the same question. */
  private readonly prefetched = new Map<string, Promise<Answer>>();
  /** Those of them that have arrived, sent with `init` if the page asks for it after. */
  private readonly arrived = new Map<string, { query: Query; answer: Answer }>();
  /** One lane per kind of query: a view's newer question replaces its older one (a zoom it has left). */
  private readonly lanes: Record<Query['kind'], EngineClientApi>;

  constructor(
    private readonly document: ProfileDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly savedStates: Map<string, ViewState>,
  ) {
    super();
    const session = `${document.handle}#${nextSession++}`;
    const lane = (kind: Query['kind']) => services.engine.lane(`${session}:${kind}`);
    this.lanes = { top: lane('top'), flame: lane('flame'), callersCallees: lane('callersCallees') };
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
    this.initialized = this.initialize();
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }
  get handle(): string {
    return this.document.handle;
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
    const r = await this.document.loaded;
    if (!r.ok || this.isDisposed) return;
    this.summary_ = r.summary;
    const saved = this.savedStates.get(this.uri.toString());
    this.state = sanitizeViewState(saved ?? null, r.summary.sampleTypes.length, r.summary.defaultSampleIndex);
    // Asked while the webview is still starting; the flame graph and the table are computed side by side.
    this.prefetch({ kind: 'flame', query: flameQueryFor(this.state) });
    this.prefetch({ kind: 'top', query: topQueryFor(this.state) });
    this._register(this.services.profiles.add(this, this.panel.active));
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
      case 'openSource':
        return openSource(this.services, this.handle, m.name, m.file, m.line);
      case 'reopenAsText':
        await vscode.commands.executeCommand('vscode.openWith', this.uri, 'default', this.panel.viewColumn);
        return;
      case 'swapSides':
      case 'compareOptions':
        // Only the compare view sends these.
        return;
      default:
        assertNever(m);
    }
  }

  private async onReady(restored: ViewState | null): Promise<void> {
    const first = this.readyCount++ === 0;
    const r = await this.document.loaded;
    if (!r.ok) {
      this.post({ type: 'notProfile', fileName: this.document.fileName, message: r.message });
      return;
    }
    await this.initialized;
    // After a window reload only the webview remembers the state; later the host's copy is newer.
    if (first && restored && !this.savedStates.has(this.uri.toString())) this.setState(restored);
    const answers = [...this.arrived.entries()].map(([key, a]) => (this.prefetched.delete(key), a));
    this.arrived.clear();
    this.post({ type: 'init', fileName: this.document.fileName, summary: r.summary, state: this.state!, answers });
  }

  private setState(next: ViewState): void {
    const summary = this.summary_!;
    const prev = this.state;
    const s = sanitizeViewState(next, summary.sampleTypes.length, summary.defaultSampleIndex);
    this.state = s;
    this.savedStates.set(this.uri.toString(), s);
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
    this.prefetched.clear();
    this.arrived.clear();
    super.dispose();
  }
}
