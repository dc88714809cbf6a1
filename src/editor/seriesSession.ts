// One series view: reads the manifest (again whenever it is rewritten: a running series rewrites it after
// each snapshot; a file watcher says so, and a look at its mtime every few seconds while the view is visible
// or followed by the lenses catches what a watcher misses), answers the page's trend questions from the worker, and runs its row actions. It also
// computes the trend at line granularity that the growth lenses show while this view is the followed one.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { TrendResult } from '../model/profile/trendQueries';
import { assertNever } from '../protocol/messages';
import { SERIES_HIDDEN_FRAMES, type SeriesHostToWebview, type SeriesInfo, type SeriesTrendQuery, type SeriesWebviewToHost } from '../protocol/seriesMessages';
import type { Services } from '../services';
import { openSource } from './openSource';
import type { SeriesFocus, SeriesFocusOwner, SeriesLines } from './seriesFocus';
import { readSeriesManifest } from './seriesManifestRead';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

export const GOROUTINE_VIEW_TYPE = 'pprofLens.goroutines';
const SERIES_PAGE = { script: 'series.js', styles: ['main.css', 'series.css'], title: 'pprof series', loading: 'Reading the series…' };

/** How often a visible view looks at the manifest's mtime and size. */
const POLL_MS = 2000;

const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export class SeriesSession extends Disposable implements SeriesFocusOwner {
  private readonly folder: vscode.Uri;
  private series: SeriesInfo | undefined;
  /** Counts manifest reads: answers to questions about an older read are dropped by the page. */
  private generation = 0;
  private pageReady = false;
  private shownQuery: SeriesTrendQuery | undefined;
  private lines_: SeriesLines | undefined;
  private linesAsked = 0;
  private rereadTimer: NodeJS.Timeout | undefined;
  private focusName: string | undefined;
  /** The manifest's mtime and size at the last read. */
  private readStamp = '';

  constructor(
    readonly manifest: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    private readonly services: Services,
    private readonly focus: SeriesFocus,
  ) {
    super();
    this.folder = vscode.Uri.joinPath(manifest, '..');
    const webview = panel.webview;
    webview.options = webviewOptions(services.context.extensionUri);
    webview.html = renderWebviewHtml(webview, services.context.extensionUri, SERIES_PAGE);
    this._register(
      webview.onDidReceiveMessage((m: SeriesWebviewToHost) =>
        this.onMessage(m).catch((e) => void vscode.window.showErrorMessage(`pprof Lens: ${oneLine(e)}`)),
      ),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, 'manifest.json')));
    const reread = () => this.scheduleRead();
    this._register(watcher.onDidChange(reread));
    this._register(watcher.onDidCreate(reread));
    this._register(watcher.onDidDelete(reread));
    this._register(
      panel.onDidChangeViewState(() => {
        if (panel.active) focus.focus(this);
      }),
    );
    if (panel.active) focus.focus(this);
    const poll = setInterval(() => void this.poll(), POLL_MS);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register({ dispose: () => (clearTimeout(this.rereadTimer), clearInterval(poll), focus.closed(this)) });
  }

  lines(): SeriesLines | undefined {
    return this.lines_;
  }

  /** Re-reads the manifest: now, or (for a watcher's burst of events) once they settle. */
  private scheduleRead(delayMs = 150): void {
    clearTimeout(this.rereadTimer);
    this.rereadTimer = setTimeout(() => void this.read(), delayMs);
  }

  private async stamp(): Promise<string> {
    const s = await vscode.workspace.fs.stat(this.manifest).then(
      (x) => x,
      () => undefined,
    );
    return s ? `${s.mtime}:${s.size}` : 'gone';
  }

  private async poll(): Promise<void> {
    // A hidden view still matters while the growth lenses follow it.
    if (!this.pageReady || this.isDisposed || !(this.panel.visible || this.focus.follows(this))) return;
    if ((await this.stamp()) !== this.readStamp) this.scheduleRead(0);
  }

  private async read(): Promise<void> {
    const folderName = path.basename(this.folder.fsPath);
    let text: string;
    try {
      this.readStamp = await this.stamp();
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.manifest));
    } catch (e) {
      if (this.isDisposed) return;
      this.series = undefined;
      this.setLines(undefined);
      this.post({ type: 'problem', message: `Cannot read ${folderName}/manifest.json (${oneLine(e)}). Is the series folder still there?` });
      return;
    }
    if (this.isDisposed) return;
    const read = readSeriesManifest(text, folderName);
    if (!read.ok) {
      this.series = undefined;
      this.setLines(undefined);
      this.post({ type: 'problem', message: read.message });
      return;
    }
    this.series = read.series;
    this.generation++;
    this.panel.title = `${folderName} (series)`;
    this.post({ type: 'series', series: read.series, generation: this.generation });
    if (this.shownQuery) void this.computeLines(this.shownQuery);
    else this.setLines(undefined);
  }

  private post(m: SeriesHostToWebview): void {
    if (this.pageReady && !this.isDisposed) void this.panel.webview.postMessage(m);
  }

  /**
   * Shows a row. A hidden view's page is gone and reloads when revealed, so the row is asked for again
   * after its next `ready`, until the page says it showed it.
   */
  reveal(name: string): void {
    this.focusName = name;
    this.panel.reveal(undefined, false);
    this.post({ type: 'focusRow', name });
  }

  private files(query: SeriesTrendQuery): string[] {
    const info = this.series?.types.find((t) => t.type === query.type);
    return (info?.snapshots ?? []).map((s) => vscode.Uri.joinPath(this.folder, s.file).fsPath);
  }

  private trend(query: SeriesTrendQuery, granularity = query.granularity): Promise<TrendResult> {
    const hide = SERIES_HIDDEN_FRAMES[query.type];
    return this.services.engine.trend(this.files(query), { granularity, sampleIndex: query.sampleType, filters: hide ? { hide } : undefined });
  }

  private async onMessage(m: SeriesWebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.pageReady = true;
        await this.read();
        if (this.focusName) this.post({ type: 'focusRow', name: this.focusName });
        return;
      case 'focused':
        if (m.name === this.focusName) this.focusName = undefined;
        return;
      case 'trend': {
        const answer = await this.trend(m.query).then(
          (result) => ({ ok: true as const, result }),
          (e) => ({ ok: false as const, message: oneLine(e) }),
        );
        this.post({ type: 'trend', generation: m.generation, query: m.query, answer });
        return;
      }
      case 'goroutineTrend': {
        const info = this.series?.types.find((t) => t.type === 'goroutine');
        const dumps = (info?.dumps ?? []).map((d) => ({ time: d.time, file: vscode.Uri.joinPath(this.folder, d.file).fsPath }));
        const answer = await this.services.engine.goroutineTrend(dumps).then(
          (result) => ({ ok: true as const, result }),
          (e) => ({ ok: false as const, message: oneLine(e) }),
        );
        this.post({ type: 'goroutineTrend', generation: m.generation, answer });
        return;
      }
      case 'shown':
        this.shownQuery = m.query;
        await this.computeLines(m.query);
        return;
      case 'compare':
        return this.compare(m.seriesType, m.name);
      case 'openSource':
        return this.openSource(m.name, m.file, m.line);
      case 'openDump':
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(this.folder, m.file), GOROUTINE_VIEW_TYPE);
        return;
      default:
        assertNever(m);
    }
  }

  /** The lenses' trend: the shown type and sample type at line granularity. */
  private async computeLines(query: SeriesTrendQuery): Promise<void> {
    const asked = ++this.linesAsked;
    // One snapshot has no growth to show.
    const result = this.files(query).length < 2 ? undefined : await this.trend(query, 'lines').catch(() => undefined);
    if (asked !== this.linesAsked || this.isDisposed) return;
    const folderName = path.basename(this.folder.fsPath);
    this.setLines(result && { folderName, result, reveal: (name) => this.reveal(name) });
  }

  private setLines(lines: SeriesLines | undefined): void {
    if (lines === this.lines_) return;
    this.lines_ = lines;
    this.focus.updated(this);
  }

  private async compare(type: SeriesTrendQuery['type'], name: string): Promise<void> {
    const snaps = this.series?.types.find((t) => t.type === type)?.snapshots ?? [];
    if (snaps.length < 2) {
      void vscode.window.showWarningMessage('pprof Lens: a comparison needs two snapshots of this type; the series has fewer.');
      return;
    }
    const at = (i: number) => vscode.Uri.joinPath(this.folder, snaps[i].file);
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>('pprofLens.compareProfiles', {
      base: at(0),
      target: at(snaps.length - 1),
      mode: 'diff_base',
    });
    if (shown) await vscode.commands.executeCommand('pprofLens.revealFunction', { name });
  }

  /** A function row has no line: it goes to the line of that function that grew most. */
  private async openSource(name: string, file: string, line: number): Promise<void> {
    if (line <= 0) {
      const rows = this.lines_?.result.rows.filter((r) => r.name === name && r.file === file && (r.line ?? 0) > 0) ?? [];
      const best = rows.reduce<(typeof rows)[number] | undefined>((a, r) => (!a || r.growth > a.growth ? r : a), undefined);
      line = best?.line ?? 0;
    }
    await openSource(this.services, '', name, file, line);
  }
}
