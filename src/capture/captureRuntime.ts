// The capture feature's long-lived parts, made once per activation and shared by its commands
// and the profiles view: status bar, secrets, history, and an event when a capture is saved.
import * as vscode from 'vscode';
import { getCaptureDirectorySetting } from '../config';
import { Disposable, onePerOwner } from '../disposable';
import type { Services } from '../services';
import { resolveCaptureDir } from './captureDir';
import { CaptureStatus } from './captureStatus';
import { CredentialStore } from './credentialStore';
import { CaptureHistory } from './history';

export class CaptureRuntime extends Disposable {
  readonly status = this._register(new CaptureStatus());
  readonly credentials: CredentialStore;
  readonly history: CaptureHistory;
  private readonly saved = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidSave = this.saved.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    super();
    this.credentials = new CredentialStore(context.secrets);
    this.history = new CaptureHistory(context.globalState);
  }

  /** The capture directory as the settings and the open folders say now. */
  captureDir(): string {
    return localCaptureDir(this.context);
  }

  didSave(uri: vscode.Uri): void {
    this.saved.fire(uri);
  }
}

/** The capture directory of the Node build: a local path. */
export function localCaptureDir(context: vscode.ExtensionContext): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return resolveCaptureDir(getCaptureDirectorySetting(), folder?.uri.fsPath, context.globalStorageUri.fsPath);
}

/** The one CaptureRuntime of these services, disposed with the extension. */
export const captureRuntime = onePerOwner((services: Services) => new CaptureRuntime(services.context));
