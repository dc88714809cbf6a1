// Run by a growth lens: shows `{ name }` in the series view the lenses follow. Resolves to false when
// no series view is open.
import * as vscode from 'vscode';
import type { CommandFactory } from './commandFactory';

export const revealSeriesRow: CommandFactory = (services) => async (arg?: { name?: string }) => {
  if (typeof arg?.name !== 'string' || arg.name === '') {
    void vscode.window.showErrorMessage('pprof Lens: Reveal Series Row expects { name } to be a function name.');
    return false;
  }
  const lines = services.series.lines;
  if (!lines) {
    void vscode.window.showErrorMessage('pprof Lens: open a series first; there is no series view to show the function in.');
    return false;
  }
  lines.reveal(arg.name);
  return true;
};
