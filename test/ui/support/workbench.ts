// Opens the real VS Code workbench (code-server) in headless Chromium with this extension loaded
// unpacked, on a fresh temp copy of a workspace. One launch per test file; close() ends it all.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from '../../harness/browser.mjs';
import { build, copyWorkspace, makeRunDir, removeRunDir, repoRoot, startCodeServer } from '../../harness/codeServer.mjs';

export interface Workbench {
  page: Page;
  workspaceDir: string;
  url: string;
  /** Runs a command from the palette by its full title, e.g. "pprof: Open Profile…". */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file with Quick Open. */
  openFile(relPath: string): Promise<void>;
  /** The content frame of the visible webview (two iframes deep). */
  webviewFrame(): FrameLocator;
  /** Every console message of the page so far (the web worker extension host's console.log among them). */
  readonly console: string[];
  /** Saves test-results/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const resultsDir = join(repoRoot, 'test-results');
const quickInput = '.quick-input-widget input';
const quickRows = '.quick-input-list .monaco-list-row';

export interface WorkbenchOptions {
  workspace?: string;
  /**
   * The web build: the extension is installed (package.json and dist/ copied into the extensions folder)
   * and the user settings make VS Code run its `browser` entry in the page's web worker extension host
   * (VSCODE-E2E.md); `extensions` are more extension folders installed beside it. Otherwise it is loaded
   * unpacked as a development extension, and its Node entry runs in code-server's extension host.
   */
  web?: { extensions?: readonly string[] };
}

/** Installs this extension and `more` into the run's extensions folder, and asks for the web worker host. */
function installForWeb(runDir: string, more: readonly string[]): void {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${pkg.publisher}.${pkg.name}`;
  const to = join(runDir, 'exts', `${id}-${pkg.version}`);
  mkdirSync(to, { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(to, 'package.json'));
  cpSync(join(repoRoot, 'dist'), join(to, 'dist'), { recursive: true });
  for (const dir of more) cpSync(dir, join(runDir, 'exts', basename(dir)), { recursive: true });
  const settingsFile = join(runDir, 'ud/User/settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  // In a browser the "ui" extension host is the web worker one.
  settings['remote.extensionKind'] = { [id]: ['ui'] };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
}

export async function launchWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  build();
  const runDir = makeRunDir('pprof-lens-ui-');
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const close = async () => {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    removeRunDir(runDir);
  };
  try {
    const workspaceDir = copyWorkspace(runDir, resolve(opts.workspace ?? join(repoRoot, 'test/workspace')));
    if (opts.web) installForWeb(runDir, opts.web.extensions ?? []);
    server = await startCodeServer({ runDir, workspace: workspaceDir });
    browser = await launchBrowser(runDir);
    const { page } = browser;
    const messages: string[] = [];
    page.on('console', (m) => void messages.push(m.text()));
    const url = opts.web ? server.url(workspaceDir) : server.url(workspaceDir, [['extensionDevelopmentPath', server.remote(repoRoot)]]);
    await page.goto(url);
    // The explorer's rows mean the workbench and the workspace are up.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    return {
      page, workspaceDir, url, close, console: messages,
      runCommand: (title) => pick(page, 'F1', title, title),
      async openFile(relPath) {
        const name = relPath.split('/').pop()!;
        // A command run next reads the active editor: wait until the file's tab is the active one. A click on a
        // row that quick open was still re-rendering opens nothing, so pick again rather than wait on.
        const tab = page.locator('.tabs-container .tab.active').filter({ hasText: name }).first();
        for (let attempt = 1; ; attempt++) {
          await pick(page, 'Control+P', relPath, name);
          try {
            await tab.waitFor({ timeout: 10000 });
            return;
          } catch (e) {
            if (attempt === 3) throw e;
            await page.keyboard.press('Escape');
          }
        }
      },
      webviewFrame: () =>
        page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame'),
      async screenshot(name) {
        mkdirSync(resultsDir, { recursive: true });
        const path = join(resultsDir, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Opens a quick input with `key`, types `text` and accepts the row whose label contains `label`.
 * Retries because contributions register only after the workbench settles ("No matching commands").
 */
async function pick(page: Page, key: string, text: string, label: string): Promise<void> {
  const deadline = Date.now() + 30000;
  for (;;) {
    await page.keyboard.press(key);
    const input = page.locator(quickInput);
    try {
      await input.waitFor({ timeout: 5000 });
    } catch {
      // A webview with the keyboard focus may keep the key to itself: give the focus back to the workbench.
      if (Date.now() > deadline) throw new Error(`no quick input opened with ${key}`);
      await page.locator('.part.sidebar .title').first().click();
      continue;
    }
    try {
      // The quick input can close again before it takes the text (the focus taken by a notification or a view
      // that has just opened): open it again rather than wait for it.
      await input.fill(key === 'F1' ? `>${text}` : text, { timeout: 5000 });
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the quick input closed before "${text}" could be typed`, { cause: e });
      continue;
    }
    const row = page.locator(quickRows).filter({ hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await row.click();
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`no "${label}" in the quick input after typing "${text}"`, { cause: e });
    }
  }
}
