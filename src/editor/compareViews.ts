// The compare views (viewType pprofLens.compare): a webview panel per comparison, with the profile editor's
// page and session. A comparison that cannot be made opens no view: open() says why in one line. The open
// views are remembered in the workspace state by their titles, so a window reload restores them.
import * as vscode from 'vscode';
import { getComparePalette, onDidChangeConfig } from '../config';
import { Disposable, onePerOwner } from '../disposable';
import type { CompareOptions } from '../model/profile/comparison';
import type { ViewState } from '../protocol/viewState';
import type { Services } from '../services';
import { ComparePair, ComparisonDocument, sideNames } from './comparisonDocument';
import { compareFailure, missingFile, notLocal } from './compareMessages';
import { ProfileSession } from './profileSession';

export const COMPARE_VIEW_TYPE = 'pprofLens.compare';

export type CompareOpenResult = { readonly ok: true; readonly pair: ComparePair } | { readonly ok: false; readonly message: string };

/** What a reload needs to open a view again; `title` is how VS Code's restored panel is recognised. */
interface Remembered {
  readonly title: string;
  readonly base: string;
  readonly target: string;
  readonly options: CompareOptions;
}

const MEMENTO_KEY = 'pprofLens.compareViews';

interface OpenView {
  readonly document: ComparisonDocument;
  readonly session: ProfileSession;
  readonly panel: vscode.WebviewPanel;
}

export class CompareViews extends Disposable {
  /** The last view state of each pair, as the profile editor keeps one per file. */
  private readonly savedStates = new Map<string, ViewState>();
  private readonly views = new Set<OpenView>();

  constructor(private readonly services: Services) {
    super();
    let palette = getComparePalette();
    this._register(
      onDidChangeConfig(() => {
        if (getComparePalette() === palette) return;
        palette = getComparePalette();
        this.views.forEach((v) => v.session.refresh());
      }),
    );
    this._register({ dispose: () => [...this.views].forEach((v) => v.panel.dispose()) });
  }

  /** Restores the compare views of the last session after a window reload. */
  static register(services: Services): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => compareViews(services).restore(panel),
    });
  }

  /**
   * Opens (or shows, when one is open already) the compare view of `pair`. `byTime`: the sides are put in
   * time order first, the older one as the base (the profiles' own times, else the files' mtimes).
   */
  async open(pair: ComparePair, options: CompareOptions, byTime = false): Promise<CompareOpenResult> {
    for (const side of ['base', 'target'] as const) {
      const uri = pair[side];
      if (!this.services.platform.isLocal(uri)) return { ok: false, message: notLocal(side, uri.toString()) };
    }
    // Unless the sides may swap, the worker starts reading the pair while the files' times are looked up (in
    // the web build that is a round trip through the workbench); a missing file then takes the document away.
    // The request starts the threads it needs (startWorker.ts).
    const ahead = byTime || this.find(pair, options) ? undefined : this.newDocument(pair, options);
    const mtimes = await Promise.all([pair.base, pair.target].map((u) => this.services.platform.mtime(u)));
    for (const [i, side] of (['base', 'target'] as const).entries()) {
      if (mtimes[i] !== undefined) continue;
      ahead?.dispose();
      return { ok: false, message: missingFile(side, pair[side].fsPath) };
    }
    if (byTime && mtimes[0]! > mtimes[1]!) pair = { base: pair.target, target: pair.base };
    const existing = this.find(pair, options);
    if (existing) {
      ahead?.dispose();
      existing.panel.reveal();
      return { ok: true, pair };
    }

    const document = ahead ?? this.newDocument(pair, options);
    // The page loads while the worker reads the pair (seconds for big profiles), as the profile editor's
    // does; a pair that cannot be compared takes its panel away again. A pair put in time order may swap
    // once loaded, so its panel waits.
    const early = byTime ? undefined : this.openPanel(document);
    const attached = early && this.attach(early, document);
    let r = await document.loaded;
    const c = r.ok ? r.summary.comparison : undefined;
    // File times say little (a checkout gives all files one); the profiles' own times are when they were taken.
    if (byTime && r.ok && c && c.base.timeNanos > 0 && c.target.timeNanos > 0 && c.base.timeNanos > c.target.timeNanos) {
      r = await document.reopen({ swap: true });
    }
    if (!r.ok) {
      early?.dispose();
      document.dispose();
      return { ok: false, message: compareFailure(r.message, sideNames(document.pair)) };
    }
    await (attached ?? this.attach(this.openPanel(document), document));
    return { ok: true, pair: document.pair };
  }

  private newDocument(pair: ComparePair, options: CompareOptions): ComparisonDocument {
    return new ComparisonDocument(this.services.engine, this.services.platform.engineFile, pair, options, getComparePalette);
  }

  private openPanel(document: ComparisonDocument): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, document.title, vscode.ViewColumn.Active, { enableFindWidget: false });
  }

  private async restore(panel: vscode.WebviewPanel): Promise<void> {
    const taken = new Set([...this.views].map((v) => v.panel.title));
    const m = this.remembered().find((e) => e.title === panel.title && !taken.has(e.title));
    const pair = m && { base: vscode.Uri.parse(m.base), target: vscode.Uri.parse(m.target) };
    const missing = pair && (await Promise.all([pair.base, pair.target].map((u) => this.services.platform.mtime(u)))).some((t) => t === undefined);
    if (!m || !pair || missing) {
      panel.dispose();
      return;
    }
    const document = this.newDocument(pair, m.options);
    const r = await document.loaded;
    if (!r.ok) {
      document.dispose();
      panel.dispose();
      void vscode.window.showErrorMessage(`pprof Lens: ${compareFailure(r.message, sideNames(pair))}`);
      return;
    }
    await this.attach(panel, document);
  }

  private async attach(panel: vscode.WebviewPanel, document: ComparisonDocument): Promise<void> {
    const session = new ProfileSession(document, panel, this.services, this.savedStates);
    const view = { document, session, panel };
    this.views.add(view);
    this.remember();
    panel.onDidDispose(() => {
      this.views.delete(view);
      document.dispose();
      this.remember();
    });
    // A swap changes the title and the pair; the next reload must find them.
    document.onDidReopen = () => this.remember();
    await session.ready;
  }

  private remembered(): Remembered[] {
    return this.services.context.workspaceState.get<Remembered[]>(MEMENTO_KEY, []);
  }

  private remember(): void {
    const list: Remembered[] = [...this.views].map(({ document: d }) => ({ title: d.title, base: d.pair.base.toString(), target: d.pair.target.toString(), options: d.options }));
    void this.services.context.workspaceState.update(MEMENTO_KEY, list);
  }

  private find(pair: ComparePair, options: CompareOptions): OpenView | undefined {
    for (const v of this.views) {
      const d = v.document;
      if (d.pair.base.toString() === pair.base.toString() && d.pair.target.toString() === pair.target.toString() && d.options.mode === options.mode && d.options.normalize === options.normalize) return v;
    }
    return undefined;
  }
}

/** The one CompareViews of these services, disposed with the extension. */
export const compareViews = onePerOwner((services: Services) => new CompareViews(services));
