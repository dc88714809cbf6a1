// The only importer of d3-flame-graph, behind our own narrow types. Names reach the DOM only through
// d3's .text() (textContent): the library's HTML tooltip is never enabled, its <title> label is blank,
// and its details/search handlers are replaced, so nothing it draws goes through innerHTML.
import flamegraphFactory from 'd3-flame-graph';
import { select } from 'd3-selection';
import type { FlameNode } from './flameData';

/** d3-hierarchy's node as d3-flame-graph lays it out; only the fields we read. */
interface LaidOut {
  readonly data: FlameNode;
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

export class FlameChart {
  private chart: D3FlameChart | undefined;

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
    // A fresh chart each time: d3 building the frames anew is no slower than it updating the old ones.
    this.chart?.destroy();
    const chart = (flamegraphFactory() as D3FlameChart)
      .width(w)
      .cellHeight(this.opts.cellHeight)
      .inverted(icicle)
      .transitionDuration(0)
      .minFrameSize(2)
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
  }

  /** Re-applies colours (search, selection or theme changed) without a new layout. */
  recolor(): void {
    this.chart?.update();
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
