// pprof: Compare Selected Profiles — from the Explorer's or the pprof Profiles view's context menu, with
// two profiles selected. Menus call it with (clicked, selected[]); the older profile becomes the base.
// Resolves to the target's Uri once the view is up, or undefined.
import * as vscode from 'vscode';
import type { CommandFactory } from './commandFactory';
import { openComparison } from './openComparison';
import { uriOfMenuArg } from './uriArg';

export const compareSelectedProfiles: CommandFactory = (services) => async (clicked?: unknown, selected?: unknown) => {
  const items = Array.isArray(selected) && selected.length > 0 ? selected : clicked === undefined ? [] : [clicked];
  const uris = items.map(uriOfMenuArg);
  const [a, b] = uris;
  if (uris.length !== 2 || !a || !b) {
    void vscode.window.showErrorMessage(`pprof Lens: select exactly two profiles to compare (${uris.length} selected).`);
    return undefined;
  }
  return openComparison(services, { base: a, target: b }, undefined, true);
};
