// The long-lived objects shared by commands and providers, built once in activate().
import * as vscode from 'vscode';
import { HotLinesSwitch } from './annotations/hotLinesSwitch';
import { SourceResolver } from './source/sourceResolver';
import { PendingProfiles } from './editor/pendingProfiles';
import { ProfileRegistry } from './editor/profileRegistry';
import { SeriesFocus } from './editor/seriesFocus';
import { EngineClient } from './worker/startWorker';

/** What `activate()` returns; see DESIGN.md. */
export interface PprofLensApi {
  /** A compare view gives its target as `uri` and its base as `baseUri`, with the total pprof -diff_base reports. */
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri; sampleType: string; total: number } | undefined;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly engine: EngineClient;
  readonly profiles: ProfileRegistry;
  /** Captures still open in the worker, for the editor of their saved file to adopt. */
  readonly pending: PendingProfiles;
  /** Whether the source annotations (CodeLens, heat, hover) are shown; pprofLens.toggleHotLines flips it. */
  readonly hotLines: HotLinesSwitch;
  /** Finds the local file for a path named in a profile; shared by the annotations and go to source. */
  readonly sources: SourceResolver;
  /** The series view the growth lenses follow. */
  readonly series: SeriesFocus;
  readonly api: PprofLensApi;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const engine = new EngineClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath);
  context.subscriptions.push(engine);
  const profiles = new ProfileRegistry();
  context.subscriptions.push(profiles);
  const pending = new PendingProfiles((handle) => void engine.close(handle).catch(() => undefined));
  context.subscriptions.push(pending);
  const hotLines = new HotLinesSwitch();
  context.subscriptions.push(hotLines);
  const sources = new SourceResolver();
  context.subscriptions.push(sources);
  const series = new SeriesFocus();
  context.subscriptions.push(series);
  const api: PprofLensApi = {
    activeProfile: () => profiles.activeProfileInfo(),
  };
  return { context, engine, profiles, pending, hotLines, sources, series, api };
}
