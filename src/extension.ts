import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createServices, PprofLensApi } from './services';

export function activate(context: vscode.ExtensionContext): PprofLensApi {
  const services = createServices(context);
  registerCommands(context, services);
  return services.api;
}

export function deactivate(): void {}
