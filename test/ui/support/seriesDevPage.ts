// Development aid and test page: loads the built series page (dist/webview/series.js) in Chromium, with a
// stand-in for acquireVsCodeApi that plays the host: it reads the series' manifest and answers the page's
// trend questions from the real engine. A recorded goroutine trend (JSON) may stand in for the engine's.
//   node esbuild.mjs && node --import tsx test/ui/support/seriesDevPage.ts <series folder> [name] [goroutineTrend.json]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { readSeriesManifest } from '../../../src/editor/seriesManifestRead';
import type { SeriesHostToWebview, SeriesWebviewToHost } from '../../../src/protocol/seriesMessages';
import { Analysis } from '../../../src/worker/analysis';
import { chromiumPath } from '../../harness/browser.mjs';
import { repoRoot } from '../../harness/codeServer.mjs';

const THEME_VARS = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-panel-border: #2b2b2b; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-textLink-foreground: #4daafc; --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
  --vscode-list-activeSelectionForeground: #ffffff; --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff;
  --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185; --vscode-charts-orange: #d18616; --vscode-charts-blue: #3794ff;
  --vscode-editorWarning-foreground: #cca700; --vscode-errorForeground: #f85149;`;

export interface SeriesPage {
  readonly page: Page;
  /** What the page asked the host for, in order. */
  readonly posted: SeriesWebviewToHost[];
  send(m: SeriesHostToWebview): Promise<unknown>;
  screenshot(name: string): Promise<string>;
  cspViolations(): string[];
  close(): Promise<void>;
}

export async function openSeriesPage(folder: string, goroutineJson?: string): Promise<SeriesPage> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-series-dev-'));
  const dist = join(repoRoot, 'dist/webview');
  const css = ['main.css', 'series.css'].map((f) => `<link rel="stylesheet" href="file://${dist}/media/${f}">`).join('\n');
  const html = join(dir, 'index.html');
  const nonce = 'ZGV2cGFnZW5vbmNl';
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src file: 'nonce-${nonce}'; font-src file:`;
  writeFileSync(
    html,
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
${css}<style nonce="${nonce}">:root{${THEME_VARS}}</style></head>
<body class="vscode-dark"><main id="app" class="app loading" aria-busy="true"></main><script nonce="${nonce}" src="file://${dist}/series.js"></script></body></html>`,
  );
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  const close = async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const messages: string[] = [];
    const posted: SeriesWebviewToHost[] = [];
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => messages.push(m.text()));
    const engine = new Analysis((p) => readFileSync(p));
    const send = (m: SeriesHostToWebview) => page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(m)} }))`);
    const read = readSeriesManifest(readFileSync(join(folder, 'manifest.json'), 'utf8'), basename(folder));
    const attempt = <T>(f: () => T) => {
      try {
        return { ok: true as const, result: f() };
      } catch (e) {
        return { ok: false as const, message: e instanceof Error ? e.message : String(e) };
      }
    };
    await page.exposeFunction('__devHost', async (m: SeriesWebviewToHost) => {
      posted.push(m);
      if (m.type === 'ready') return send(read.ok ? { type: 'series', series: read.series, generation: 1 } : { type: 'problem', message: read.message });
      if (!read.ok) return undefined;
      const info = (t: string) => read.series.types.find((k) => k.type === t);
      if (m.type === 'trend') {
        const files = (info(m.query.type)?.snapshots ?? []).map((s) => join(folder, s.file));
        const answer = attempt(() => engine.trend(files, { granularity: m.query.granularity, sampleIndex: m.query.sampleType }));
        return send({ type: 'trend', generation: m.generation, query: m.query, answer });
      }
      if (m.type === 'goroutineTrend') {
        const dumps = (info('goroutine')?.dumps ?? []).map((d) => ({ time: d.time, file: join(folder, d.file) }));
        const answer = goroutineJson ? { ok: true as const, result: JSON.parse(readFileSync(goroutineJson, 'utf8')) } : attempt(() => engine.goroutineTrend(dumps));
        return send({ type: 'goroutineTrend', generation: m.generation, answer });
      }
      return undefined;
    });
    await page.addInitScript(`(() => {
      let saved = null;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__devHost(m), getState: () => saved, setState: (s) => (saved = s) });
    })()`);
    await page.goto(`file://${html}`);
    await page.locator('.series-header, #series-problem').first().waitFor({ timeout: 30000 });
    return {
      page,
      posted,
      send,
      async screenshot(name) {
        mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
        const path = join(repoRoot, 'test-results', `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      cspViolations: () => messages.filter((t) => /Content Security Policy|Refused to/i.test(t)),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

if (process.argv[1]?.endsWith('seriesDevPage.ts')) {
  const [folder, name = 'series-dev', goroutineJson] = process.argv.slice(2);
  (async () => {
    const p = await openSeriesPage(folder, goroutineJson);
    try {
      await p.page.locator('#growth-table, #growth-error, #growth-missing').first().waitFor({ timeout: 30000 });
      await p.page.waitForTimeout(500);
      console.log('screenshot:', await p.screenshot(name));
      console.log('csp:', p.cspViolations());
    } finally {
      await p.close();
    }
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
