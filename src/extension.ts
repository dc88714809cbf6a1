// The Node build's entry (package.json `main`).
import * as vscode from 'vscode';
import { registerViews } from './activation';
import { ProfilesView } from './capture/profilesView';
import { registerCommands } from './commands';
import { SeriesEditorProvider } from './editor/seriesEditorProvider';
import { nodePlatform } from './platform/nodePlatform';
import { trackActiveRun } from './editor/runContextKey';
import { SeriesRuntime } from './series/seriesRuntime';
import { TestLenses } from './gotest/testLenses';
import { createServices, PprofLensApi } from './services';

export function activate(context: vscode.ExtensionContext): PprofLensApi {
  const services = createServices(context, nodePlatform);
  registerCommands(context, services);
  registerViews(context, services);
  context.subscriptions.push(SeriesEditorProvider.register(services, services.series));
  context.subscriptions.push(ProfilesView.register(services));
  context.subscriptions.push(SeriesRuntime.register(services));
  context.subscriptions.push(TestLenses.register());
  context.subscriptions.push(trackActiveRun(services.profiles));
  // Shows what needs a process or a socket (capture, series, fleets, Prometheus) in a browser-hosted
  // workbench whose extension host is Node, such as code-server; package.json's `when` clauses read it.
  void vscode.commands.executeCommand('setContext', 'pprofLens.canRunProcesses', true);
  return services.api;
}

export function deactivate(): void {}
