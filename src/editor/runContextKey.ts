// The `pprofLens.activeProfileIsRun` context key: true while the active profile editor shows a run's profile
// (a run record beside it), so that "Compare with Previous Run" is in its title bar only then.
import * as vscode from 'vscode';
import type { ProfileRegistry } from './profileRegistry';
import { readRunRecord } from './sidecars';

export const RUN_CONTEXT_KEY = 'pprofLens.activeProfileIsRun';

export function trackActiveRun(profiles: ProfileRegistry): vscode.Disposable {
  let asked = 0;
  const update = async () => {
    const mine = ++asked;
    const active = profiles.activeProfile();
    const isRun = active && !active.baseUri ? (await readRunRecord(active.uri)) !== undefined : false;
    // Only the newest question sets the key: an older answer may arrive after a newer one.
    if (mine === asked) await vscode.commands.executeCommand('setContext', RUN_CONTEXT_KEY, isRun);
  };
  void update();
  return profiles.onDidChangeActive(() => void update());
}
