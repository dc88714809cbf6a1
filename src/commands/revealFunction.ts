// Run by a hot-line CodeLens: shows `{ name }` in the active profile editor's flame graph.
// Resolves to false when no profile editor is open.
import * as vscode from 'vscode';
import type { CommandFactory } from './commandFactory';

export const revealFunction: CommandFactory = (services) => async (arg?: { name?: string }) => {
  if (typeof arg?.name !== 'string' || arg.name === '') {
    void vscode.window.showErrorMessage('pprof Lens: Reveal Function expects { name } to be a function name.');
    return false;
  }
  const shown = await services.profiles.revealFunction(arg.name);
  if (!shown) void vscode.window.showErrorMessage('pprof Lens: open a profile first; there is no profile editor to show the function in.');
  return shown;
};
