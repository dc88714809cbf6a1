// The live profile view of a load run: a webview panel with the profile editor's page and session, showing
// the merge of the CPU windows captured so far. Each new merge is opened in the worker under a new handle;
// the view takes it once it has loaded and the old one is closed, as a compare view reopens. The run's
// final profile, opened in the profile editor, replaces it.
import * as vscode from 'vscode';
import type { LoadResult } from '../editor/profileDocument';
import { ProfileSession, type SessionSource } from '../editor/profileSession';
import type { ViewState } from '../protocol/viewState';
import type { Services } from '../services';

export const LIVE_VIEW_TYPE = 'pprofLens.live';

interface Opened {
  readonly handle: string;
  readonly loaded: Promise<LoadResult>;
}

let nextLive = 1;

class LiveDocument implements SessionSource {
  readonly uri: vscode.Uri;
  readonly stateKey: string;
  fileName: string;
  private current: Opened;
  private newest: Opened;
  private disposed = false;

  constructor(
    private readonly services: Services,
    id: number,
    first: Opened,
    name: string,
  ) {
    this.uri = vscode.Uri.from({ scheme: 'pprof-live', path: `/${id}` });
    this.stateKey = this.uri.toString();
    this.current = this.newest = first;
    this.fileName = name;
  }

  get handle(): string {
    return this.current.handle;
  }
  get loaded(): Promise<LoadResult> {
    return this.current.loaded;
  }
  get title(): string {
    return this.fileName;
  }

  offer(next: Opened, name: string): void {
    this.newest = next;
    this.fileName = name;
  }

  /** Takes the newest profile offered, once it has loaded; a failed load keeps what the view had. */
  async reopen(): Promise<LoadResult> {
    const next = this.newest;
    const r = await next.loaded;
    if (!r.ok || next === this.current) return r;
    if (this.disposed) {
      this.close(next);
      return r;
    }
    const prev = this.current;
    this.current = next;
    this.close(prev);
    return r;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.close(this.current);
    if (this.newest !== this.current) this.close(this.newest);
  }

  private close(o: Opened): void {
    void o.loaded.then((r) => (r.ok ? this.services.engine.close(o.handle) : undefined)).catch(() => undefined);
  }
}

export class LiveView {
  private readonly id = nextLive++;
  private document: LiveDocument | undefined;
  private session: ProfileSession | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private version = 0;
  /** Updates run one after another; a slow one is not overtaken by the next. */
  private queue: Promise<void> = Promise.resolve();
  private readonly savedStates = new Map<string, ViewState>();
  private closed = false;

  constructor(
    private readonly services: Services,
    private readonly what: string,
    private readonly seconds: number,
  ) {}

  /** Shows the merge of the windows so far, which cover `covered` of the run's seconds. */
  update(bytes: Uint8Array, covered: number): void {
    if (this.closed) return;
    const handle = `live-${this.id}-${++this.version}`;
    const name = `Live: ${this.what} · ${covered} of ${this.seconds} s`;
    // The worker takes ownership of what it is sent, so it gets a copy.
    const loaded = this.services.engine.open(handle, new Uint8Array(bytes), name).then(
      (summary): LoadResult => ({ ok: true, summary }),
      (e: unknown): LoadResult => ({ ok: false, message: (e instanceof Error ? e.message : String(e)).split('\n')[0] }),
    );
    const opened = { handle, loaded };
    this.queue = this.queue.then(async () => {
      if (this.closed) {
        void loaded.then((r) => (r.ok ? this.services.engine.close(handle) : undefined)).catch(() => undefined);
        return;
      }
      if (!this.document) {
        this.document = new LiveDocument(this.services, this.id, opened, name);
        this.panel = vscode.window.createWebviewPanel(LIVE_VIEW_TYPE, name, { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, { enableFindWidget: false });
        this.panel.onDidDispose(() => this.close());
        this.session = new ProfileSession(this.document, this.panel, this.services, this.savedStates);
        await this.session.ready;
        return;
      }
      this.document.offer(opened, name);
      await this.session!.reload();
      if (this.panel && !this.closed) this.panel.title = name;
    });
  }

  /** Closes the panel and the profiles it held in the worker. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.panel?.dispose();
    this.document?.dispose();
  }
}
