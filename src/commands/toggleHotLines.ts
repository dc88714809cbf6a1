import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const toggleHotLines: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: toggleHotLines is not available yet.');
};
