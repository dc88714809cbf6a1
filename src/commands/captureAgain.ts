import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const captureAgain: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: captureAgain is not available yet.');
};
