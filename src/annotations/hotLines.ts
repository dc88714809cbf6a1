// Registers the source annotations of the active profile (CodeLens, heat gutter, hover and status bar) and
// the growth lenses of the followed series view.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { HotLinesCodeLensProvider } from './codeLensProvider';
import { GrowthLensProvider } from './growthLenses';
import { Disposable } from '../disposable';
import { HeatDecorations } from './heatDecorations';
import { HotLinesHoverProvider } from './hoverProvider';
import { HotLinesModel } from './hotLinesModel';
import { ActiveProfileStatus } from './statusBar';

// Every scheme: the providers themselves skip what is not one of the window's files (Platform.isLocal),
// which in the web build are vscode-vfs:, vscode-remote: and the like.
const GO_FILES: vscode.DocumentSelector = [{ language: 'go' }, { pattern: '**/*.go' }];

export class HotLines extends Disposable {
  static register(services: Services): vscode.Disposable {
    return new HotLines(services);
  }

  private constructor(services: Services) {
    super();
    const resolver = services.sources;
    const model = this._register(new HotLinesModel(services, resolver));
    const lenses = this._register(new HotLinesCodeLensProvider(model, services.hotLines));
    this._register(vscode.languages.registerCodeLensProvider(GO_FILES, lenses));
    this._register(vscode.languages.registerHoverProvider(GO_FILES, new HotLinesHoverProvider(model, services.hotLines, services.engine)));
    this._register(new HeatDecorations(model, services.hotLines));
    this._register(new ActiveProfileStatus(model, services.hotLines));
    const growth = this._register(new GrowthLensProvider(services.series, resolver, services.hotLines));
    this._register(vscode.languages.registerCodeLensProvider(GO_FILES, growth));
  }
}
