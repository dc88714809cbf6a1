// Reads and drives the profile editor's webview in the real workbench, for the UI tests. Every number
// comes from the DOM's data-value attributes, which hold the raw values the view formats.
import type { FrameLocator, Page } from 'playwright-core';
import type { Granularity } from '../../src/model/profile/queries';
import type { Workbench } from './support/workbench';

export interface ShownRow {
  name: string;
  flat: number;
  cum: number;
}

export class ProfileView {
  constructor(private readonly wb: Workbench) {}

  get page(): Page {
    return this.wb.page;
  }

  get frame(): FrameLocator {
    return this.wb.webviewFrame();
  }

  /** Opens a workspace file with Quick Open and waits for its flame graph and table. */
  async open(relPath: string): Promise<void> {
    await this.wb.openFile(relPath);
    const name = relPath.split('/').pop()!;
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await this.frame.locator('.file-name', { hasText: exact }).waitFor({ timeout: 60000 });
    await this.ready();
  }

  /** Waits until the flame graph has drawn and the table has rows. */
  async ready(): Promise<void> {
    await this.frame.locator('#flame-status[data-kind="ok"]').waitFor({ timeout: 60000 });
    await this.frame.locator('#top-table tr.row').first().waitFor({ timeout: 60000 });
  }

  async headerTotal(): Promise<number> {
    const dd = this.frame.locator('[data-stat="total"] dd[data-value]');
    await dd.waitFor();
    return Number(await dd.getAttribute('data-value'));
  }

  async stat(key: string): Promise<string> {
    return (await this.frame.locator(`[data-stat="${key}"] dd`).textContent()) ?? '';
  }

  /** The table's first rows (only rows in view are in the DOM), in display order. */
  async rows(): Promise<ShownRow[]> {
    await this.frame.locator('#top-table').evaluate(async (table) => {
      table.parentElement!.scrollTop = 0;
      for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    });
    return this.frame.locator('#top-table tr.row').evaluateAll((trs) =>
      trs.map((tr) => {
        const tds = tr.querySelectorAll('td');
        return { name: (tr as HTMLElement).dataset.name ?? '', flat: Number(tds[0].dataset.value), cum: Number(tds[3].dataset.value) };
      }),
    );
  }

  /** Picks a sample type in the header's dropdown; the header and the flame graph show "loading" until the worker answers. */
  async selectSampleType(label: string): Promise<void> {
    await this.frame.locator('#sample-type').click();
    await this.frame.locator('#sample-type vscode-option', { hasText: label }).click();
    await this.ready();
    await this.headerTotal();
  }

  async selectedSampleType(): Promise<string> {
    return this.frame.locator('#sample-type').evaluate((d) => {
      const el = d as HTMLElement & { value: string };
      return el.querySelector(`vscode-option[value="${el.value}"]`)?.textContent ?? '';
    });
  }

  async search(term: string): Promise<{ text: string; value: number }> {
    await this.frame.locator('#flame-search input').fill(term);
    const info = this.frame.locator('#search-info');
    if (term === '') {
      await this.frame.locator('#search-info:empty').waitFor({ state: 'attached' });
      return { text: '', value: NaN };
    }
    await info.filter({ hasText: /of total|No matches/ }).waitFor();
    return { text: (await info.textContent()) ?? '', value: Number((await info.getAttribute('data-value')) ?? 'NaN') };
  }

  /** Frames drawn: name, width in px and fill, in document order. */
  async frames(): Promise<{ name: string; width: number; fill: string }[]> {
    return this.frame.locator('#flame-chart g.frame').evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector('rect')!;
        return { name: g.getAttribute('name') ?? '', width: Number(rect.getAttribute('width')), fill: rect.getAttribute('fill') ?? '' };
      }),
    );
  }

  /** The widest drawn frame below the root. */
  async widestFrame(): Promise<string> {
    const frames = (await this.frames()).filter((f) => f.name !== 'root');
    frames.sort((a, b) => b.width - a.width);
    return frames[0].name;
  }

  async zoomInto(name: string): Promise<void> {
    await this.frame.locator(`#flame-chart g.frame[name="${name.replace(/"/g, '\\"')}"]`).first().click();
    await this.frame.locator('.breadcrumb .crumb[aria-current="page"]', { hasText: name }).waitFor();
    await this.frame.locator('#flame-status[data-kind="ok"]').waitFor();
  }

  async breadcrumb(): Promise<string[]> {
    return this.frame.locator('.breadcrumb .crumb').allTextContents();
  }

  /** Picks a granularity in the top table's dropdown and waits for its rows. */
  async setGranularity(value: Granularity): Promise<void> {
    await this.frame.locator('#granularity').click();
    await this.frame.locator(`#granularity vscode-option[value="${value}"]`).click();
    await this.frame.locator(`#top-table[data-granularity="${value}"]`).waitFor();
    await this.ready();
  }

  async granularity(): Promise<string> {
    return this.frame.locator('#granularity').evaluate((d) => (d as HTMLElement & { value: string }).value);
  }

  async filterRows(text: string): Promise<void> {
    await this.frame.locator('#top-filter input').fill(text);
    await this.frame.locator('#top-count', { hasText: text ? ' of ' : /^[\d,]+ (functions|lines|files|addresses)$/ }).waitFor();
  }

  async applyFilter(key: 'focus' | 'ignore' | 'hide' | 'tagfocus' | 'tagignore', value: string): Promise<void> {
    await this.frame.locator(`#filter-${key} input`).fill(value);
    await this.frame.locator('#filters-apply').click();
    await this.frame.locator(`.chip[data-filter="${key}"]`).waitFor();
  }

  async selectRow(name: string): Promise<void> {
    await this.frame.locator(`#top-table tr.row[data-name="${name.replace(/"/g, '\\"')}"]`).first().click();
    await this.frame.locator('#sandwich .selected-name', { hasText: name }).waitFor();
  }
}
