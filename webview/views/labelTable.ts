// The top table broken down by a label ("by label"): per row its total flat and cum, then a group of flat
// and cum per value of the key (the hottest value of each row marked), each sortable. The rows are the
// worker's (pprof's -top over every value); the first MAX_ROWS in the chosen order are drawn.
import type { LabelBreakdown } from '../../src/model/profile/queries';
import { fromLabelBreakdownColumns } from '../../src/protocol/labelBreakdownColumns';
import type { Answer, Query } from '../../src/protocol/messages';
import { topQueryFor } from '../../src/protocol/viewQueries';
import type { ViewContext } from '../context';
import { h, replace } from '../dom';
import { formatValue, percent } from '../format';
import { latestOnly } from '../hostChannel';
import { hottest, labelColumns, labelSortKey, parseLabelSort, rowSums, sortLabelRows, type LabelColumn } from '../labelColumns';
import { filterRows } from '../tableRows';

const MAX_ROWS = 500;

export class LabelTable {
  readonly el = h('div', { class: 'table-scroll label-scroll', tabindex: '0', 'aria-label': 'Top functions by label' });
  private readonly table = h('table', { class: 'top-table label-table', id: 'label-table' });
  private readonly fetch: (q: Query) => Promise<Answer | undefined>;
  private breakdown: LabelBreakdown | undefined;
  private columns: LabelColumn[] = [];

  constructor(
    private readonly ctx: ViewContext,
    /** The row count to show in the toolbar, or an error. */
    private readonly onShown: (count: string, error?: string) => void,
  ) {
    this.fetch = latestOnly((q) => ctx.query(q));
    this.el.append(this.table);
  }

  async load(): Promise<void> {
    const s = this.ctx.state();
    if (!this.ctx.summary.labels.some((l) => l.key === s.labelKey)) return;
    this.onShown('Loading…');
    const a = await this.fetch({ kind: 'labelBreakdown', query: { ...topQueryFor(s), key: s.labelKey } });
    if (!a || a.kind === 'cancelled') return;
    if (a.kind !== 'labelBreakdown') {
      this.breakdown = undefined;
      replace(this.table);
      this.onShown('', a.kind === 'error' ? a.message : undefined);
      return;
    }
    this.breakdown = fromLabelBreakdownColumns(a.result);
    this.columns = labelColumns(this.breakdown);
    this.table.dataset.key = this.breakdown.key;
    this.render();
  }

  /** Draws the rows again: a new order, row filter or selection. */
  render(): void {
    const b = this.breakdown;
    if (!b) return;
    const s = this.ctx.state();
    const unit = b.sampleType.unit;
    const order = sortLabelRows(b, this.columns, s.labelSort);
    const ordered = order.map((i) => b.rows[i]);
    const shown = filterRows(ordered, s.topFilter).map((k) => order[k]);
    const sort = parseLabelSort(s.labelSort);
    const th = (label: string, sortKey: string | undefined, title?: string) => {
      const active = sortKey === undefined ? false : sortKey === '' ? !sort : s.labelSort === sortKey;
      const cell = h('th', { class: 'num', scope: 'col', title, 'aria-sort': active ? 'descending' : undefined }, label);
      if (sortKey !== undefined) {
        cell.classList.add('sortable');
        cell.dataset.labelSort = sortKey;
        cell.addEventListener('click', () => this.ctx.update({ labelSort: sortKey }));
        if (active) cell.append(h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, ' ▼'));
      }
      return cell;
    };
    const groups = h(
      'tr',
      { class: 'group-row' },
      h('th', { class: 'name' }),
      h('th', { class: 'group', scope: 'colgroup', colspan: '2', title: `Every value of ${b.key}` }, 'All'),
      ...this.columns.map((c) =>
        h('th', { class: 'group value-group', scope: 'colgroup', colspan: '2', title: `${b.key}=${c.label}: ${formatValue(c.total, unit)} (${percent(c.total, b.total)})`, 'data-value': c.id }, c.label),
      ),
    );
    const heads = h(
      'tr',
      {},
      h('th', { class: 'name', scope: 'col' }, 'Function'),
      th('Flat', ''),
      th('Cum', undefined),
      ...this.columns.flatMap((c) => [th('flat', labelSortKey('flat', c.id), `Flat where ${b.key} is ${c.label}`), th('cum', labelSortKey('cum', c.id), `Cum where ${b.key} is ${c.label}`)]),
    );
    const nc = 2 + 2 * this.columns.length + 1;
    const body = h('tbody');
    for (const i of shown.slice(0, MAX_ROWS)) body.append(this.row(b, i, unit));
    if (shown.length === 0) body.append(h('tr', { class: 'empty' }, h('td', { colspan: String(nc) }, b.rows.length === 0 ? 'No samples.' : 'No rows match the filter.')));
    if (shown.length > MAX_ROWS) body.append(h('tr', { class: 'empty' }, h('td', { colspan: String(nc) }, `The first ${MAX_ROWS} of ${shown.length.toLocaleString('en-US')} rows; filter or sort to see others.`)));
    replace(this.table, h('thead', {}, groups, heads), body);
    const values = b.values.length === 1 ? '1 value' : `${b.values.length} values`;
    this.onShown(`${shown.length.toLocaleString('en-US')} rows, ${values} of ${b.key}`);
  }

  private row(b: LabelBreakdown, i: number, unit: string): HTMLTableRowElement {
    const r = b.rows[i];
    const { flat, cum } = rowSums(b, this.columns, i);
    // With one column there is nothing to tell apart.
    const hot = this.columns.length > 1 ? hottest(cum) : -1;
    const num = (v: number, cls = 'num') => h('td', { class: cls, 'data-value': String(v) }, v === 0 ? '' : formatValue(v, unit));
    const selected = r.name === this.ctx.state().selected;
    const tr = h(
      'tr',
      { class: selected ? 'row selected' : 'row', 'aria-selected': selected ? 'true' : 'false' },
      h('td', { class: 'name', title: r.file ? `${r.name} ${r.file}${r.line ? `:${r.line}` : ''}` : r.name }, r.name, r.line ? h('span', { class: 'muted' }, ` :${r.line}`) : ''),
      num(r.flat, 'num total'),
      num(r.cum, 'num total'),
      ...this.columns.flatMap((_, c) => [num(flat[c], c === hot ? 'num hot' : 'num'), num(cum[c], c === hot ? 'num hot' : 'num')]),
    );
    tr.dataset.name = r.name;
    if (hot >= 0) tr.dataset.hottest = this.columns[hot].id;
    tr.addEventListener('click', () => this.ctx.update({ selected: r.name }));
    tr.addEventListener('dblclick', () => this.ctx.openSource(r.name, r.file, r.line ?? 0));
    return tr;
  }
}
