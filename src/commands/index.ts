// The one command table. Each command lives in its own module and exports a factory.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { captureAgain } from './captureAgain';
import { captureFleetCommand } from './captureFleet';
import { captureProfile } from './captureProfile';
import { captureSeries } from './captureSeries';
import { captureWhen } from './captureWhen';
import { compareProfiles } from './compareProfiles';
import { compareSelectedProfiles } from './compareSelectedProfiles';
import { compareWith } from './compareWith';
import { compareWithPreviousRun } from './compareWithPreviousRun';
import { loadAndProfile } from './loadAndProfile';
import { openProfile } from './openProfile';
import { revealFunction } from './revealFunction';
import { revealSeriesRow } from './revealSeriesRow';
import { selectSampleType } from './selectSampleType';
import { setEndpointCredentials } from './setEndpointCredentials';
import { stopCaptureWhen } from './stopCaptureWhen';
import { stopLoad } from './stopLoad';
import { stopSeries } from './stopSeries';
import { toggleHotLines } from './toggleHotLines';
import type { CommandFactory } from './commandFactory';


const table: Record<string, CommandFactory> = {
  'pprofLens.captureProfile': captureProfile,
  'pprofLens.captureAgain': captureAgain,
  'pprofLens.openProfile': openProfile,
  'pprofLens.toggleHotLines': toggleHotLines,
  'pprofLens.selectSampleType': selectSampleType,
  'pprofLens.setEndpointCredentials': setEndpointCredentials,
  'pprofLens.revealFunction': revealFunction,
  'pprofLens.revealSeriesRow': revealSeriesRow,
  'pprofLens.compareProfiles': compareProfiles,
  'pprofLens.compareSelectedProfiles': compareSelectedProfiles,
  'pprofLens.compareWith': compareWith,
  'pprofLens.compareWithPreviousRun': compareWithPreviousRun,
  'pprofLens.captureSeries': captureSeries,
  'pprofLens.stopSeries': stopSeries,
  'pprofLens.captureFleet': captureFleetCommand,
  'pprofLens.captureWhen': captureWhen,
  'pprofLens.stopCaptureWhen': stopCaptureWhen,
  'pprofLens.loadAndProfile': loadAndProfile,
  'pprofLens.stopLoad': stopLoad,
};

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const [id, factory] of Object.entries(table)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(services)));
  }
}
