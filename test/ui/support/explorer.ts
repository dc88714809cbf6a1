// The Explorer in the real workbench: its rows by name, and Compare Selected Profiles on two of them.
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** The Explorer's row of a file or folder, by its exact name. */
export function explorerRow(page: Page, name: string) {
  return page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) });
}

/** Selects `first` then `second` in the Explorer and runs "Compare Selected Profiles" from the context menu. */
export async function compareInExplorer(wb: Workbench, folder: string, first: string, second: string): Promise<void> {
  const { page } = wb;
  await explorerRow(page, folder).click();
  await explorerRow(page, first).waitFor();
  await explorerRow(page, first).click({ modifiers: ['Control'] });
  await explorerRow(page, second).click({ modifiers: ['Control'] });
  await page.locator('.explorer-folders-view .monaco-list-row.selected').nth(1).waitFor();
  await explorerRow(page, second).click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Compare Selected Profiles' });
  try {
    await item.waitFor({ timeout: 20000 });
  } catch (e) {
    // What the menu offered instead, to look at.
    await wb.screenshot('compare-explorer-menu');
    throw e;
  }
  await item.click();
  // A click that lands while the menu is still laying itself out is dropped; the item stays highlighted.
  const menu = page.locator('.context-view .monaco-menu');
  if (!(await menu.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false))) await page.keyboard.press('Enter');
}
