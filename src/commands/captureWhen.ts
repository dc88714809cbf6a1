// pprof: Capture When a PromQL Condition Fires… Prompts for Prometheus, the condition and the type, or
// takes `{ prometheus, query, type, seconds?, timeoutSeconds?, open?, intervalSeconds?, cooldownSeconds?,
// pprofPort?, pprofPath?, scheme? }`; resolves to the first capture's Uri once the condition fired, or to
// undefined after a one-line message (a PromQL error, the timeout, a stop).
import * as vscode from 'vscode';
import { hasWatchArgs, parseWatchArgs, WatchSpec } from '../fleet/watchArgs';
import { promptWatch } from '../fleet/watchPrompts';
import { watchRuntime } from '../fleet/watchRuntime';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture When a PromQL Condition Fires';

export const captureWhen: CommandFactory = (services) => async (arg?: unknown) => {
  let spec: WatchSpec | undefined;
  if (hasWatchArgs(arg)) {
    try {
      spec = parseWatchArgs(arg as Record<string, unknown>);
    } catch (e) {
      void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  } else {
    spec = await promptWatch(TITLE);
  }
  return spec && watchRuntime(services).start(spec);
};
