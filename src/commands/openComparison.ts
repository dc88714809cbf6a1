// What the compare commands share: open the compare view, or say in one line why it cannot be made.
import * as vscode from 'vscode';
import type { ComparePair } from '../editor/comparisonDocument';
import { compareViews } from '../editor/compareViews';
import type { CompareOptions } from '../model/profile/comparison';
import type { Services } from '../services';

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { mode: 'diff_base', normalize: false };

/** Resolves to the target's Uri once the view is up (its profile registered as the active one), or undefined. */
export async function openComparison(services: Services, pair: ComparePair, options = DEFAULT_COMPARE_OPTIONS, byTime = false): Promise<vscode.Uri | undefined> {
  const r = await compareViews(services).open(pair, options, byTime);
  if (r.ok) return r.pair.target;
  void vscode.window.showErrorMessage(`pprof Lens: ${r.message}`);
  return undefined;
}
