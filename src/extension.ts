import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ProfilesView } from './capture/profilesView';
import { CompareViews } from './editor/compareViews';
import { ProfileEditorProvider } from './editor/profileEditorProvider';
import { GoroutineEditorProvider } from './editor/goroutineEditorProvider';
import { SeriesEditorProvider } from './editor/seriesEditorProvider';
import { trackActiveRun } from './editor/runContextKey';
import { HotLines } from './annotations/hotLines';
import { SeriesRuntime } from './series/seriesRuntime';
import { createServices, PprofLensApi } from './services';

export function activate(context: vscode.ExtensionContext): PprofLensApi {
  const services = createServices(context);
  registerCommands(context, services);
  context.subscriptions.push(ProfileEditorProvider.register(services));
  context.subscriptions.push(CompareViews.register(services));
  context.subscriptions.push(GoroutineEditorProvider.register(services));
  context.subscriptions.push(SeriesEditorProvider.register(services, services.series));
  context.subscriptions.push(ProfilesView.register(services));
  context.subscriptions.push(HotLines.register(services));
  context.subscriptions.push(SeriesRuntime.register(services));
  context.subscriptions.push(trackActiveRun(services.profiles));
  return services.api;
}

export function deactivate(): void {}
