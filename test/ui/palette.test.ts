import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/codeServer.mjs';
import { launchWorkbench, type Workbench } from './support/workbench';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

/**
 * Hidden only in the web build (package.json): the Node build, which runs here, sets the key on activation,
 * so these are listed too.
 */
const NEEDS_A_PROCESS = '!isWeb || pprofLens.canRunProcesses';

/** "pprof: <title>" of every command the palette always lists: the manifest neither hides it nor shows it only in some context. */
function paletteTitles(): string[] {
  const { contributes } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const hidden = new Set((contributes.menus?.commandPalette ?? []).filter((m) => m.when !== undefined && m.when !== NEEDS_A_PROCESS).map((m) => m.command));
  return contributes.commands.filter((c) => !hidden.has(c.command)).map((c) => `${c.category}: ${c.title}`);
}

let wb: Workbench;
before(async () => (wb = await launchWorkbench()));
after(async () => wb?.close());

test('the command palette lists every pprof command', async () => {
  const expected = paletteTitles();
  assert.ok(expected.length >= 6, `only ${expected.length} palette commands in package.json`);
  const { page } = wb;
  const rows = page.locator('.quick-input-list .monaco-list-row');
  let labels: string[] = [];
  // Contributions register after the workbench settles: reopen the palette until all are listed.
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>pprof');
    await rows.first().waitFor().catch(() => {});
    labels = (await rows.allTextContents()).map((t) => t.trim());
    if (expected.every((title) => labels.some((l) => l.startsWith(title)))) break;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  await wb.screenshot('palette-pprof');
  assert.deepEqual(expected.filter((title) => !labels.some((l) => l.startsWith(title))), [], `listed: ${labels.join(' | ')}`);
});
