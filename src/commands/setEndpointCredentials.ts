import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const setEndpointCredentials: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: setEndpointCredentials is not available yet.');
};
