// The series view (viewType pprofLens.series): a readonly custom editor for the manifest.json of a snapshot
// series folder. It owns which series the growth lenses follow.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { SeriesFocus } from './seriesFocus';
import { SeriesSession } from './seriesSession';

export const SERIES_VIEW_TYPE = 'pprofLens.series';

export class SeriesEditorProvider implements vscode.CustomReadonlyEditorProvider<vscode.CustomDocument> {
  private constructor(
    private readonly services: Services,
    private readonly focus: SeriesFocus,
  ) {}

  /** Registers the editor; `focus` is the series the growth lenses follow. */
  static register(services: Services, focus: SeriesFocus): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(SERIES_VIEW_TYPE, new SeriesEditorProvider(services, focus), {
      supportsMultipleEditorsPerDocument: true,
    });
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    new SeriesSession(document.uri, panel, this.services, this.focus);
  }
}
