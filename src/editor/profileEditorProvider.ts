// The readonly custom editor for pprof profiles (viewType pprofLens.profile). A file that is not a
// profile still opens: its view says why and offers the text editor.
import * as vscode from 'vscode';
import type { ViewState } from '../protocol/viewState';
import type { Services } from '../services';
import { ProfileDocument } from './profileDocument';
import { ProfileSession } from './profileSession';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider<ProfileDocument> {
  static readonly viewType = 'pprofLens.profile';

  /** The last view state of each file, so closing and reopening a tab keeps zoom, search and filters. */
  private readonly savedStates = new Map<string, ViewState>();

  private constructor(private readonly services: Services) {}

  static register(services: Services): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(ProfileEditorProvider.viewType, new ProfileEditorProvider(services), {
      supportsMultipleEditorsPerDocument: true,
    });
  }

  openCustomDocument(uri: vscode.Uri): ProfileDocument {
    return new ProfileDocument(uri, this.services.engine, this.services.pending, this.services.platform);
  }

  resolveCustomEditor(document: ProfileDocument, panel: vscode.WebviewPanel): void {
    new ProfileSession(document, panel, this.services, this.savedStates);
  }
}
