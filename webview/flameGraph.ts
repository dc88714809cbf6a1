// The only importer of d3-flame-graph, behind our own narrow types. Names reach the DOM only through
// d3's .text() (textContent): the library's HTML tooltip is never enabled, its <title> label is blank,
// and its details/search handlers are replaced, so nothing it draws goes through innerHTML.
import flamegraphFactory from 'd3-flame-graph';
import { select } from 'd3-selection';
import type { FlameNode } from './flameData';

/** d3-hierarchy's node as d3-flame-graph lays it out; only the fields we read. */
interface LaidOut {
  data: FlameNode;
  readonly depth: number;
  readonly parent: LaidOut | null;
}

/** The part of d3-flame-graph's chart we use; its setters return the chart. */
interface D3FlameChart {
  (selection: unknown): void;
  width(w: number): D3FlameChart;
  cellHeight(h: number): D3FlameChart;
  inverted(b: boolean): D3FlameChart;
  sort(cmp: (a: { value?: number }, b: { value?: number }) => number): D3FlameChart;
  transitionDuration(ms: number): D3FlameChart;
  minFrameSize(px: number): D3FlameChart;
  resetHeightOnZoom(b: boolean): D3FlameChart;
  selfValue(b: boolean): D3FlameChart;
  setColorMapper(fn: (d: LaidOut, original: string) => string): D3FlameChart;
  tooltip(t: SilentTooltip): D3FlameChart;
  setLabelHandler(fn: (d: LaidOut) => string): D3FlameChart;
  setDetailsHandler(fn: (label: string | null) => void): D3FlameChart;
  setSearchHandler(fn: () => void): D3FlameChart;
  update(data?: FlameNode): D3FlameChart;
  destroy(): D3FlameChart;
}

interface D3Selection {
  datum(d: FlameNode): D3Selection;
  call(fn: D3FlameChart): D3Selection;
  selectAll(selector: string): D3Selection;
  /** From d3-transition, which d3-flame-graph loads: cancels the elements' transitions without applying them. */
  interrupt(): D3Selection;
}

/** A tooltip that does nothing: with one set, d3-flame-graph adds no <title> to each frame (we draw our own). */
interface SilentTooltip {
  (selection: unknown): void;
  show(): void;
  hide(): void;
}
const silentTooltip: SilentTooltip = Object.assign(() => undefined, { show: () => undefined, hide: () => undefined });

/** A frame the user pointed at: the node, how deep it is, and its ancestors from the root down. */
export interface PointedFrame {
  readonly node: FlameNode;
  readonly depth: number;
  readonly ancestors: readonly FlameNode[];
}

export interface FlameChartOptions {
  readonly cellHeight: number;
  color(node: FlameNode, depth: number): string;
  onClick(frame: PointedFrame): void;
  onHover(frame: PointedFrame | undefined, event: MouseEvent): void;
}

function pointed(target: EventTarget | null): PointedFrame | undefined {
  const g = (target as Element | null)?.closest?.('g.frame');
  // d3 keeps each element's datum on the element itself.
  const d = (g as (Element & { __data__?: LaidOut }) | null)?.__data__;
  if (!d) return undefined;
  const ancestors: FlameNode[] = [];
  for (let p = d.parent; p; p = p.parent) ancestors.unshift(p.data);
  return { node: d.data, depth: d.depth, ancestors };
}

/** Frames narrower than this many pixels are not drawn (d3-flame-graph's minFrameSize). */
const MIN_FRAME_PX = 2;

export class FlameChart {
  private chart: D3FlameChart | undefined;
  private width = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly opts: FlameChartOptions,
  ) {
    // Capture phase: we decide what a click does (ask the worker for the subtree) before d3 zooms locally.
    container.addEventListener(
      'click',
      (e) => {
        const f = pointed(e.target);
        if (!f) return;
        e.stopPropagation();
        opts.onClick(f);
      },
      true,
    );
    container.addEventListener('mousemove', (e) => opts.onHover(pointed(e.target), e));
    container.addEventListener('mouseleave', (e) => opts.onHover(undefined, e));
  }

  render(root: FlameNode, width: number, icicle: boolean): void {
    const w = Math.max(100, Math.floor(width));
    this.width = w;
    // A fresh chart each time: d3 building the frames anew is no slower than it updating the old ones.
    this.chart?.destroy();
    const chart = (flamegraphFactory() as D3FlameChart)
      .width(w)
      .cellHeight(this.opts.cellHeight)
      .inverted(icicle)
      .transitionDuration(0)
      .minFrameSize(MIN_FRAME_PX)
      .resetHeightOnZoom(true)
      .selfValue(false)
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
      .tooltip(silentTooltip)
      .setLabelHandler(() => '')
      .setDetailsHandler(() => undefined)
      .setSearchHandler(() => undefined)
      .setColorMapper((d) => this.opts.color(d.data, d.depth));
    this.chart = chart;
    (select(this.container) as D3Selection).datum(root).call(chart);
    this.finishTransitions();
  }

  /**
   * Takes `root` as the chart's data without drawing anything, when it would draw exactly the frames drawn
   * now: same paths, same values. A zoom's answer at full detail often adds only frames too narrow to draw
   * to the part of the tree the view already held; then nothing on screen changes, and the frames just
   * point at the new nodes (their tooltips count what is folded at full detail). False when it would
   * draw something else; the caller then renders it.
   */
  adopt(root: FlameNode): boolean {
    if (!this.chart || !(root.value > 0)) return false;
    const minValue = (root.value * MIN_FRAME_PX) / this.width;
    const wanted = new Map<string, FlameNode>();
    const walk = (n: FlameNode, path: string) => {
      wanted.set(path, n);
      for (const c of n.children) if (c.value > minValue) walk(c, `${path}\u0000${c.name}`);
    };
    walk(root, root.name);
    const frames = this.container.querySelectorAll('g.frame');
    if (frames.length !== wanted.size) return false;
    const pairs: [LaidOut & { data: FlameNode }, FlameNode][] = [];
    for (const g of frames) {
      const d = (g as Element & { __data__?: LaidOut & { data: FlameNode } }).__data__;
      if (!d) return false;
      let path = d.data.name;
      for (let p = d.parent; p; p = p.parent) path = `${p.data.name}\u0000${path}`;
      const n = wanted.get(path);
      if (!n || n.value !== d.data.value || n.self !== d.data.self) return false;
      pairs.push([d, n]);
    }
    for (const [d, n] of pairs) d.data = n;
    return true;
  }

  /** Re-applies colours (search, selection or theme changed) without a new layout. */
  recolor(): void {
    this.chart?.update();
    this.finishTransitions();
  }

  /**
   * Gives every frame its final width and label now. d3-flame-graph sets them through transitions, and a
   * new frame's width transition takes d3's default 250 ms whatever transitionDuration says: the whole
   * chart was laid out again on every animation frame for a quarter of a second after each draw, and the
   * page's messages to the host (the next zoom's query) waited behind it.
   */
  private finishTransitions(): void {
    (select(this.container) as D3Selection).selectAll('g.frame rect, g.frame .d3-flame-graph-label').interrupt();
    for (const g of this.container.querySelectorAll('g.frame')) {
      const width = g.getAttribute('width');
      if (width !== null) g.querySelector('rect')?.setAttribute('width', width);
      const label = g.querySelector('.d3-flame-graph-label');
      if (label) label.textContent = g.getAttribute('name') ?? '';
    }
  }

  framesDrawn(): number {
    return this.container.querySelectorAll('g.frame').length;
  }

  /** The drawn frames of a function, for scrolling it into view. */
  framesNamed(name: string): Element[] {
    return this.framesWhere((n) => n === name);
  }

  framesWhere(test: (name: string) => boolean): Element[] {
    return [...this.container.querySelectorAll('g.frame')].filter((g) => test(g.getAttribute('name') ?? ''));
  }
}
