// Development aid, not a test: loads the built webview (dist/webview/main.js) in Chromium as a compare
// view, with a stand-in for acquireVsCodeApi that answers its queries from the real engine, and saves
// screenshots to look at. Until the engine fills in the base side of its answers, this stand-in fills it
// in from the base profile opened alone (matched by path, row key or name), and draws widths from the
// target opened alone.
//   node esbuild.mjs && node --import tsx test/ui/support/compareDevPage.ts [base] [target] [palette] [name]
// compareWebview.test.ts uses the same page to test the webview alone in real Chromium.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { DiffPalette, HostToWebview, Query, Answer, WebviewToHost } from '../../../src/protocol/messages';
import type { FlameTree } from '../../../src/model/profile/queries';
import { toTopColumns } from '../../../src/protocol/topColumns';
import { sanitizeViewState } from '../../../src/protocol/viewState';
import { Analysis } from '../../../src/worker/analysis';
import { repoRoot } from '../../harness/codeServer.mjs';
import { chromiumPath } from '../../harness/browser.mjs';
import { checkFlameAndLegend, checkHeader, checkSwap, checkTable, checkTooltip, pprofDiffTop } from '../compareChecks';
import { CompareView } from '../compareView';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);

/** The engine's answers, with the base side filled in where the engine does not give it yet. */
export class StandIn {
  readonly engine = new Analysis((p) => readFileSync(p));
  constructor(
    readonly base: string,
    readonly target: string,
  ) {}

  open(mode: 'diff_base' | 'base', normalize: boolean) {
    this.engine.openFile('base', this.base, 'base');
    this.engine.openFile('target', this.target, 'target');
    return this.engine.openComparison('cmp', { base: this.base, target: this.target }, { mode, normalize }, { base: 'base', target: 'target' });
  }

  answer(q: Query): Answer {
    try {
      if (q.kind === 'top') {
        const net = this.engine.top('cmp', q.query);
        const base = new Map(this.engine.top('base', q.query).rows.map((r) => [`${r.name}|${r.file}|${r.line}|${r.address}`, r]));
        const rows = net.rows.map((r) => {
          const b = base.get(`${r.name}|${r.file}|${r.line}|${r.address}`);
          return { ...r, baseFlat: r.baseFlat ?? b?.flat ?? 0, baseCum: r.baseCum ?? b?.cum ?? 0 };
        });
        const cols = toTopColumns({ ...net, rows });
        return { kind: 'top', result: { ...cols, baseFlat: Float64Array.from(rows, (r) => r.baseFlat), baseCum: Float64Array.from(rows, (r) => r.baseCum) } };
      }
      if (q.kind === 'flame') {
        const t = this.engine.flame('cmp', q.query);
        if (t.baseValue) return { kind: 'flame', result: t };
        return { kind: 'flame', result: withBase(this.engine.flame('target', q.query), this.engine.flame('base', { ...q.query, minFraction: 0, maxNodes: 1e6 })) };
      }
      if (q.kind === 'labelBreakdown') return { kind: 'labelBreakdown', result: this.engine.labelBreakdown('cmp', q.query) };
      const net = this.engine.callersCallees('cmp', q.query);
      if (net.baseCum !== undefined) return { kind: 'callersCallees', result: net };
      const b = this.engine.callersCallees('base', { ...q.query, limit: 1e6 });
      const of = (list: typeof b.callers) => new Map(list.map((e) => [e.name, e.value]));
      const bc = of(b.callers);
      const be = of(b.callees);
      return {
        kind: 'callersCallees',
        result: {
          ...net,
          baseFlat: b.flat,
          baseCum: b.cum,
          callers: net.callers.map((e) => ({ ...e, base: bc.get(e.name) ?? 0 })),
          callees: net.callees.map((e) => ({ ...e, base: be.get(e.name) ?? 0 })),
        },
      };
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** The base tree's values on the target tree's nodes, by path of names. */
function withBase(target: FlameTree, base: FlameTree): FlameTree {
  const pathOf = (t: FlameTree) => {
    const paths: string[] = [];
    for (let i = 0; i < t.parent.length; i++) paths[i] = i === 0 ? '' : `${paths[t.parent[i]]}\u0000${t.names[t.nodeName[i]]}`;
    return paths;
  };
  const byPath = new Map(pathOf(base).map((p, i) => [p, i]));
  const n = target.parent.length;
  const baseValue = new Float64Array(n);
  const baseSelf = new Float64Array(n);
  const baseFolded = new Float64Array(n);
  pathOf(target).forEach((p, i) => {
    const j = byPath.get(p);
    if (j === undefined) return;
    baseValue[i] = base.value[j];
    baseSelf[i] = base.self[j];
  });
  return { ...target, baseValue, baseSelf, baseFolded, baseTotal: base.total };
}

/** Typed arrays do not survive page.evaluate's JSON; they cross as tagged lists. */
function pack(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return { __typed: v.constructor.name, data: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(pack);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, pack(x)]));
  return v;
}

const UNPACK_AND_DISPATCH = `function (packed) {
  const unpack = (v) => {
    if (Array.isArray(v)) return v.map(unpack);
    if (v && typeof v === 'object') {
      if (v.__typed) return new globalThis[v.__typed](v.data);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unpack(x)]));
    }
    return v;
  };
  window.dispatchEvent(new MessageEvent('message', { data: unpack(packed) }));
}`;

const THEME_VARS = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-panel-border: #2b2b2b; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-textLink-foreground: #4daafc; --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
  --vscode-list-activeSelectionForeground: #ffffff; --vscode-editorHoverWidget-background: #252526; --vscode-focusBorder: #0078d4;
  --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185; --vscode-charts-orange: #d18616; --vscode-charts-blue: #3794ff;
  --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff; --vscode-errorForeground: #f85149;`;

export interface ComparePage {
  readonly page: Page;
  /** Sends the page a message as the host would. */
  send(m: HostToWebview): Promise<unknown>;
  /** Saves test-results/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** What the page logged that says the content security policy refused something. */
  cspViolations(): string[];
  close(): Promise<void>;
}

/**
 * The built webview in Chromium as a compare view of `base` and `target`, the host played by this process
 * with the real engine: it answers queries, and reopens the comparison on swap and on new options.
 */
export async function openComparePage(o: { base: string; target: string; palette: DiffPalette; mode?: 'diff_base' | 'base'; normalize?: boolean }): Promise<ComparePage> {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-compare-dev-'));
  const dist = join(repoRoot, 'dist/webview');
  const css = ['main.css', 'flame.css', 'tables.css'].map((f) => `<link rel="stylesheet" href="file://${dist}/media/${f}">`).join('\n');
  const html = join(dir, 'index.html');
  // The policy of src/editor/webviewHtml.ts, with file: for the webview's resource origin.
  const nonce = 'ZGV2cGFnZW5vbmNl';
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src file: 'nonce-${nonce}'; font-src file:`;
  writeFileSync(
    html,
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta property="csp-nonce" content="${nonce}">
${css}<style nonce="${nonce}">:root{${THEME_VARS}}</style></head>
<body class="vscode-dark"><main id="app" class="app loading" aria-busy="true"></main><script nonce="${nonce}" src="file://${dist}/main.js"></script></body></html>`,
  );
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  const close = async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const messages: string[] = [];
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => messages.push(m.text()));
    let standIn = new StandIn(o.base, o.target);
    let options = { mode: o.mode ?? 'diff_base', normalize: o.normalize ?? false };
    let state: unknown = null;
    // In-page code as text: tsx's helpers (__name) do not exist in the page.
    const send = (m: HostToWebview) => page.evaluate(`(${UNPACK_AND_DISPATCH})(${JSON.stringify(pack(m))})`);
    const init = () => {
      const summary = standIn.open(options.mode, options.normalize);
      const name = (p: string) => p.split('/').pop()!;
      return send({
        type: 'init',
        fileName: name(standIn.target),
        // What the engine is to say of a profile compared with itself, until it does.
        summary: standIn.base === standIn.target && summary.comparison ? { ...summary, comparison: { ...summary.comparison, identical: true } } : summary,
        state: sanitizeViewState(state, summary.sampleTypes.length, summary.defaultSampleIndex),
        answers: [],
        compare: { baseName: name(standIn.base), targetName: name(standIn.target), palette: o.palette },
      });
    };
    await page.exposeFunction('__devHost', async (m: WebviewToHost) => {
      if (m.type === 'ready') return init();
      if (m.type === 'state') state = m.state;
      if (m.type === 'query') {
        await send({ type: 'received', id: m.id });
        return send({ type: 'answer', id: m.id, answer: standIn.answer(m.query) });
      }
      if (m.type === 'swapSides') {
        standIn = new StandIn(standIn.target, standIn.base);
        return init();
      }
      if (m.type === 'compareOptions') {
        options = { ...m.options };
        return init();
      }
      return undefined;
    });
    await page.addInitScript(`(() => {
      let saved = null;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__devHost(m), getState: () => saved, setState: (s) => (saved = s) });
    })()`);
    await page.goto(`file://${html}`);
    await page.locator('#flame-status[data-kind="ok"]').waitFor({ timeout: 30000 });
    await page.locator('#top-table tr.row, #top-table tr.empty td:not(:empty)').first().waitFor({ timeout: 30000 });
    return {
      page,
      send,
      async screenshot(name) {
        mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
        const path = join(repoRoot, 'test-results', `${name}.png`);
        await page.screenshot({ path });
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

/** The UI test's checks on this page, with screenshots to look at. */
async function main(base: string, target: string, palette: DiffPalette, name: string): Promise<void> {
  const p = await openComparePage({ base, target, palette });
  try {
    await p.screenshot(name);
    if (!base.includes('heap') || base === target) return;
    const view = new CompareView(p.page);
    const file = (path: string) => ({ name: path.split('/').pop()!, path });
    await checkHeader(view, file(base), file(target), 'inuse_space', 'bytes');
    await checkFlameAndLegend(view);
    await checkTooltip(view);
    await p.screenshot(`${name}-tooltip`);
    await checkTable(view, pprofDiffTop(base, target, 'inuse_space', 'B').rows);
    await view.selectRow((await view.rows())[0].name);
    await p.screenshot(`${name}-selected`);
    await checkSwap(view);
    await p.screenshot(`${name}-swapped`);
    console.log('checks passed');
  } finally {
    await p.close();
  }
}

if (process.argv[1]?.endsWith('compareDevPage.ts')) {
  const [base = fx('go-generated/heap.pb.gz'), target = fx('go-generated/heap-gc.pb.gz'), palette = 'redGreen', name = 'compare-dev'] = process.argv.slice(2);
  main(base, target, palette as DiffPalette, name).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
