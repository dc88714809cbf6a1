// The growth table: each function (or line) with its value in every snapshot as a sparkline, growth first →
// last, slope per minute, how steadily it rose, and its score as a bar; ranked by score (the engine's order).
import type { TrendResult, TrendRow } from '../../src/model/profile/trendQueries';
import type { SeriesGranularity } from '../../src/protocol/seriesMessages';
import { growsSteadily } from '../../src/annotations/growthLensText';
import { h } from '../dom';
import { formatValue } from '../format';
import { sparkline } from './sparkline';

/** Rows shown; the rest are counted below the table. */
export const SHOWN_ROWS = 100;

export interface GrowthTableActions {
  compare(row: TrendRow): void;
  source(row: TrendRow): void;
}

const base = (f: string) => f.slice(f.replace(/\\/g, '/').lastIndexOf('/') + 1);

export function rowLabel(r: TrendRow, granularity: SeriesGranularity): string {
  return granularity === 'lines' && r.file ? `${r.name} ${base(r.file)}:${r.line ?? 0}` : r.name;
}

function signed(v: number, unit: string): string {
  const t = formatValue(v, unit);
  return v > 0 ? `+${t}` : t;
}

export function growthTable(t: TrendResult, granularity: SeriesGranularity, actions: GrowthTableActions): HTMLElement {
  const unit = t.sampleType.unit;
  // Rows that are zero in every snapshot say nothing about growth.
  const rows = t.rows.filter((r) => r.flat.some((v) => v !== 0));
  const topScore = Math.max(0, ...rows.map((r) => r.score));
  const body = h('tbody');
  rows.slice(0, SHOWN_ROWS).forEach((r, i) => {
    const steady = growsSteadily(r);
    const label = rowLabel(r, granularity);
    const first = r.flat[0] ?? 0;
    const last = r.flat[r.flat.length - 1] ?? 0;
    const scoreWidth = topScore > 0 ? Math.max(0, (r.score / topScore) * 100) : 0;
    const compare = h('button', { class: 'row-action compare', type: 'button', title: `Compare the first and last snapshots, focused on ${r.name}` }, 'Compare first → last');
    compare.addEventListener('click', () => actions.compare(r));
    const source = h('button', { class: 'row-action source', type: 'button', title: r.file ? `Open ${base(r.file)}${r.line ? `:${r.line}` : ''}` : 'The profile names no file' }, 'Go to source');
    if (!r.file) source.setAttribute('disabled', '');
    source.addEventListener('click', () => actions.source(r));
    body.appendChild(
      h(
        'tr',
        { class: `growth-row${steady ? ' steady' : ''}`, 'data-name': r.name, 'data-rank': String(i + 1) },
        h('td', { class: 'rank' }, String(i + 1)),
        h('td', { class: 'name', title: label }, label),
        h('td', { class: 'spark' }, sparkline(r.flat, steady ? 'up' : 'plain', `${label}: ${r.flat.map((v) => formatValue(v, unit)).join(', ')}`)),
        h('td', { class: 'num first-last' }, `${formatValue(first, unit)} → ${formatValue(last, unit)}`),
        h('td', { class: `num growth${r.growth > 0 ? ' up' : r.growth < 0 ? ' down' : ''}`, title: `first → last: ${formatValue(first, unit)} → ${formatValue(last, unit)}` }, signed(r.growth, unit)),
        h('td', { class: 'num slope' }, `${signed(r.slope, unit)}/min`),
        h('td', { class: 'num steadiness', title: `rose in ${r.ups} of ${r.steps} steps; steadiness ${r.steadiness.toFixed(2)}` }, `${r.ups}/${r.steps} up`),
        h('td', { class: 'score', title: `score ${r.score.toPrecision(3)}` }, h('span', { class: 'score-bar', 'data-width': scoreWidth.toFixed(1) })),
        h('td', { class: 'actions' }, compare, source),
      ),
    );
  });
  // The bars' widths are set as properties: the page's policy allows no inline style attributes.
  body.querySelectorAll<HTMLElement>('.score-bar').forEach((b) => (b.style.width = `${b.dataset.width}%`));
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { class: 'rank' }, '#'),
      h('th', { class: 'name' }, granularity === 'lines' ? 'Line' : 'Function'),
      h('th', { class: 'spark' }, `${t.sampleType.type} per snapshot`),
      h('th', { class: 'num first-last' }, 'First → last'),
      h('th', { class: 'num' }, 'Growth'),
      h('th', { class: 'num' }, 'Slope'),
      h('th', { class: 'num' }, 'Steadiness'),
      h('th', { class: 'score' }, 'Score'),
      h('th', { class: 'actions' }, ''),
    ),
  );
  const more = rows.length > SHOWN_ROWS ? h('p', { class: 'muted table-more' }, `${rows.length - SHOWN_ROWS} more rows, lower scores`) : null;
  if (rows.length === 0) return h('p', { class: 'muted empty' }, 'No function has a value in any snapshot of this sample type.');
  return h('div', { class: 'growth-wrap' }, h('table', { class: 'growth-table', id: 'growth-table' }, head, body), more);
}
