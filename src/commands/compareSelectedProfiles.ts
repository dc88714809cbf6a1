// pprof: Compare Selected Profiles — from the Explorer's or the pprof Profiles view's context menu, with
// two profiles selected. Menus call it with (clicked, selected[]); of the selection only the profile files
// count (a folder selected on the way is no reason to refuse). The older profile becomes the base.
// Resolves to the target's Uri once the view is up, or undefined.
import * as vscode from 'vscode';
import { PROFILE_FILE } from '../capture/profileListing';
import type { CommandFactory } from './commandFactory';
import { openComparison } from './openComparison';
import { uriOfMenuArg } from './uriArg';

export const compareSelectedProfiles: CommandFactory = (services) => async (clicked?: unknown, selected?: unknown) => {
  const items = Array.isArray(selected) && selected.length > 0 ? selected : clicked === undefined ? [] : [clicked];
  const uris = items.map(uriOfMenuArg).filter((u): u is vscode.Uri => u !== undefined && PROFILE_FILE.test(u.path));
  const [a, b] = uris;
  if (uris.length !== 2 || !a || !b) {
    void vscode.window.showErrorMessage(`pprof Lens: select exactly two profile files (.pb.gz, .pprof, .prof) to compare; ${uris.length} selected.`);
    return undefined;
  }
  return openComparison(services, { base: a, target: b }, undefined, true);
};
