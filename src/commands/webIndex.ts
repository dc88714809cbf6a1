// The web build's command table: the common commands and the capture through the browser's fetch. The
// commands that need a process or a socket are not registered; package.json hides them in the web build.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { captureProfileWeb } from './captureProfileWeb';
import type { CommandFactory } from './commandFactory';
import { commonCommands, registerTable } from './common';

const table: Record<string, CommandFactory> = {
  ...commonCommands,
  'pprofLens.captureProfile': captureProfileWeb,
};

export function registerWebCommands(context: vscode.ExtensionContext, services: Services): void {
  registerTable(context, services, table);
}
