// pprof: Compare Profiles… — asks for the base, then the target, and opens the compare view.
// `{ base, target, mode?: 'diff_base'|'base', normalize?: boolean }` (Uris or paths) skips the prompts.
// Resolves to the target's Uri once the view is up, or undefined (cancelled, or an error was shown).
import * as vscode from 'vscode';
import { COMPARE_MODES, CompareMode } from '../model/profile/comparison';
import type { CommandFactory } from './commandFactory';
import { DEFAULT_COMPARE_OPTIONS, openComparison } from './openComparison';
import { pickProfile } from './pickProfile';
import { toUri } from './uriArg';

interface CompareArgs {
  readonly base?: unknown;
  readonly target?: unknown;
  readonly mode?: unknown;
  readonly normalize?: unknown;
}

const USAGE = 'Compare Profiles expects { base, target } as file Uris or paths, with optional mode ("diff_base" or "base") and normalize (true or false).';

export const compareProfiles: CommandFactory = (services) => async (arg?: CompareArgs) => {
  const given = arg !== undefined && arg !== null && typeof arg === 'object' && !(arg instanceof vscode.Uri);
  if (given) {
    const base = toUri(arg.base);
    const target = toUri(arg.target);
    const mode = arg.mode ?? DEFAULT_COMPARE_OPTIONS.mode;
    const normalize = arg.normalize ?? DEFAULT_COMPARE_OPTIONS.normalize;
    if (!base || !target || !COMPARE_MODES.includes(mode as CompareMode) || typeof normalize !== 'boolean') {
      void vscode.window.showErrorMessage(`pprof Lens: ${USAGE}`);
      return undefined;
    }
    return openComparison(services, { base, target }, { mode: mode as CompareMode, normalize });
  }
  services.engine.prepare();
  const base = await pickProfile(services, {
    title: 'Compare Profiles (1/2): the base',
    placeHolder: 'The profile to compare against, usually the older one',
  });
  if (!base) return undefined;
  const target = await pickProfile(services, {
    title: 'Compare Profiles (2/2): the target',
    placeHolder: 'The profile that may have changed, usually the newer one',
    exclude: base,
  });
  if (!target) return undefined;
  return openComparison(services, { base, target });
};
