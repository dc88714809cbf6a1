// pprof: Select Sample Type… — switches the active profile editor to another sample type.
// `{ sampleType: name | index }` skips the picker. Resolves to the chosen type's name, or undefined.
import * as vscode from 'vscode';
import { findSampleIndex } from '../model/profile/sampleTypeLookup';
import type { CommandFactory } from './commandFactory';

export const selectSampleType: CommandFactory = (services) => async (arg?: { sampleType?: string | number }) => {
  const entry = services.profiles.activeEntry();
  if (!entry) {
    void vscode.window.showErrorMessage('pprof Lens: open a profile first; there is no profile editor to switch.');
    return undefined;
  }
  const types = entry.summary.sampleTypes;
  let index: number | undefined;
  if (arg?.sampleType !== undefined) {
    index = findSampleIndex(entry.summary, arg.sampleType);
    if (index === undefined) {
      const names = types.map((t) => t.type).join(', ');
      void vscode.window.showErrorMessage(`pprof Lens: this profile has no sample type "${arg.sampleType}"; it has ${names}.`);
      return undefined;
    }
  } else {
    const picked = await vscode.window.showQuickPick(
      types.map((t, i) => ({
        label: `${t.type} (${t.unit})`,
        description: i === entry.sampleIndex ? 'shown' : i === entry.summary.defaultSampleIndex ? 'default' : undefined,
        index: i,
      })),
      { title: 'Sample type', placeHolder: 'Which sample value to show' },
    );
    if (!picked) return undefined;
    index = picked.index;
  }
  await entry.selectSampleIndex(index);
  return types[index].type;
};
