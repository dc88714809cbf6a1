import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const openProfile: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: openProfile is not available yet.');
};
