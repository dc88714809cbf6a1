// The readonly custom editor for goroutine dumps (viewType pprofLens.goroutines): a saved `debug=2` dump
// (or `debug=1` text, or a goroutine profile) grouped by stack and state by the worker, each frame and
// creator a link to its source. A file that is not a dump opens too: the view says why and offers the text
// editor.
import * as vscode from 'vscode';
import type { GoroutineDump } from '../model/report/goroutineTypes';
import type { GoroutineHostToWebview, GoroutineWebviewToHost } from '../protocol/goroutineMessages';
import type { Services } from '../services';
import { openSource } from './openSource';
import { renderWebviewHtml, webviewOptions, type WebviewPage } from './webviewHtml';

const PAGE: WebviewPage = { script: 'goroutines.js', styles: ['main.css', 'goroutines.css'], title: 'Goroutine dump', loading: 'Grouping goroutines…' };

/** Opens the dump at `uri` in the goroutine view (the series view's "open dump"). */
export function openGoroutineDump(uri: vscode.Uri, viewColumn?: vscode.ViewColumn): Thenable<unknown> {
  return vscode.commands.executeCommand('vscode.openWith', uri, GoroutineEditorProvider.viewType, viewColumn);
}

class GoroutineDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  get fileName(): string {
    return this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
  }
  dispose(): void {}
}

export class GoroutineEditorProvider implements vscode.CustomReadonlyEditorProvider<GoroutineDocument> {
  static readonly viewType = 'pprofLens.goroutines';
  /** The same view offered for any `.txt` in "Open With…", at option priority. */
  static readonly anyTextViewType = 'pprofLens.goroutinesText';

  private constructor(private readonly services: Services) {}

  static register(services: Services): vscode.Disposable {
    const provider = new GoroutineEditorProvider(services);
    const options = { supportsMultipleEditorsPerDocument: true };
    return vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(GoroutineEditorProvider.viewType, provider, options),
      vscode.window.registerCustomEditorProvider(GoroutineEditorProvider.anyTextViewType, provider, options),
    );
  }

  openCustomDocument(uri: vscode.Uri): GoroutineDocument {
    return new GoroutineDocument(uri);
  }

  resolveCustomEditor(document: GoroutineDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const extensionUri = this.services.context.extensionUri;
    webview.options = webviewOptions(extensionUri);
    webview.html = renderWebviewHtml(webview, extensionUri, PAGE);
    const post = (m: GoroutineHostToWebview) => void webview.postMessage(m);
    const subscription = webview.onDidReceiveMessage((m: GoroutineWebviewToHost) =>
      this.onMessage(document, panel, m, post).catch((e) => void vscode.window.showErrorMessage(`pprof Lens: ${oneLine(e)}`)),
    );
    panel.onDidDispose(() => subscription.dispose());
  }

  private async onMessage(
    document: GoroutineDocument,
    panel: vscode.WebviewPanel,
    m: GoroutineWebviewToHost,
    post: (m: GoroutineHostToWebview) => void,
  ): Promise<void> {
    switch (m.type) {
      case 'ready': {
        const fileName = document.fileName;
        try {
          post({ type: 'dump', fileName, dump: await this.group(document.uri) });
        } catch (e) {
          post({ type: 'error', fileName, message: oneLine(e) });
        }
        return;
      }
      case 'openSource':
        // No profile handle: a dump's frames carry their lines, so the function's start is never looked up.
        return openSource(this.services, '', m.name, m.file, m.line);
      case 'openAsText':
        await vscode.commands.executeCommand('vscode.openWith', document.uri, 'default', panel.viewColumn);
        return;
    }
  }

  private group(uri: vscode.Uri): Promise<GoroutineDump> {
    const { platform } = this.services;
    if (!platform.isLocal(uri)) throw new Error(`${uri.toString()}: only a local file can be read as a goroutine dump; save it to disk first`);
    return this.services.engine.goroutines(platform.engineFile(uri));
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
