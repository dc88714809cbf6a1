// The flame graph with its toolbar: breadcrumb and reset for the zoom (each zoom asks the worker for
// that subtree at full detail, unless the host sent its tree ahead: the widest frames'), search with the
// matches' share of the total, and the icicle toggle.
import { ZOOMS_AHEAD, type FlameGranularity, type FlameQuery, type FlameTree } from '../../src/model/profile/queries';
import { flameGranularity, flameQueryFor } from '../../src/protocol/viewQueries';
import { frameColor, themeKind } from '../colors';
import { changeStep, diffColor, diffDimColor, diffSelectedColor } from '../diffColors';
import type { StateKey, View, ViewContext } from '../context';
import { h, replace, throttleFrame } from '../dom';
import { containsName, countNodes, FlameNode, nestFlameTree, packageOf, searchMatcher, searchTotals } from '../flameData';
import { FlameChart, PointedFrame } from '../flameGraph';
import { percent } from '../format';
import { button, checkbox, textField, TextField, Toggle } from '../ui';
import { DiffLegend } from './diffLegend';
import { Tooltip } from './tooltip';

/** How many worker answers to keep for going back without asking again; each is at most 5,000 frames. */
const KEPT_TREES = 8;
/** The longest a zoom's preview waits for the host to have the query (see loadTree). */
const PREVIEW_WAIT_MS = 200;
/** The longest a drawn root's page waits to be idle before it asks for the trees of its likely zooms. */
const ZOOM_AHEAD_WAIT_MS = 5000;

export class FlameView implements View {
  readonly el: HTMLElement;
  private readonly crumbs = h('nav', { class: 'breadcrumb', 'aria-label': 'Zoom path' });
  private readonly resetButton: HTMLElement;
  private readonly search: TextField;
  private readonly searchInfo = h('span', { class: 'search-info', id: 'search-info', 'aria-live': 'polite' });
  private readonly icicle: Toggle;
  private readonly status = h('div', { class: 'flame-status', id: 'flame-status' });
  private readonly scroll = h('div', { class: 'flame-scroll' });
  private readonly chartEl = h('div', { class: 'flame-chart', id: 'flame-chart' });
  private readonly tooltip = new Tooltip();
  private readonly chart: FlameChart;
  private tree: FlameTree | undefined;
  private root: FlameNode | undefined;
  private match: ((name: string) => boolean) | undefined;
  private drawnWidth = 0;
  private revealPending = '';
  /** What the frames drawn are. */
  private frames: FlameGranularity;
  /** Worker answers by query, oldest first. */
  private readonly trees = new Map<string, FlameTree>();
  /** The trees of the likely zooms of the root last asked for (askedAheadFor), sent ahead of the clicks, by query. */
  private readonly ahead = new Map<string, FlameTree>();
  private preview: { key: string; node: FlameNode } | undefined;
  /** The query whose preview the chart shows, until its answer or another drawing replaces it. */
  private previewShown: string | undefined;
  private loadGeneration = 0;
  /** The root query whose likely zooms were last asked for. */
  private askedAheadFor = '';
  private idle: Promise<void> = Promise.resolve();
  private loaded: (() => void) | undefined;
  /** Counts layouts of the chart, so stateChanged can tell whether one happened. */
  private draws = 0;
  private readonly resized: ResizeObserver;
  private readonly themed = new MutationObserver(() => this.chart.recolor());
  private readonly legend: DiffLegend | undefined;

  constructor(
    private readonly ctx: ViewContext,
    private readonly onError: (message: string) => void,
  ) {
    this.resetButton = button('Reset zoom', { id: 'zoom-reset', appearance: 'secondary', onClick: () => ctx.update({ zoomPath: [] }) });
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    this.search = textField({
      id: 'flame-search',
      placeholder: 'Search functions (regex)',
      value: ctx.state().search,
      onInput: (v) => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => ctx.update({ search: v }), 120);
      },
      onEnter: (v) => ctx.update({ search: v }),
    });
    this.icicle = checkbox('Icicle', { id: 'icicle', checked: ctx.state().icicle, onChange: (c) => ctx.update({ icicle: c }) });
    this.chart = new FlameChart(this.chartEl, {
      cellHeight: 18,
      color: (n, depth) => this.colorOf(n, depth),
      onClick: (f) => this.clicked(f),
      onHover: (f, e) => this.hovered(f, e),
    });
    this.scroll.append(this.chartEl);
    if (ctx.compare) this.legend = new DiffLegend(ctx.compare, ctx.summary.comparison?.identical ?? false);
    this.el = h(
      'section',
      { class: 'flame', 'aria-label': 'Flame graph' },
      h('div', { class: 'toolbar' }, this.crumbs, this.resetButton, h('span', { class: 'spacer' }), this.search.el, this.searchInfo, this.icicle.el),
      this.legend?.el,
      this.status,
      this.scroll,
      this.tooltip.el,
    );
    const redraw = throttleFrame(() => {
      if (this.root && Math.abs(this.chartWidth() - this.drawnWidth) > 2) this.draw();
    });
    this.resized = new ResizeObserver(redraw);
    this.resized.observe(this.scroll);
    this.themed.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.match = searchMatcher(ctx.state().search);
    this.frames = flameGranularity(ctx.state().granularity);
    this.renderCrumbs();
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    const s = this.ctx.state();
    // A draw already uses the current colours; recolouring after it would lay the chart out a second time.
    const drawsBefore = this.draws;
    if (changed.has('search')) this.match = searchMatcher(s.search);
    // Most granularities draw functions; only a change to or from files changes the frames.
    const regrained = flameGranularity(s.granularity) !== this.frames;
    this.frames = flameGranularity(s.granularity);
    const reload = changed.has('sampleIndex') || changed.has('filters') || changed.has('zoomPath') || regrained;
    if (reload) void this.load();
    if (changed.has('zoomPath')) this.renderCrumbs();
    if (changed.has('icicle')) {
      this.icicle.checked = s.icicle;
      this.draw();
    }
    // A tree on its way is drawn in the new colours; recolouring the old one first would only hold the thread.
    if ((changed.has('search') || changed.has('selected')) && this.draws === drawsBefore && !reload) this.chart.recolor();
    if (changed.has('search')) {
      this.search.value = s.search;
      this.renderSearchInfo();
      this.scrollToFirstMatch();
    }
    if (changed.has('selected')) this.scrollToReveal();
  }

  dispose(): void {
    this.resized.disconnect();
    this.themed.disconnect();
    this.legend?.dispose();
    this.loadGeneration++;
  }

  /** Selects a function on the host's request and makes sure it can be seen. */
  reveal(name: string): void {
    this.revealPending = name;
    // Frames are files at files granularity, and the host names a function.
    if (flameGranularity(this.ctx.state().granularity) !== 'functions') return this.ctx.update({ granularity: 'functions', selected: name, zoomPath: [] });
    const zoomed = this.ctx.state().zoomPath.length > 0;
    if (zoomed && this.root && !containsName(this.root, name)) this.ctx.update({ selected: name, zoomPath: [] });
    else this.ctx.update({ selected: name });
  }

  /** Settles once the flame graph shows what the state asks for, or has given up on it. */
  settled(): Promise<void> {
    return this.idle;
  }

  async load(): Promise<void> {
    const gen = ++this.loadGeneration;
    this.loaded?.();
    this.idle = new Promise((r) => (this.loaded = r));
    try {
      await this.loadTree(gen);
    } finally {
      if (gen === this.loadGeneration) this.loaded?.();
    }
  }

  private async loadTree(gen: number): Promise<void> {
    const s = this.ctx.state();
    const query = flameQueryFor(s);
    const key = JSON.stringify(query);
    const known = this.trees.get(key) ?? this.ahead.get(key);
    if (known) {
      this.show(key, known);
      return this.askZoomAhead(query, key);
    }
    let received = () => {};
    const sent = new Promise<void>((r) => (received = r));
    const asked = this.ctx.query({ kind: 'flame', query }, received);
    const preview = this.preview?.key === key ? this.preview.node : undefined;
    this.preview = undefined;
    if (preview) {
      // The query leaves this page only when its thread is free: drawing first would hold it back for the
      // whole drawing, with the worker idle. So the worker computes the subtree at full detail while the
      // part of it already here is drawn.
      await Promise.race([sent, new Promise((r) => setTimeout(r, PREVIEW_WAIT_MS))]);
      if (gen !== this.loadGeneration) return;
      this.drawPreview(key, preview);
    } else this.setStatus('Loading…', 'loading');
    const answer = await asked;
    // A newer load replaced this one; a cancelled answer is always such a one.
    if (gen !== this.loadGeneration || answer.kind === 'cancelled') return;
    if (answer.kind === 'error') {
      // A zoom path that no longer exists (other sample type or filters) falls back to the whole profile.
      if (s.zoomPath.length > 0) return this.ctx.update({ zoomPath: [] });
      this.setStatus(answer.message, 'error');
      this.onError(answer.message);
      return;
    }
    if (answer.kind !== 'flame') return;
    // The worker answers a zoom path that is not in the profile with an empty root.
    if (s.zoomPath.length > 0 && answer.result.value[0] === 0) return this.ctx.update({ zoomPath: [] });
    this.show(key, answer.result);
    this.askZoomAhead(query, key);
  }

  /** Draws a worker answer and keeps it, so going back to it (reset, breadcrumb) needs no new answer. */
  private show(key: string, tree: FlameTree): void {
    const start = performance.now();
    this.trees.delete(key);
    this.trees.set(key, tree);
    if (this.trees.size > KEPT_TREES) this.trees.delete(this.trees.keys().next().value!);
    this.tree = tree;
    this.ctx.rememberFiles(tree.names, tree.files);
    this.root = nestFlameTree(tree);
    const previewed = this.previewShown === key;
    this.previewShown = undefined;
    if (previewed && Math.abs(this.chartWidth() - this.drawnWidth) <= 2 && this.chart.adopt(this.root)) this.drawn();
    else this.draw();
    // Lets the benchmark tell drawing time from the worker's.
    performance.measure('pprofLens.flameDraw', { start, end: performance.now() });
  }

  /**
   * Keeps the tree of a likely zoom of the root last asked for; one of an older root (the sample type or
   * filters changed since) is of no use.
   */
  keepAhead(query: FlameQuery, tree: FlameTree): void {
    if (JSON.stringify({ ...query, path: [] }) !== this.askedAheadFor) return;
    this.ahead.set(JSON.stringify(query), tree);
    if (this.ahead.size > ZOOMS_AHEAD) this.ahead.delete(this.ahead.keys().next().value!);
    // How many the page holds, for whoever drives it (the UI tests, the benchmark).
    this.chartEl.dataset.ahead = String(this.ahead.size);
    this.ctx.aheadTaken();
  }

  /**
   * Once a root is drawn and the page has nothing left to do (the top table drawn too, at first paint), the
   * host may ask the trees of the zooms the user is likely to make next and send them (keepAhead); before
   * that, their work would take the cores the page and the host need. Asked again for a root drawn again
   * after another, whose trees replaced its own.
   */
  private askZoomAhead(query: FlameQuery, key: string): void {
    if ((query.path?.length ?? 0) > 0 || this.askedAheadFor === key) return;
    this.askedAheadFor = key;
    this.ahead.clear();
    delete this.chartEl.dataset.ahead;
    // The table's answer first: it shares the host's and the page's thread with the trees.
    void this.ctx.tableSettled().then(() => whenIdle(() => this.ctx.zoomAhead(query)));
  }

  private drawPreview(key: string, node: FlameNode): void {
    this.draws++;
    this.previewShown = key;
    this.root = node;
    this.drawnWidth = this.chartWidth();
    this.chart.render(node, this.drawnWidth, this.ctx.state().icicle);
    this.setStatus('Loading this subtree at full detail…', 'loading');
  }

  private draw(): void {
    if (!this.root || !this.tree) return;
    this.draws++;
    this.previewShown = undefined;
    this.drawnWidth = this.chartWidth();
    this.chart.render(this.root, this.drawnWidth, this.ctx.state().icicle);
    this.drawn();
  }

  /** The status, search totals and reveal for the tree in this.root, once the chart shows it. */
  private drawn(): void {
    if (!this.root || !this.tree) return;
    const sent = countNodes(this.root);
    const folded = this.tree.folded.reduce((a, b) => a + b, 0);
    const parts = [`${this.chart.framesDrawn().toLocaleString('en-US')} frames drawn of ${sent.toLocaleString('en-US')} sent`];
    if (folded !== 0) parts.push(`${percent(folded, this.tree.total)} of the weight is in callees too narrow to draw, counted in their callers' width`);
    this.setStatus(parts.join(' · '), 'ok');
    this.renderSearchInfo();
    this.scrollToReveal();
  }

  /** The scroll area's width inside its padding. */
  private chartWidth(): number {
    const cs = getComputedStyle(this.scroll);
    return this.scroll.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  }

  private colorOf(n: FlameNode, depth: number): string {
    const theme = themeKind(document.body);
    const isRoot = depth === 0 && this.ctx.state().zoomPath.length === 0;
    if (this.ctx.compare) return this.diffColorOf(n, isRoot, theme);
    const pkg = isRoot ? '' : packageOf(n.name);
    const selected = this.ctx.state().selected;
    if (!isRoot && selected && n.name === selected) return frameColor(pkg, theme, 'selected');
    if (this.match && !isRoot) return frameColor(pkg, theme, this.match(n.name) ? 'match' : 'dim');
    return frameColor(pkg, theme, 'normal');
  }

  /**
   * By how much the target differs from the base on this frame's cum; neutral throughout when the two
   * profiles are the same, so that nothing suggests a change there is not.
   */
  private diffColorOf(n: FlameNode, isRoot: boolean, theme: ReturnType<typeof themeKind>): string {
    const selected = this.ctx.state().selected;
    if (!isRoot && selected && n.name === selected) return diffSelectedColor(theme);
    if (this.match && !isRoot && !this.match(n.name)) return diffDimColor(theme);
    const same = this.ctx.summary.comparison?.identical ?? false;
    return diffColor(same ? 0 : changeStep(n.base?.value ?? 0, n.value), this.ctx.compare!.palette, theme);
  }

  private clicked(f: PointedFrame): void {
    const path = this.ctx.state().zoomPath;
    this.tooltip.hide();
    if (f.depth === 0) {
      if (path.length > 0) this.ctx.update({ zoomPath: path.slice(0, -1) });
      return;
    }
    const relative = [...f.ancestors.slice(1).map((a) => a.name), f.node.name];
    const zoomPath = [...path, ...relative];
    this.preview = { key: JSON.stringify(flameQueryFor({ ...this.ctx.state(), zoomPath })), node: f.node };
    this.ctx.update({ zoomPath, selected: f.node.name });
  }

  private hovered(f: PointedFrame | undefined, e: MouseEvent): void {
    if (!f || !this.tree) return this.tooltip.hide();
    const isRoot = f.depth === 0 && this.ctx.state().zoomPath.length === 0;
    if (this.ctx.compare) this.tooltip.showDiff(f.node, this.tree.sampleType.unit, isRoot, e);
    else this.tooltip.show(f.node, this.tree.total, this.tree.sampleType.unit, isRoot, e);
  }

  private renderCrumbs(): void {
    const path = this.ctx.state().zoomPath;
    const crumb = (label: string, upTo: number) =>
      h('button', { class: 'crumb', 'data-depth': String(upTo), title: label, 'aria-current': upTo === path.length ? 'page' : undefined }, label);
    const items: Node[] = [crumb('All', 0)];
    path.forEach((name, i) => items.push(h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'), crumb(name, i + 1)));
    replace(this.crumbs, ...items);
    this.crumbs.querySelectorAll<HTMLElement>('button.crumb').forEach((b) =>
      b.addEventListener('click', () => this.ctx.update({ zoomPath: path.slice(0, Number(b.dataset.depth)) })),
    );
    this.resetButton.toggleAttribute('disabled', path.length === 0);
  }

  private renderSearchInfo(): void {
    if (!this.match || !this.root || !this.tree) return replace(this.searchInfo);
    const skipRoot = this.ctx.state().zoomPath.length === 0;
    const roots = skipRoot ? this.root.children : [this.root];
    let frames = 0;
    let value = 0;
    for (const r of roots) {
      const t = searchTotals(r, this.match);
      frames += t.frames;
      value += t.value;
    }
    this.searchInfo.dataset.value = String(value);
    replace(this.searchInfo, frames === 0 ? 'No matches' : `${frames.toLocaleString('en-US')} frames · ${percent(value, this.tree.total)} of total`);
  }

  /** Matches can sit deep in a tall graph; bring the first one into view unless one already is. */
  private scrollToFirstMatch(): void {
    const match = this.match;
    if (!match) return;
    const frames = this.chart.framesWhere((name) => name !== 'root' && match(name));
    const view = this.scroll.getBoundingClientRect();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.bottom > view.top && r.top < view.bottom;
    };
    if (frames.length > 0 && !frames.some(visible)) frames[0].scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  private scrollToReveal(): void {
    const name = this.revealPending;
    if (!name) return;
    const first = this.chart.framesNamed(name)[0];
    if (!first) return;
    this.revealPending = '';
    first.scrollIntoView({ block: 'center', inline: 'nearest' });
  }

  private setStatus(text: string, kind: 'ok' | 'loading' | 'error'): void {
    this.status.dataset.kind = kind;
    replace(this.status, text);
  }
}

/** Runs `f` once the page is idle, or after ZOOM_AHEAD_WAIT_MS at most. */
function whenIdle(f: () => void): void {
  // Safari (vscode.dev) has no requestIdleCallback: a second stands in for it.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: ZOOM_AHEAD_WAIT_MS });
  else setTimeout(f, 1000);
}
