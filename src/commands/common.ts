// The commands that work in both builds (the Node and the web extension), and the one way a table is registered.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';
import { compareProfiles } from './compareProfiles';
import { compareSelectedProfiles } from './compareSelectedProfiles';
import { compareWith } from './compareWith';
import { openProfile } from './openProfile';
import { revealFunction } from './revealFunction';
import { selectSampleType } from './selectSampleType';
import { toggleHotLines } from './toggleHotLines';

export const commonCommands: Readonly<Record<string, CommandFactory>> = {
  'pprofLens.openProfile': openProfile,
  'pprofLens.toggleHotLines': toggleHotLines,
  'pprofLens.selectSampleType': selectSampleType,
  'pprofLens.revealFunction': revealFunction,
  'pprofLens.compareProfiles': compareProfiles,
  'pprofLens.compareSelectedProfiles': compareSelectedProfiles,
  'pprofLens.compareWith': compareWith,
};

export function registerTable(context: vscode.ExtensionContext, services: Services, table: Readonly<Record<string, CommandFactory>>): void {
  for (const [id, factory] of Object.entries(table)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(services)));
  }
}
