// pprof: Compare with… — in a profile editor's title bar: that profile is the target; the user picks the
// base. The menu passes the editor's Uri; from the palette it is the active profile editor's.
// Resolves to the target's Uri once the view is up, or undefined.
import * as vscode from 'vscode';
import type { CommandFactory } from './commandFactory';
import { openComparison } from './openComparison';
import { pickProfile } from './pickProfile';
import { uriOfMenuArg } from './uriArg';

export const compareWith: CommandFactory = (services) => async (arg?: unknown) => {
  const active = services.profiles.activeEntry();
  const target = uriOfMenuArg(arg) ?? (active && !active.baseUri ? active.uri : undefined);
  if (!target) {
    void vscode.window.showErrorMessage('pprof Lens: open a profile first; Compare with… compares it with another one.');
    return undefined;
  }
  services.engine.prepare();
  const base = await pickProfile(services, {
    title: `Compare ${target.path.slice(target.path.lastIndexOf('/') + 1)} with…`,
    placeHolder: 'The base: the profile to compare against, usually the older one',
    exclude: target,
  });
  if (!base) return undefined;
  return openComparison(services, { base, target });
};
