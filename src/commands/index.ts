// The Node build's command table: the common commands and those that need Node (sockets, files, processes).
// Each command lives in its own module and exports a factory.
import type * as vscode from 'vscode';
import type { Services } from '../services';
import { captureAgain } from './captureAgain';
import { captureFleetCommand } from './captureFleet';
import { captureProfile } from './captureProfile';
import { captureSeries } from './captureSeries';
import { captureWhen } from './captureWhen';
import type { CommandFactory } from './commandFactory';
import { commonCommands, registerTable } from './common';
import { compareWithPreviousRun } from './compareWithPreviousRun';
import { profileTest } from './profileTest';
import { loadAndProfile } from './loadAndProfile';
import { revealSeriesRow } from './revealSeriesRow';
import { setEndpointCredentials } from './setEndpointCredentials';
import { stopCaptureWhen } from './stopCaptureWhen';
import { stopLoad } from './stopLoad';
import { stopSeries } from './stopSeries';

const table: Record<string, CommandFactory> = {
  ...commonCommands,
  'pprofLens.captureProfile': captureProfile,
  'pprofLens.captureAgain': captureAgain,
  'pprofLens.setEndpointCredentials': setEndpointCredentials,
  'pprofLens.revealSeriesRow': revealSeriesRow,
  'pprofLens.compareWithPreviousRun': compareWithPreviousRun,
  'pprofLens.captureSeries': captureSeries,
  'pprofLens.stopSeries': stopSeries,
  'pprofLens.captureFleet': captureFleetCommand,
  'pprofLens.captureWhen': captureWhen,
  'pprofLens.stopCaptureWhen': stopCaptureWhen,
  'pprofLens.profileTest': profileTest,
  'pprofLens.loadAndProfile': loadAndProfile,
  'pprofLens.stopLoad': stopLoad,
};

export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  registerTable(context, services, table);
}
