// A kind's total in every snapshot over time: the line, a dot per snapshot, and a mark at the bottom for
// each failed snapshot, across which the line is broken.
import type { ValueType } from '../../src/model/profile/profile';
import { formatValue } from '../format';
import { elapsedLabel, lineRuns, linearScale, pathOf, valueTicks, type ChartPoint } from './chartGeometry';
import { s } from './svg';

const W = 460;
const H = 168;
const M = { left: 64, right: 14, top: 12, bottom: 26 };

export interface TotalsChartData {
  readonly title: string;
  readonly sampleType: ValueType;
  readonly points: readonly ChartPoint[];
  readonly failedTimes: readonly number[];
  /** The x axis starts here: the series' first snapshot, so that charts of several kinds line up. */
  readonly origin: number;
  readonly end: number;
}

export function totalsChart(d: TotalsChartData): SVGSVGElement {
  const isBytes = /^b(yte)?s?$/i.test(d.sampleType.unit);
  const max = Math.max(0, ...d.points.map((p) => p.value));
  const ticks = valueTicks(max, 4, isBytes);
  const top = ticks[ticks.length - 1] || 1;
  const x = linearScale(d.origin, Math.max(d.end, d.origin + 1), M.left, W - M.right);
  const y = linearScale(0, top, H - M.bottom, M.top);
  const svg = s('svg', { class: 'totals-chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': d.title });
  svg.appendChild(s('title', {}, d.title));
  for (const t of ticks) {
    svg.appendChild(s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(t), y2: y(t) }));
    svg.appendChild(s('text', { class: 'tick y', x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, formatValue(t, d.sampleType.unit)));
  }
  const span = d.end - d.origin;
  const xTicks = span > 0 ? [0, 0.25, 0.5, 0.75, 1].map((f) => d.origin + f * span) : [d.origin];
  for (const t of xTicks) {
    svg.appendChild(s('text', { class: 'tick x', x: x(t), y: H - 8, 'text-anchor': 'middle' }, elapsedLabel(t - d.origin)));
  }
  for (const run of lineRuns(d.points, d.failedTimes)) {
    if (run.length > 1) svg.appendChild(s('path', { class: 'total-line', d: pathOf(run.map((p) => [x(p.time), y(p.value)])) }));
  }
  d.points.forEach((p, i) => {
    const dot = s('circle', { class: 'snapshot', cx: x(p.time), cy: y(p.value), r: 3, 'data-index': i });
    dot.appendChild(s('title', {}, `snapshot ${i + 1}, ${elapsedLabel(p.time - d.origin)}: ${formatValue(p.value, d.sampleType.unit)}`));
    svg.appendChild(dot);
  });
  for (const t of d.failedTimes) {
    const cx = x(t);
    const cy = H - M.bottom;
    const mark = s('path', { class: 'failed', d: `M${cx - 4} ${cy - 4} L${cx + 4} ${cy + 4} M${cx - 4} ${cy + 4} L${cx + 4} ${cy - 4}` });
    mark.appendChild(s('title', {}, `failed snapshot at ${elapsedLabel(t - d.origin)}`));
    svg.appendChild(mark);
  }
  return svg;
}
