// pprof: Stop Watching a PromQL Condition. `{ id }` (the status-bar item's) stops that watch, `{ all: true }`
// every one; without arguments, a pick when several run. Resolves to the number of watches stopped.
import * as vscode from 'vscode';
import { watchRuntime } from '../fleet/watchRuntime';
import type { CommandFactory } from './commandFactory';

export const stopCaptureWhen: CommandFactory = (services) => async (arg?: unknown) => {
  const runtime = watchRuntime(services);
  const a = typeof arg === 'object' && arg !== null ? (arg as { id?: unknown; all?: unknown }) : {};
  if (typeof a.id === 'string') return runtime.stop(a.id);
  const running = runtime.running();
  if (a.all === true || running.length <= 1) {
    if (!running.length) void vscode.window.showInformationMessage('pprof: no PromQL condition is being watched.');
    return runtime.stop();
  }
  const pick = await vscode.window.showQuickPick(
    running.map((w) => ({ label: w.query, description: w.prometheus, id: w.id })),
    { title: 'pprof: Stop Watching a PromQL Condition', placeHolder: 'Which watch?' },
  );
  return pick ? runtime.stop(pick.id) : 0;
};
