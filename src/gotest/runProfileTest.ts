// A profiled test run inside VS Code: the package's unsaved Go files saved, go's output streamed to the output channel, a cancellable
// notification showing the latest line, the failure as one line with "Show Output" (and the setting to
// open when go is missing), then the profile opened in the profile editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openSavedProfile } from '../capture/openSaved';
import { getGoPath, getTestFlags, getTestHistory } from '../config';
import { captureRuntime } from '../capture/captureRuntime';
import type { Services } from '../services';
import { commandLine, type TestProfileKind } from './goTestArgs';
import { GoTestError } from './goTestError';
import { runGoTest } from './goTestRun';
import { goTestRuntime } from './goTestRuntime';

export interface ProfileTestRun {
  readonly packageDir: string;
  readonly name: string;
  readonly kind: TestProfileKind;
}

const SHOW_OUTPUT = 'Show Output';
const OPEN_SETTING = 'Set pprofLens.goPath';

/** Runs, saves and (unless `open` is false) opens the profile. Undefined when it failed or was cancelled. */
export async function runProfileTest(services: Services, run: ProfileTestRun, open = true): Promise<vscode.Uri | undefined> {
  const capture = captureRuntime(services);
  const { output } = goTestRuntime(services);
  const goBinary = getGoPath();
  const what = `${run.name} (${run.kind})`;
  await saveGoFilesOf(run.packageDir);
  const busy = capture.status.begin(what);
  output.appendLine('');
  output.appendLine(`[${new Date().toLocaleTimeString()}] profiling ${what} in ${run.packageDir}`);
  let profile: string;
  try {
    profile = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `pprof: profiling ${what}`, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        progress.report({ message: 'building…' });
        let partial = '';
        const result = await runGoTest({
          goBinary,
          packageDir: run.packageDir,
          name: run.name,
          profile: run.kind,
          extraFlags: getTestFlags(),
          captureDir: capture.captureDir(),
          keep: getTestHistory(),
          signal: ac.signal,
          onStart: (args) => output.appendLine(`$ ${commandLine(goBinary, args)}`),
          onOutput: (text) => {
            output.append(text);
            const lines = (partial + text).split('\n');
            partial = lines.pop() ?? '';
            const last = lines.map((l) => l.trim()).filter(Boolean).pop();
            if (last) progress.report({ message: last.length > 80 ? `${last.slice(0, 79)}…` : last });
          },
        });
        for (const pruned of result.pruned) output.appendLine(`removed the older run ${pruned}`);
        return result.profile;
      },
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    output.appendLine(`pprof: ${message}`);
    if (!(e instanceof GoTestError && e.kind === 'cancelled')) showFailure(e, message, output);
    return undefined;
  } finally {
    busy.dispose();
  }
  const uri = vscode.Uri.file(profile);
  output.appendLine(`saved ${profile}`);
  capture.didSave(uri);
  vscode.window.setStatusBarMessage(`$(check) pprof: ${what} saved as ${vscode.workspace.asRelativePath(uri)}`, 5000);
  if (open) await openSavedProfile(uri);
  return uri;
}

/** go test reads the files on disk: unsaved edits of the package's Go files are saved first, as vscode-go does for its test lenses. */
async function saveGoFilesOf(packageDir: string): Promise<void> {
  const dirty = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && d.uri.scheme === 'file' && /\.go$|(^|\/)go\.(mod|sum)$/.test(d.uri.fsPath) && path.dirname(d.uri.fsPath) === packageDir,
  );
  await Promise.all(dirty.map((d) => d.save()));
}

function showFailure(e: unknown, message: string, output: vscode.OutputChannel): void {
  const missing = e instanceof GoTestError && e.kind === 'goMissing';
  const buttons = missing ? [OPEN_SETTING, SHOW_OUTPUT] : [SHOW_OUTPUT];
  void vscode.window.showErrorMessage(`pprof: ${message}`, ...buttons).then((pick) => {
    if (pick === SHOW_OUTPUT) output.show(true);
    if (pick === OPEN_SETTING) void vscode.commands.executeCommand('workbench.action.openSettings', 'pprofLens.goPath');
  });
}
