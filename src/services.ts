// The long-lived objects shared by commands and providers, built once in activate().
import * as vscode from 'vscode';
import { HotLinesSwitch } from './annotations/hotLinesSwitch';
import { SourceResolver } from './source/sourceResolver';
import { PendingProfiles } from './editor/pendingProfiles';
import { ProfileRegistry } from './editor/profileRegistry';
import { SeriesFocus } from './editor/seriesFocus';
import type { Platform } from './platform/platform';
import type { EngineCalls } from './worker/engineCalls';

/** What `activate()` returns; see DESIGN.md. */
export interface PprofLensApi {
  /** A compare view gives its target as `uri` and its base as `baseUri`, with the total pprof -diff_base reports. */
  activeProfile(): { uri: vscode.Uri; baseUri?: vscode.Uri; sampleType: string; total: number } | undefined;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  /** The Node build's or the web build's (see src/platform/). */
  readonly platform: Platform;
  readonly engine: EngineCalls;
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

export function createServices(context: vscode.ExtensionContext, platform: Platform): Services {
  const engine = platform.createEngine(context);
  context.subscriptions.push(engine);
  const profiles = new ProfileRegistry();
  context.subscriptions.push(profiles);
  const pending = new PendingProfiles((handle) => void engine.close(handle).catch(() => undefined));
  context.subscriptions.push(pending);
  const hotLines = new HotLinesSwitch();
  context.subscriptions.push(hotLines);
  const sources = new SourceResolver(platform);
  context.subscriptions.push(sources);
  const series = new SeriesFocus();
  context.subscriptions.push(series);
  const api: PprofLensApi = {
    activeProfile: () => profiles.activeProfileInfo(),
  };
  return { context, platform, engine, profiles, pending, hotLines, sources, series, api };
}
