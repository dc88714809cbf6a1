// Callers and callees of the selected function (the sandwich view), each with its share of the total.
// Clicking a neighbour selects it, so the call graph can be walked up and down. In a comparison each entry
// shows base, target, Δ and Δ% (the worker's values are net: target − base), biggest change first.
import type { CallersCallees } from '../../src/model/profile/queries';
import type { Answer, Query } from '../../src/protocol/messages';
import { callersCalleesQueryFor } from '../../src/protocol/viewQueries';
import type { StateKey, View, ViewContext } from '../context';
import { h, replace } from '../dom';
import { changeOf, formatBaseToTarget, formatDelta, formatDeltaPercent } from '../delta';
import { formatValue, percent } from '../format';
import { latestOnly } from '../hostChannel';
import { button } from '../ui';

/** Rows per list: a function called from thousands of places would otherwise send and draw them all. */
const LIMIT = 100;

export class Sandwich implements View {
  readonly el: HTMLElement;
  private readonly title = h('div', { class: 'sandwich-title' });
  private readonly content = h('div', { class: 'sandwich-content' });
  private readonly fetch: (q: Query) => Promise<Answer | undefined>;
  private generation = 0;

  constructor(private readonly ctx: ViewContext) {
    this.fetch = latestOnly((q) => ctx.query(q));
    this.el = h('section', { class: 'sandwich', id: 'sandwich', 'aria-label': 'Callers and callees' }, h('div', { class: 'toolbar' }, h('h2', {}, 'Callers / Callees')), this.title, this.content);
    this.empty();
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    if (changed.has('selected') || changed.has('sampleIndex') || changed.has('filters') || changed.has('granularity')) void this.load();
  }

  async load(): Promise<void> {
    const gen = ++this.generation;
    if (!this.ctx.state().selected) return this.empty();
    // The flame graph goes first: a click that zooms and selects must not wait on a pass over every sample.
    await this.ctx.flameSettled();
    const s = this.ctx.state();
    if (gen !== this.generation) return;
    if (!s.selected) return this.empty();
    const a = await this.fetch({ kind: 'callersCallees', query: callersCalleesQueryFor(s, LIMIT) });
    if (!a) return;
    if (a.kind === 'error') {
      replace(this.title);
      replace(this.content, h('p', { class: 'error-text' }, a.message));
      return;
    }
    if (a.kind === 'callersCallees') this.render(a.result);
  }

  private empty(): void {
    replace(this.title);
    replace(this.content, h('p', { class: 'muted hint' }, 'Select a function in the table or the flame graph to see who calls it and what it calls.'));
  }

  private render(n: CallersCallees): void {
    if (this.ctx.compare) return this.renderDiff(n);
    const unit = this.ctx.sampleType().unit;
    const file = this.ctx.fileOf(n.name);
    replace(
      this.title,
      h('div', { class: 'selected-name', title: n.name }, n.name),
      h(
        'div',
        { class: 'selected-stats' },
        h('span', { 'data-stat': 'flat', 'data-value': String(n.flat) }, `flat ${formatValue(n.flat, unit)} (${percent(n.flat, n.total)})`),
        h('span', { 'data-stat': 'cum', 'data-value': String(n.cum) }, `cum ${formatValue(n.cum, unit)} (${percent(n.cum, n.total)})`),
        button('Go to Source', { id: 'go-to-source', appearance: 'secondary', onClick: () => this.ctx.openSource(n.name, file, 0) }),
      ),
    );
    const list = (label: NeighbourLabel, id: string, items: CallersCallees['callers'], omitted: CallersCallees['callersOmitted']) => {
      const sorted = [...items].sort((a, b) => b.value - a.value);
      const rows = sorted.map((it) =>
        this.neighbourRow(
          it.name,
          {},
          h('td', { class: 'num', 'data-value': String(it.value) }, formatValue(it.value, unit)),
          h('td', { class: 'num' }, percent(it.value, n.total)),
          h('td', { class: 'name', title: it.name }, it.name),
        ),
      );
      return neighbourList(label, id, rows, h('table', { class: 'mini-table' }, h('tbody', {}, ...rows)), omitted?.count ?? 0,
        omitted && `…and ${omitted.count.toLocaleString('en-US')} more ${label.toLowerCase()}, ${formatValue(omitted.value, unit)} (${percent(omitted.value, n.total)}) together`);
    };
    replace(this.content, list('Callers', 'callers', n.callers, n.callersOmitted), list('Callees', 'callees', n.callees, n.calleesOmitted));
  }

  private renderDiff(n: CallersCallees): void {
    const unit = this.ctx.sampleType().unit;
    const file = this.ctx.fileOf(n.name);
    const sides = (net: number, base: number | undefined) => ({ base: base ?? 0, target: net + (base ?? 0), delta: net });
    const stat = (key: string, label: string, net: number, base: number | undefined) => {
      const x = sides(net, base);
      return h(
        'span',
        { 'data-stat': key, 'data-value': String(net), 'data-base': String(x.base), 'data-change': changeOf(x.base, x.target) },
        `${label} ${formatBaseToTarget(x.base, x.target, unit)} (${[formatDelta(x.delta, unit), formatDeltaPercent(x.base, x.target)].filter(Boolean).join(', ')})`,
      );
    };
    replace(
      this.title,
      h('div', { class: 'selected-name', title: n.name }, n.name),
      h(
        'div',
        { class: 'selected-stats' },
        stat('flat', 'flat', n.flat, n.baseFlat),
        stat('cum', 'cum', n.cum, n.baseCum),
        button('Go to Source', { id: 'go-to-source', appearance: 'secondary', onClick: () => this.ctx.openSource(n.name, file, 0) }),
      ),
    );
    const list = (label: NeighbourLabel, id: string, items: CallersCallees['callers'], omitted: CallersCallees['callersOmitted']) => {
      const sorted = [...items].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.name.localeCompare(b.name));
      const head = h('tr', {}, h('th', { class: 'num' }, 'Δ'), h('th', { class: 'num' }, 'Δ%'), h('th', { class: 'name' }, label === 'Callers' ? 'Caller' : 'Callee'));
      const rows = sorted.map((it) => {
        const x = sides(it.value, it.base);
        const change = changeOf(x.base, x.target);
        // The narrow panel shows the change; each side is in the row's title.
        return this.neighbourRow(
          it.name,
          { title: `${it.name}\nbase → target: ${formatBaseToTarget(x.base, x.target, unit)}`, 'data-base': String(x.base), 'data-target': String(x.target) },
          h('td', { class: 'num delta', 'data-value': String(x.delta), 'data-change': change }, formatDelta(x.delta, unit)),
          h('td', { class: 'num delta', 'data-change': change }, formatDeltaPercent(x.base, x.target)),
          h('td', { class: 'name' }, it.name),
        );
      });
      return neighbourList(label, id, rows, h('table', { class: 'mini-table diff-table' }, h('thead', {}, head), h('tbody', {}, ...rows)), omitted?.count ?? 0,
        omitted && `…and ${omitted.count.toLocaleString('en-US')} more ${label.toLowerCase()}, ${formatDelta(omitted.value, unit)} change together`);
    };
    replace(this.content, list('Callers', 'callers', n.callers, n.callersOmitted), list('Callees', 'callees', n.callees, n.calleesOmitted));
  }

  /** A caller's or callee's row: a click selects it. */
  private neighbourRow(name: string, attrs: Record<string, string>, ...cells: HTMLTableCellElement[]): HTMLTableRowElement {
    const tr = h('tr', { class: 'row', ...attrs }, ...cells);
    tr.dataset.name = name;
    tr.addEventListener('click', () => this.ctx.update({ selected: name }));
    return tr;
  }
}

type NeighbourLabel = 'Callers' | 'Callees';

/** One side of the sandwich: its heading with the count, its table (or why it is empty), and what the limit left out. */
function neighbourList(label: NeighbourLabel, id: string, rows: readonly HTMLTableRowElement[], table: HTMLTableElement, omittedCount: number, omittedText: string | undefined): HTMLElement {
  const count = rows.length + omittedCount;
  return h(
    'div',
    { class: 'neighbour-list', id },
    h('h3', {}, `${label} (${count.toLocaleString('en-US')})`),
    rows.length === 0 ? h('p', { class: 'muted' }, label === 'Callers' ? 'None: it is a root of its stacks.' : 'None: it is a leaf.') : table,
    omittedText ? h('p', { class: 'muted omitted' }, omittedText) : '',
  );
}
