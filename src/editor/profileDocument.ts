// One profile file opened in the custom editor. Its bytes go to the worker once, under a handle that
// every editor of this file shares; the host keeps only the summary. A capture that was just saved is
// already open in the worker, and the document adopts it.
import * as vscode from 'vscode';
import type { ProfileSummary } from '../model/profile/queries';
import type { Platform } from '../platform/platform';
import type { EngineCalls } from '../worker/engineCalls';
import type { PendingProfiles } from './pendingProfiles';

export type LoadResult =
  | { readonly ok: true; readonly summary: ProfileSummary }
  | { readonly ok: false; readonly message: string };

let nextHandle = 1;

export class ProfileDocument implements vscode.CustomDocument {
  readonly handle: string;
  /** Settles once the worker has decoded the file, or has said why it could not. Never rejects. */
  readonly loaded: Promise<LoadResult>;

  constructor(
    readonly uri: vscode.Uri,
    private readonly engine: EngineCalls,
    pending: PendingProfiles,
    private readonly platform: Platform,
  ) {
    const adopted = uri.scheme === 'file' ? pending.take(uri.fsPath) : undefined;
    this.handle = adopted?.handle ?? `editor-${nextHandle++}`;
    this.loaded = adopted ? Promise.resolve({ ok: true, summary: adopted.summary }) : this.load();
  }

  get fileName(): string {
    return this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
  }

  get stateKey(): string {
    return this.uri.toString();
  }

  private async load(): Promise<LoadResult> {
    try {
      // The decoding happens in the worker, so the host never blocks on a big file. A local file is read
      // there too: tens of megabytes read and copied on the host cost its event loop tens of milliseconds.
      // (The web build's client reads it with workspace.fs and sends it along: Platform.engineFile.)
      const summary =
        this.platform.isLocal(this.uri)
          ? await this.engine.openFile(this.handle, this.platform.engineFile(this.uri), this.fileName)
          : await this.engine.open(this.handle, await vscode.workspace.fs.readFile(this.uri), this.fileName);
      return { ok: true, summary };
    } catch (e) {
      return { ok: false, message: oneLine(e) };
    }
  }

  dispose(): void {
    void this.loaded.then((r) => (r.ok ? this.engine.close(this.handle) : undefined)).catch(() => undefined);
  }
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}
