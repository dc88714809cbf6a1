// pprof: Stop Load. Cancels the Load and Profile runs of this window, as their notification's Cancel does:
// the load and the capture stop and no file is left. Resolves to how many runs it stopped.
import * as vscode from 'vscode';
import { loadRuns } from '../load/loadRuns';
import type { CommandFactory } from './commandFactory';

export const stopLoad: CommandFactory = (services) => () => {
  const n = loadRuns(services).stopAll();
  if (n === 0) void vscode.window.showInformationMessage('pprof: no load is running');
  return n;
};
