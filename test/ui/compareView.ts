// Reads and drives the compare view's webview for the UI tests, in the real workbench (a FrameLocator) or
// in the development page (a Page). Every number comes from the DOM's data-value attributes, which hold
// the raw values the view formats.
import type { Locator } from 'playwright-core';

/** What both a workbench webview frame and a plain page offer. */
export interface Root {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
}

export interface SideShown {
  name: string;
  total: number;
  samples: number;
}

export interface CompareRowShown {
  name: string;
  flatBase: number;
  flatTarget: number;
  flatDelta: number;
  cumBase: number;
  cumTarget: number;
  cumDelta: number;
}

/** The tooltip of a frame: its name and the Cum row's two sides. */
export interface TooltipShown {
  name: string;
  base: number;
  target: number;
  sides: string;
  delta: string;
  pct: string;
  note: string;
}

export const SELECTORS = {
  header: '#compare-header',
  baseSide: '#compare-base',
  targetSide: '#compare-target',
  change: '#compare-change',
  mode: '#compare-mode',
  normalize: '#compare-normalize',
  swap: '#compare-swap',
  busy: '#compare-busy',
  identical: '#compare-identical',
  differentBinaries: '#compare-binaries',
  legend: '#diff-legend',
  legendSwatch: '#diff-legend .legend-swatch',
  frames: '#flame-chart g.frame',
  flameReady: '#flame-status[data-kind="ok"]',
  tooltip: '.flame-tooltip.visible',
  table: '#top-table',
  tableRows: '#top-table tr.row',
  sortHeader: (key: string) => `#top-table th[data-sort="${key}"]`,
  sandwichName: '#sandwich .selected-name',
} as const;

export class CompareView {
  constructor(readonly root: Root) {}

  /** Waits until the flame graph has drawn and the table has rows. */
  async ready(): Promise<void> {
    await this.root.locator(SELECTORS.header).waitFor({ timeout: 60000 });
    await this.root.locator(SELECTORS.flameReady).waitFor({ timeout: 60000 });
    await this.root.locator(SELECTORS.tableRows).first().waitFor({ timeout: 60000 });
  }

  async side(which: 'base' | 'target'): Promise<SideShown> {
    const el = this.root.locator(which === 'base' ? SELECTORS.baseSide : SELECTORS.targetSide);
    return {
      name: ((await el.locator('.compare-name').textContent()) ?? '').trim(),
      total: Number(await el.locator('.side-total').getAttribute('data-value')),
      samples: Number(await el.locator('.side-samples').getAttribute('data-value')),
    };
  }

  async change(): Promise<{ value: number; text: string; change: string }> {
    const el = this.root.locator(SELECTORS.change);
    return { value: Number(await el.getAttribute('data-value')), text: ((await el.textContent()) ?? '').trim(), change: (await el.getAttribute('data-change')) ?? '' };
  }

  async palette(): Promise<string> {
    return (await this.root.locator(SELECTORS.legend).getAttribute('data-palette')) ?? '';
  }

  /** The legend's swatch fills, from much less to much more. */
  async legendFills(): Promise<string[]> {
    return this.root.locator(SELECTORS.legendSwatch).evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  }

  /** The theme the webview shows, as webview/colors.ts names it. */
  async theme(): Promise<'light' | 'dark' | 'hc-dark' | 'hc-light'> {
    const cls = (await this.root.locator('body').getAttribute('class')) ?? '';
    if (cls.includes('vscode-high-contrast-light')) return 'hc-light';
    if (cls.includes('vscode-high-contrast')) return 'hc-dark';
    return cls.includes('vscode-light') ? 'light' : 'dark';
  }

  async frames(): Promise<{ name: string; width: number; fill: string }[]> {
    return this.root.locator(SELECTORS.frames).evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector('rect')!;
        return { name: g.getAttribute('name') ?? '', width: Number(rect.getAttribute('width')), fill: rect.getAttribute('fill') ?? '' };
      }),
    );
  }

  /** Hovers the `index`-th drawn frame and reads its tooltip. */
  async hoverFrame(index: number): Promise<TooltipShown> {
    const frame = this.root.locator(SELECTORS.frames).nth(index);
    // The middle of a frame's rect: its label, a foreignObject, takes no pointer events.
    await frame.locator('rect').hover({ force: true });
    const tip = this.root.locator(SELECTORS.tooltip);
    await tip.waitFor();
    const cum = tip.locator('tr[data-row="cum"]');
    return {
      name: ((await tip.locator('.tt-name').textContent()) ?? '').trim(),
      base: Number(await cum.locator('.tt-sides').getAttribute('data-base')),
      target: Number(await cum.locator('.tt-sides').getAttribute('data-target')),
      sides: ((await cum.locator('.tt-sides').textContent()) ?? '').trim(),
      delta: ((await cum.locator('.tt-delta').textContent()) ?? '').trim(),
      pct: ((await cum.locator('.tt-pct').textContent()) ?? '').trim(),
      note: ((await tip.locator('.tt-side').allTextContents()).join('')).trim(),
    };
  }

  /** The sort key whose heading says the table is sorted by it. */
  async sortedBy(): Promise<string> {
    return (await this.root.locator(`${SELECTORS.table} th[aria-sort]`).getAttribute('data-sort')) ?? '';
  }

  async sortBy(key: string): Promise<void> {
    await this.root.locator(SELECTORS.sortHeader(key)).click();
    await this.root.locator(`${SELECTORS.sortHeader(key)}[aria-sort]`).waitFor();
  }

  /** The table's first rows (only rows in view are in the DOM), in display order. */
  async rows(): Promise<CompareRowShown[]> {
    await this.root.locator(SELECTORS.table).evaluate(async (table) => {
      table.parentElement!.scrollTop = 0;
      for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    return this.root.locator(SELECTORS.tableRows).evaluateAll((trs) =>
      // No named helpers in page code: the test runner's transform would call a helper the page lacks.
      trs.map((tr) => {
        const v = [...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value));
        return { name: (tr as HTMLElement).dataset.name ?? '', flatBase: v[0], flatTarget: v[1], flatDelta: v[2], cumBase: v[4], cumTarget: v[5], cumDelta: v[6] };
      }),
    );
  }

  async swap(): Promise<void> {
    const before = await this.side('base');
    await this.root.locator(SELECTORS.swap).click();
    // The host reopens the comparison and sends init again: a new header, with the sides exchanged.
    await this.root.locator(`${SELECTORS.targetSide} .compare-name`, { hasText: before.name }).waitFor({ timeout: 60000 });
    await this.ready();
  }

  async selectRow(name: string): Promise<void> {
    await this.root.locator(`${SELECTORS.tableRows}[data-name="${name.replace(/"/g, '\\"')}"]`).first().click();
    await this.root.locator(SELECTORS.sandwichName, { hasText: name }).waitFor();
  }
}
