// A row's value in every snapshot, as a small SVG line with a dot on the last snapshot.
import { pathOf, sparklinePoints } from './chartGeometry';
import { s } from './svg';

const W = 96;
const H = 22;

/** `tone`: 'up' for steady growth, 'plain' otherwise. `label` is read by screen readers and the tooltip. */
export function sparkline(values: readonly number[], tone: 'up' | 'plain', label: string): SVGSVGElement {
  const pts = sparklinePoints(values, W, H);
  const svg = s('svg', { class: `sparkline ${tone}`, width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  svg.appendChild(s('title', {}, label));
  if (pts.length > 1) {
    const area = [...pts, [pts[pts.length - 1][0], H], [pts[0][0], H]] as [number, number][];
    svg.appendChild(s('path', { class: 'spark-area', d: `${pathOf(area)} Z` }));
    svg.appendChild(s('path', { class: 'spark-line', d: pathOf(pts) }));
  }
  const last = pts[pts.length - 1];
  if (last) svg.appendChild(s('circle', { class: 'spark-dot', cx: last[0], cy: last[1], r: 2 }));
  return svg;
}
