// pprof: Load and Profile… Puts bounded load on one URL while the CPU profile of its service is captured.
// Takes `{ url, target?, seconds, connections?, method?, headers?, body?, open?, timeoutSeconds? }` and
// resolves to `{ profile, report, summary }` (DESIGN.md), or undefined after a one-line error or a cancel;
// from the palette it asks for each, remembering the answers per workspace.
import * as vscode from 'vscode';
import {
  getLoadDefaultConnections,
  getLoadDefaultSeconds,
  getLoadMaxConnections,
  getLoadMaxSeconds,
  getLoadTimeoutSeconds,
  getTargets,
} from '../config';
import { confirmHost } from '../load/confirmHost';
import { hasLoadArgs, parseLoadArgs, type LoadArgs, type LoadSpec } from '../load/loadArgs';
import { promptLoadArgs } from '../load/loadPrompts';
import { runLoadAndProfile } from '../load/runLoadAndProfile';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Load and Profile';

export const loadAndProfile: CommandFactory = (services) => async (arg?: unknown) => {
  const memento = services.context.workspaceState;
  let spec: LoadSpec;
  try {
    const args: LoadArgs | undefined = hasLoadArgs(arg)
      ? arg
      : await promptLoadArgs(
          memento,
          { seconds: getLoadDefaultSeconds(), connections: getLoadDefaultConnections(), maxSeconds: getLoadMaxSeconds(), maxConnections: getLoadMaxConnections(), targets: getTargets() },
          TITLE,
        );
    if (!args) return undefined;
    spec = parseLoadArgs(args, {
      maxSeconds: getLoadMaxSeconds(),
      maxConnections: getLoadMaxConnections(),
      defaultConnections: getLoadDefaultConnections(),
      timeoutSeconds: getLoadTimeoutSeconds(),
    });
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (!(await confirmHost(memento, new URL(spec.url)))) return undefined;
  return runLoadAndProfile(services, spec);
};
