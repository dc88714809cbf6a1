// pprof: Compare with Previous Run — a run's profile (a load run, a Go test or benchmark) against the newest
// earlier run of the same key in its folder: the same URL loaded, the same test. Takes `{ uri? }`, a Uri or
// a Profiles view row; by default the active profile editor's file. Resolves to the target's Uri once the
// compare view is up, or undefined after a one-line message.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runRecordName } from '../protocol/runRecord';
import { listRuns, previousRun, runOfProfile } from '../runs/runStore';
import type { CommandFactory } from './commandFactory';
import { openComparison } from './openComparison';
import { uriOfMenuArg } from './uriArg';

export const compareWithPreviousRun: CommandFactory = (services) => async (arg?: unknown) => {
  const active = services.profiles.activeEntry();
  const target = uriOfMenuArg(arg) ?? (active && !active.baseUri ? active.uri : undefined);
  if (!target || target.scheme !== 'file') {
    void vscode.window.showErrorMessage('pprof Lens: open the profile of a run first; Compare with Previous Run compares it with the run before it.');
    return undefined;
  }
  const name = path.basename(target.fsPath);
  const run = await runOfProfile(target.fsPath);
  if (!run) {
    void vscode.window.showErrorMessage(`pprof Lens: ${name} is not a run's profile (no ${path.basename(runRecordName(target.fsPath))} beside it), so it has no previous run.`);
    return undefined;
  }
  const before = previousRun(await listRuns(path.dirname(target.fsPath)), run);
  if (!before) {
    void vscode.window.showInformationMessage(`pprof Lens: ${run.record.title} has no earlier run in ${path.dirname(target.fsPath)} to compare with. Run it again to compare.`);
    return undefined;
  }
  return openComparison(services, { base: vscode.Uri.file(before.profilePath), target });
};
