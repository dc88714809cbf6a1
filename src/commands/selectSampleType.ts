import * as vscode from 'vscode';
import type { CommandFactory } from './index';

export const selectSampleType: CommandFactory = () => async () => {
  void vscode.window.showInformationMessage('pprof Lens: selectSampleType is not available yet.');
};
