// The web build's entry (package.json `browser`): vscode.dev, github.dev and browser-hosted VS Code, where the
// extension runs in a web worker without Node. The profile editor, the compare view and the annotations as in
// the Node build; capture through the browser's fetch; what needs a process is not registered.
import type * as vscode from 'vscode';
import { registerViews } from './activation';
import { registerWebCommands } from './commands/webIndex';
import { webPlatform } from './platform/webPlatform';
import { createServices, PprofLensApi } from './services';

export function activate(context: vscode.ExtensionContext): PprofLensApi {
  const services = createServices(context, webPlatform);
  registerWebCommands(context, services);
  registerViews(context, services);
  return services.api;
}

export function deactivate(): void {}
