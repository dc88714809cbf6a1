// The top table: flat, flat%, sum%, cum, cum% per node at pprof's granularities (function, line, file…),
// sortable and filterable. Only the rows in view are in the DOM, so a profile with 100k lines scrolls like
// one with 10.
import { isGranularity, type Granularity, type TopResult, type TopRow } from '../../src/model/profile/queries';
import type { Answer, Query } from '../../src/protocol/messages';
import { flameGranularity, topQueryFor } from '../../src/protocol/viewQueries';
import { tableSortKey, type TopSortKey } from '../../src/protocol/viewState';
import type { StateKey, View, ViewContext } from '../context';
import { h, replace, throttleFrame } from '../dom';
import { latestOnly } from '../hostChannel';
import { filterRows, rowsOf, sortRows } from '../tableRows';
import { dropdown, textField, TextField, Dropdown } from '../ui';
import { COMPARE_COLUMNS, NumberColumn, PROFILE_COLUMNS } from './tableColumns';
import { LabelControls } from './labelControls';
import { LabelTable } from './labelTable';

const ROW_HEIGHT = 22;
const OVERSCAN = 12;

/** The choice, the name column's title and what the row count counts, per granularity, in pprof's order. */
const GRANULARITY: Record<Granularity, { label: string; column: string; counted: string }> = {
  functions: { label: 'Functions', column: 'Function', counted: 'functions' },
  filefunctions: { label: 'Functions by file', column: 'Function', counted: 'functions' },
  files: { label: 'Files', column: 'File', counted: 'files' },
  lines: { label: 'Lines', column: 'Function (line)', counted: 'lines' },
  addresses: { label: 'Addresses', column: 'Address, function', counted: 'addresses' },
};

const baseName = (file: string) => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

export class TopTable implements View {
  private loading: Promise<void> = Promise.resolve();
  readonly el: HTMLElement;
  private readonly scroll = h('div', { class: 'table-scroll', tabindex: '0', 'aria-label': 'Top functions' });
  private readonly body = h('tbody');
  private readonly count = h('span', { class: 'muted row-count', id: 'top-count' });
  private readonly headRow = h('tr');
  private readonly groupRow = h('tr', { class: 'group-row' });
  private readonly table = h('table', { class: 'top-table', id: 'top-table' }, h('thead', {}, this.headRow), this.body);
  private readonly filter: TextField;
  private readonly granularity: Dropdown;
  private readonly fetch: (q: Query) => Promise<Answer | undefined>;
  private result: TopResult | undefined;
  /** All rows in sort order, with the running sum of flat in that order. */
  private sorted: TopRow[] = [];
  private sumFlat = new Float64Array(0);
  /** Indices into `sorted` that pass the table filter. */
  private visible: number[] = [];
  /** The row keyboard navigation moves from (lines of one function share its name). */
  private cursor = -1;
  /** A comparison's table has each side and the change instead of pprof's columns. */
  private readonly comparison: boolean;
  private readonly columns: readonly NumberColumn[];
  /** "By label": present when the profile has string labels and is no comparison. */
  private readonly labels: { readonly controls: LabelControls; readonly table: LabelTable } | undefined;

  constructor(
    private readonly ctx: ViewContext,
    private readonly onResult: (r: TopResult | undefined, error?: string) => void,
  ) {
    this.fetch = latestOnly((q) => ctx.query(q));
    this.comparison = ctx.summary.comparison !== undefined;
    this.columns = this.comparison ? COMPARE_COLUMNS : PROFILE_COLUMNS;
    const s = ctx.state();
    this.granularity = dropdown({
      id: 'granularity',
      label: 'Granularity',
      title: 'What a row is: pprof\'s -functions, -filefunctions, -files, -lines or -addresses',
      choices: (Object.keys(GRANULARITY) as Granularity[]).map((g) => ({ value: g, label: GRANULARITY[g].label })),
      value: s.granularity,
      onChange: (v) => {
        if (!isGranularity(v)) return;
        // The flame graph's frames change between functions and files; its zoom and selection name the old ones.
        const before = flameGranularity(ctx.state().granularity);
        ctx.update(flameGranularity(v) === before ? { granularity: v } : { granularity: v, zoomPath: [], selected: '' });
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.filter = textField({
      id: 'top-filter',
      placeholder: 'Filter rows',
      value: s.topFilter,
      onInput: (v) => {
        clearTimeout(timer);
        timer = setTimeout(() => ctx.update({ topFilter: v }), 120);
      },
    });
    if (this.comparison) {
      // With a fixed layout the first row sets the widths, and here that row has groups: columns set them instead.
      const cols = h('colgroup', {}, ...this.columns.map(() => h('col', { class: 'num' })), h('col', { class: 'name' }), h('col', { class: 'loc' }));
      this.table.prepend(cols);
      this.table.tHead!.prepend(this.groupRow);
    }
    this.scroll.append(this.table);
    this.labels =
      this.comparison || ctx.summary.labels.length === 0
        ? undefined
        : {
            controls: new LabelControls(ctx),
            table: new LabelTable(ctx, (count, error) => {
              replace(this.count, count);
              if (error !== undefined) this.onResult(this.result, error);
            }),
          };
    this.el = h(
      'section',
      { class: this.comparison ? 'top comparison' : 'top', 'aria-label': 'Top' },
      h('div', { class: 'toolbar' }, h('h2', {}, 'Top'), this.granularity.el, h('span', { class: 'spacer' }), this.filter.el, this.count),
      this.labels && h('div', { class: 'toolbar label-bar' }, this.labels.controls.el),
      this.scroll,
      this.labels?.table.el,
    );
    this.showLabelTable();
    this.scroll.addEventListener('scroll', throttleFrame(() => this.renderWindow()));
    new ResizeObserver(throttleFrame(() => this.renderWindow())).observe(this.scroll);
    this.scroll.addEventListener('keydown', (e) => this.key(e));
    this.renderHead();
  }

  /** Whether the table shown is the breakdown by a label. */
  private byLabel(): boolean {
    const key = this.ctx.state().labelKey;
    // A key kept from another profile of the same file name that this one lacks shows the plain table.
    return this.labels !== undefined && key !== '' && this.ctx.summary.labels.some((l) => l.key === key);
  }

  private showLabelTable(): void {
    this.scroll.hidden = this.byLabel();
    if (this.labels) this.labels.table.el.hidden = !this.byLabel();
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    const s = this.ctx.state();
    if (this.labels) {
      this.labels.controls.stateChanged(changed);
      // A new sample type, filter or granularity reloads it through load() below.
      const reloads = changed.has('sampleIndex') || changed.has('filters') || changed.has('granularity');
      this.showLabelTable();
      if (!this.byLabel() && changed.has('labelKey')) this.refilter();
      if (this.byLabel() && changed.has('labelKey') && !reloads) void this.labels.table.load();
      else if (this.byLabel() && (changed.has('labelSort') || changed.has('topFilter') || changed.has('selected'))) this.labels.table.render();
    }
    if (changed.has('sampleIndex') || changed.has('filters') || changed.has('granularity')) {
      this.granularity.value = s.granularity;
      void this.load();
    }
    if (changed.has('topSort') || changed.has('granularity')) {
      this.renderHead();
      this.resort();
    }
    if (changed.has('topFilter')) {
      this.filter.value = s.topFilter;
      this.refilter();
    }
    if (changed.has('selected')) {
      // After the flame graph: a click that zooms also selects, and the zoom's query must not wait behind
      // the table's rows being laid out again.
      void this.ctx.flameSettled().then(() => {
        this.renderWindow();
        this.scrollToSelected();
      });
    }
  }

  /** Loads the rows the state asks for; settled() waits for the latest load. */
  load(): Promise<void> {
    return (this.loading = this.loadRows());
  }

  settled(): Promise<void> {
    return this.loading;
  }

  private async loadRows(): Promise<void> {
    const s = this.ctx.state();
    if (this.byLabel()) void this.labels!.table.load();
    else replace(this.count, 'Loading…');
    const a = await this.fetch({ kind: 'top', query: topQueryFor(s) });
    if (!a) return;
    if (a.kind === 'error') {
      this.result = undefined;
      this.onResult(undefined, a.message);
      this.sorted = [];
      this.refilter();
      return;
    }
    if (a.kind !== 'top') return;
    const start = performance.now();
    this.result = rowsOf(a.result);
    // What the rows shown are, for whoever waits for a granularity's rows (the UI tests).
    this.table.dataset.granularity = s.granularity;
    this.table.dataset.sampleIndex = String(s.sampleIndex);
    this.onResult(this.result);
    this.scroll.scrollTop = 0;
    this.resort();
    this.scrollToSelected();
    // Lets the benchmark tell the table's drawing from the worker's time.
    performance.measure('pprofLens.tableDraw', { start, end: performance.now() });
  }

  private resort(): void {
    if (!this.result) return;
    this.sorted = sortRows(this.result.rows, this.sortKey());
    this.sumFlat = new Float64Array(this.sorted.length);
    let acc = 0;
    this.sorted.forEach((r, i) => (this.sumFlat[i] = acc += r.flat));
    const names: string[] = [];
    const files: string[] = [];
    for (const r of this.result.rows) if (r.file) names.push(r.name), files.push(r.file);
    this.ctx.rememberFiles(names, files);
    this.refilter();
  }

  private refilter(): void {
    const term = this.ctx.state().topFilter.trim();
    this.visible = filterRows(this.sorted, term);
    this.cursor = -1;
    const unit = GRANULARITY[this.ctx.state().granularity].counted;
    // The breakdown counts its own rows.
    if (this.byLabel()) return this.renderWindow();
    replace(
      this.count,
      term ? `${this.visible.length.toLocaleString('en-US')} of ${this.sorted.length.toLocaleString('en-US')} ${unit}` : `${this.sorted.length.toLocaleString('en-US')} ${unit}`,
    );
    this.renderWindow();
  }

  private sortKey(): TopSortKey {
    return tableSortKey(this.ctx.state().topSort, this.comparison);
  }

  private renderHead(): void {
    const sort = this.sortKey();
    const col = (label: string, cls: string, key?: TopSortKey, title?: string) => {
      const th = h('th', { class: cls, scope: 'col', title, 'aria-sort': key && key === sort ? (key === 'name' ? 'ascending' : 'descending') : undefined }, label);
      if (key) {
        th.classList.add('sortable');
        th.dataset.sort = key;
        th.addEventListener('click', () => this.ctx.update({ topSort: key }));
        if (key === sort) th.append(h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, key === 'name' ? ' ▲' : ' ▼'));
      }
      return th;
    };
    const groups: Node[] = [];
    for (let i = 0; i < this.columns.length; ) {
      const group = this.columns[i].group ?? '';
      let span = 1;
      while (i + span < this.columns.length && this.columns[i + span].group === group) span++;
      groups.push(h('th', { class: 'group', scope: 'colgroup', colspan: String(span) }, group));
      i += span;
    }
    replace(this.groupRow, ...groups, h('th', { colspan: '2' }));
    replace(
      this.headRow,
      ...this.columns.map((c) => col(c.label, 'num', c.sort, c.title)),
      col(GRANULARITY[this.ctx.state().granularity].column, 'name', 'name'),
      col('Location', 'loc'),
    );
  }

  private renderWindow(): void {
    const total = this.result?.total ?? 0;
    const unit = this.result?.sampleType.unit ?? '';
    const n = this.visible.length;
    if (n === 0) {
      const none = this.comparison ? 'No differences: every function has the same value in both profiles.' : 'No samples.';
      const msg = this.result ? (this.sorted.length === 0 ? none : 'No rows match the filter.') : '';
      replace(this.body, h('tr', { class: 'empty' }, h('td', { colspan: String(this.columns.length + 2) }, msg)));
      return;
    }
    const height = this.scroll.clientHeight || 400;
    // The rows may just have shrunk under a scrolled table; the browser clamps scrollTop only later.
    const top = Math.min(this.scroll.scrollTop, Math.max(0, n * ROW_HEIGHT - height));
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const selected = this.ctx.state().selected;
    const rows: Node[] = [];
    const spacer = (rowsHigh: number) => {
      const tr = h('tr', { class: 'spacer', 'aria-hidden': 'true' });
      tr.style.height = `${rowsHigh * ROW_HEIGHT}px`;
      return tr;
    };
    if (first > 0) rows.push(spacer(first));
    for (let v = first; v < last; v++) {
      const i = this.visible[v];
      const r = this.sorted[i];
      const cell = { row: r, index: i, total, unit, sumFlat: this.sumFlat };
      const loc = r.file ? (r.line ? `${baseName(r.file)}:${r.line}` : baseName(r.file)) : '';
      const link = loc ? h('a', { class: 'source-link', href: '#', title: r.file + (r.line ? `:${r.line}` : '') }, loc) : '';
      const tr = h(
        'tr',
        { class: r.name === selected ? 'row selected' : 'row', 'data-index': String(v), 'aria-selected': r.name === selected ? 'true' : 'false' },
        ...this.columns.map((c) => c.cell(cell)),
        h(
          'td',
          { class: 'name', title: r.name },
          r.address ? h('span', { class: 'muted address' }, `0x${r.address} `) : '',
          r.name,
          r.line ? h('span', { class: 'muted' }, ` :${r.line}`) : '',
        ),
        h('td', { class: 'loc' }, link),
      );
      tr.dataset.name = r.name;
      tr.addEventListener('click', () => {
        this.cursor = v;
        this.ctx.update({ selected: r.name });
      });
      tr.addEventListener('dblclick', () => this.ctx.openSource(r.name, r.file, r.line ?? 0));
      if (typeof link !== 'string')
        link.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          this.ctx.openSource(r.name, r.file, r.line ?? 0);
        });
      rows.push(tr);
    }
    if (last < n) rows.push(spacer(n - last));
    replace(this.body, ...rows);
  }

  private selectedVisibleIndex(): number {
    const name = this.ctx.state().selected;
    return name ? this.visible.findIndex((i) => this.sorted[i].name === name) : -1;
  }

  private scrollToSelected(): void {
    const v = this.selectedVisibleIndex();
    if (v < 0) return;
    const y = v * ROW_HEIGHT;
    const { scrollTop, clientHeight } = this.scroll;
    if (y < scrollTop + ROW_HEIGHT || y > scrollTop + clientHeight - 2 * ROW_HEIGHT) this.scroll.scrollTop = Math.max(0, y - clientHeight / 3);
  }

  private key(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Enter') return;
    const selected = this.ctx.state().selected;
    const atCursor = this.cursor >= 0 && this.cursor < this.visible.length && this.sorted[this.visible[this.cursor]].name === selected;
    const v = atCursor ? this.cursor : this.selectedVisibleIndex();
    if (e.key === 'Enter') {
      if (v >= 0) {
        const r = this.sorted[this.visible[v]];
        this.ctx.openSource(r.name, r.file, r.line ?? 0);
      }
      return;
    }
    e.preventDefault();
    const next = Math.min(this.visible.length - 1, Math.max(0, v + (e.key === 'ArrowDown' ? 1 : -1)));
    if (next < 0) return;
    this.cursor = next;
    this.ctx.update({ selected: this.sorted[this.visible[next]].name });
  }
}
