import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const captureProfile: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: captureProfile is not available yet.');
};
