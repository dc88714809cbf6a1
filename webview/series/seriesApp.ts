// The series page: the header, a chart of each kind's total, the growth table of the chosen kind, and the
// goroutine panel. Each manifest read (a running series is re-read after every snapshot) redraws it all
// and asks the host for the trends again; answers for an older read are dropped.
import type { SeriesType } from '../../src/model/profile/seriesManifest';
import type { TrendResult, TrendRow } from '../../src/model/profile/trendQueries';
import type { GoroutineTrend } from '../../src/model/report/goroutineTypes';
import {
  SERIES_GRANULARITIES,
  SERIES_HIDDEN_FRAMES,
  SERIES_SAMPLE_TYPES,
  type SeriesGranularity,
  type SeriesHostToWebview,
  type SeriesInfo,
  type SeriesTrendQuery,
  type SeriesTypeInfo,
} from '../../src/protocol/seriesMessages';
import { h, replace } from '../dom';
import { goroutinePanel } from './goroutinePanel';
import { growthTable } from './growthTable';
import type { SeriesChannel } from './seriesChannel';
import { seriesHeader } from './header';
import { totalsChart } from './totalsChart';

interface Choice {
  type?: SeriesType;
  granularity: SeriesGranularity;
  sampleType?: string;
}

type Answer<T> = { ok: true; result: T } | { ok: false; message: string };

const key = (q: SeriesTrendQuery) => JSON.stringify([q.type, q.granularity, q.sampleType ?? null]);

/** What a kind with too few snapshots lacks, in words. */
export function missingText(t: SeriesTypeInfo): string | undefined {
  const failed = t.errorTimes.length ? ` (${t.errorTimes.length} failed)` : '';
  if (t.snapshots.length === 0) return `No ${t.type} snapshot yet${failed}: the chart and the growth need at least two.`;
  if (t.snapshots.length === 1) return `One ${t.type} snapshot so far${failed}: growth needs a second one.`;
  return undefined;
}

export class SeriesApp {
  private series: SeriesInfo | undefined;
  private generation = 0;
  private choice: Choice;
  private readonly trends = new Map<string, Answer<TrendResult>>();
  private goroutines: Answer<GoroutineTrend> | undefined;
  private readonly charts = h('section', { class: 'charts', id: 'series-charts' });
  private readonly controls = h('div', { class: 'growth-controls' });
  private readonly table = h('div', { class: 'growth-body', id: 'growth-body' });
  private readonly goroutineBox = h('div', { class: 'goroutine-box' });
  private pendingFocus: string | undefined;
  /** The row shown for a growth lens; it stays marked when the table is drawn again. */
  private focusedName: string | undefined;
  /** The choice the host last heard of, for the growth lenses. */
  private shownKey: string | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly channel: SeriesChannel,
  ) {
    const saved = channel.restored() as Partial<Choice> | null;
    this.choice = {
      type: saved?.type,
      granularity: saved?.granularity && SERIES_GRANULARITIES.includes(saved.granularity) ? saved.granularity : 'functions',
      sampleType: saved?.sampleType,
    };
  }

  onMessage(m: SeriesHostToWebview): void {
    switch (m.type) {
      case 'problem':
        this.series = undefined;
        this.root.classList.remove('loading');
        this.root.removeAttribute('aria-busy');
        replace(this.root, h('p', { class: 'series-problem', id: 'series-problem', role: 'alert' }, m.message));
        return;
      case 'series':
        this.series = m.series;
        this.generation = m.generation;
        this.trends.clear();
        this.goroutines = undefined;
        this.layout();
        this.ask();
        return;
      case 'trend': {
        if (m.generation !== this.generation) return;
        this.trends.set(key(m.query), m.answer);
        this.drawCharts();
        const sel = this.selected();
        if (sel && key(sel) === key(m.query)) this.drawTable();
        return;
      }
      case 'goroutineTrend':
        if (m.generation !== this.generation) return;
        this.goroutines = m.answer;
        this.drawGoroutines();
        return;
      case 'focusRow':
        this.pendingFocus = m.name;
        this.focusRow();
        return;
      default: {
        const unknown: never = m;
        return unknown;
      }
    }
  }

  /** The kinds of snapshot in the series, in the manifest's order. */
  private kinds(): readonly SeriesTypeInfo[] {
    return this.series?.types ?? [];
  }

  private selected(): SeriesTrendQuery | undefined {
    const kinds = this.kinds();
    const t = kinds.find((k) => k.type === this.choice.type) ?? kinds.find((k) => k.snapshots.length >= 2) ?? kinds[0];
    if (!t) return undefined;
    const types = SERIES_SAMPLE_TYPES[t.type];
    const sampleType = this.choice.sampleType && types.includes(this.choice.sampleType) ? this.choice.sampleType : undefined;
    return { type: t.type, granularity: this.choice.granularity, sampleType };
  }

  private chartQuery(type: SeriesType): SeriesTrendQuery {
    return { type, granularity: 'functions' };
  }

  private ask(): void {
    const asked = new Set<string>();
    const want = (q: SeriesTrendQuery) => {
      const info = this.kinds().find((k) => k.type === q.type);
      if (!info || info.snapshots.length < 2 || asked.has(key(q)) || this.trends.has(key(q))) return;
      asked.add(key(q));
      this.channel.post({ type: 'trend', generation: this.generation, query: q });
    };
    const sel = this.selected();
    if (sel) want(sel);
    for (const k of this.kinds()) want(this.chartQuery(k.type));
    // The host follows the manifest itself; it is told only of a new choice.
    if (sel && (this.kinds().find((k) => k.type === sel.type)?.snapshots.length ?? 0) >= 2 && key(sel) !== this.shownKey) {
      this.shownKey = key(sel);
      this.channel.post({ type: 'shown', query: sel });
    }
    const g = this.kinds().find((k) => k.type === 'goroutine');
    if (g && g.dumps.length >= 2 && !this.goroutines) this.channel.post({ type: 'goroutineTrend', generation: this.generation });
  }

  private layout(): void {
    const s = this.series!;
    this.root.classList.remove('loading');
    this.root.removeAttribute('aria-busy');
    replace(
      this.root,
      seriesHeader(s),
      h('div', { class: 'series-scroll' }, this.charts, h('section', { class: 'growth', id: 'growth' }, h('h2', {}, 'Growth'), this.controls, this.table), this.goroutineBox),
    );
    this.drawControls();
    this.drawCharts();
    this.drawTable();
    this.drawGoroutines();
  }

  private drawCharts(): void {
    const kinds = this.kinds();
    const times = kinds.flatMap((k) => [...k.snapshots.map((x) => x.time), ...k.errorTimes]);
    const origin = Math.min(...times);
    const end = Math.max(...times);
    replace(
      this.charts,
      ...kinds.map((k) => {
        const missing = missingText(k);
        const answer = this.trends.get(key(this.chartQuery(k.type)));
        let body: Node;
        let title = `${k.type} total`;
        if (missing) body = h('p', { class: 'muted chart-missing' }, missing);
        else if (!answer) body = h('p', { class: 'muted chart-missing' }, 'Reading the snapshots…');
        else if (!answer.ok) body = h('p', { class: 'chart-error' }, answer.message);
        else {
          const r = answer.result;
          title = `${k.type} · ${r.sampleType.type} total`;
          body = totalsChart({
            title,
            sampleType: r.sampleType,
            points: r.times.map((time, i) => ({ time, value: r.totals[i] ?? 0 })),
            failedTimes: k.errorTimes,
            origin,
            end,
          });
        }
        const failed = k.errorTimes.length ? h('span', { class: 'caption-failed' }, ` · ✕ ${k.errorTimes.length} failed`) : null;
        return h('figure', { class: 'chart-card', 'data-type': k.type }, h('figcaption', {}, title, failed), body);
      }),
    );
  }

  private drawControls(): void {
    const sel = this.selected();
    if (!sel) return replace(this.controls);
    const typeSelect = h('select', { id: 'series-type', 'aria-label': 'Kind of snapshot' }, ...this.kinds().map((k) => h('option', { value: k.type }, k.type)));
    typeSelect.value = sel.type;
    typeSelect.addEventListener('change', () => this.choose({ type: typeSelect.value as SeriesType, sampleType: undefined }));
    const types = SERIES_SAMPLE_TYPES[sel.type];
    const shown = this.trends.get(key(sel));
    const current = sel.sampleType ?? (shown?.ok ? shown.result.sampleType.type : types[types.length - 1]);
    const sampleSelect = h('select', { id: 'series-sample-type', 'aria-label': 'Sample type' }, ...types.map((t) => h('option', { value: t }, t)));
    sampleSelect.value = current;
    sampleSelect.addEventListener('change', () => this.choose({ sampleType: sampleSelect.value }));
    const toggle = h(
      'div',
      { class: 'segmented', role: 'radiogroup', 'aria-label': 'Granularity' },
      ...SERIES_GRANULARITIES.map((g) => {
        const b = h('button', { type: 'button', role: 'radio', 'aria-checked': String(g === sel.granularity), 'data-granularity': g }, g);
        b.addEventListener('click', () => this.choose({ granularity: g }));
        return b;
      }),
    );
    const hidden = SERIES_HIDDEN_FRAMES[sel.type];
    const note = hidden ? h('span', { class: 'muted hidden-frames', title: `pprof -hide=${hidden}` }, 'runtime frames hidden: flat is the code that blocked') : null;
    replace(this.controls, h('label', {}, 'Kind ', typeSelect), h('label', {}, 'Sample type ', sampleSelect), toggle, note);
  }

  private choose(change: Partial<Choice>): void {
    this.choice = { ...this.choice, ...change };
    this.channel.save(this.choice);
    this.drawControls();
    this.drawTable();
    this.ask();
  }

  private drawTable(): void {
    const sel = this.selected();
    const info = sel && this.kinds().find((k) => k.type === sel.type);
    if (!sel || !info) return replace(this.table, h('p', { class: 'muted empty' }, 'The series names no kind of snapshot.'));
    const missing = missingText(info);
    if (missing) return replace(this.table, h('p', { class: 'muted empty', id: 'growth-missing' }, missing));
    const answer = this.trends.get(key(sel));
    if (!answer) return replace(this.table, h('p', { class: 'muted empty' }, 'Computing the growth of every function…'));
    if (!answer.ok) return replace(this.table, h('p', { class: 'chart-error', id: 'growth-error' }, answer.message));
    replace(
      this.table,
      growthTable(answer.result, sel.granularity, {
        compare: (r: TrendRow) => this.channel.post({ type: 'compare', seriesType: sel.type, name: r.name }),
        source: (r: TrendRow) => r.file && this.channel.post({ type: 'openSource', name: r.name, file: r.file, line: r.line ?? 0 }),
      }),
    );
    // The sample type select shows the engine's default once it is known.
    if (!sel.sampleType) this.drawControls();
    this.markFocused();
    this.focusRow();
  }

  private drawGoroutines(): void {
    const g = this.kinds().find((k) => k.type === 'goroutine');
    if (!g) return replace(this.goroutineBox);
    const title = h('h2', {}, 'Goroutines');
    if (g.dumps.length < 2) {
      const n = g.dumps.length;
      return replace(this.goroutineBox, title, h('p', { class: 'muted empty' }, `${n === 0 ? 'No goroutine dump yet' : 'One goroutine dump so far'}: growth by creation site needs two.`));
    }
    const a = this.goroutines;
    if (!a) return replace(this.goroutineBox, title, h('p', { class: 'muted empty' }, 'Grouping the goroutine dumps…'));
    if (!a.ok) return replace(this.goroutineBox, h('p', { class: 'chart-error', id: 'goroutine-error' }, a.message));
    const last = g.dumps[g.dumps.length - 1].file;
    replace(
      this.goroutineBox,
      goroutinePanel(a.result, {
        openDump: () => this.channel.post({ type: 'openDump', file: last }),
        source: (f) => this.channel.post({ type: 'openSource', name: f.name, file: f.file, line: f.line }),
      }),
    );
  }

  private focusRow(): void {
    const name = this.pendingFocus;
    if (!name) return;
    const row = [...this.table.querySelectorAll<HTMLElement>('tr.growth-row')].find((r) => r.dataset.name === name);
    if (!row) return;
    this.pendingFocus = undefined;
    this.focusedName = name;
    this.markFocused();
    row.scrollIntoView({ block: 'center' });
    this.channel.post({ type: 'focused', name });
  }

  private markFocused(): void {
    const rows = [...this.table.querySelectorAll<HTMLElement>('tr.growth-row')];
    rows.forEach((r) => r.classList.remove('focused'));
    rows.find((r) => r.dataset.name === this.focusedName)?.classList.add('focused');
  }
}
