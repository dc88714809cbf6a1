// The card of a run beside its profile (a load run, a Go test or benchmark; src/protocol/runRecord.ts): its
// title, measurements and latency histogram in the profile's header, and in the compare view's header the
// two runs' measurements side by side with their change, coloured by whether it is an improvement.
// Everything from the record reaches the DOM as text.
import type { RunHistogram, RunRecord } from '../../src/protocol/runRecord';
import { h } from '../dom';
import { formatTime } from '../format';
import { formatRunValue, histogramBarLabel, pairMetrics } from '../runMetrics';

const KIND_LABEL: Record<RunRecord['kind'], string> = { load: 'Load run', test: 'Test run', benchmark: 'Benchmark run' };
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const when = (ms: number) => (ms > 0 ? formatTime(ms * 1e6) : '');

/** The card of one run, for the profile editor's header. */
export function runCard(run: RunRecord): HTMLElement {
  return h(
    'section',
    { class: 'run-card', id: 'run-card', 'data-kind': run.kind, 'aria-label': KIND_LABEL[run.kind] },
    h('div', { class: 'run-title' }, h('span', { class: 'side-tag' }, KIND_LABEL[run.kind]), h('span', { class: 'run-name', title: run.key }, run.title), h('span', { class: 'muted' }, when(run.time))),
    h(
      'dl',
      { class: 'stats run-metrics' },
      ...run.metrics.map((m) =>
        h('div', { class: 'stat', 'data-metric': m.key }, h('dt', {}, m.label), h('dd', { 'data-value': String(m.value) }, formatRunValue(m.value, m.unit))),
      ),
    ),
    run.histogram && histogram(run.histogram),
    ...(run.notes ?? []).map((n) => h('div', { class: 'run-note muted' }, n)),
  );
}

/** The latency histogram as bars; each bar's title says its range and count. */
function histogram(hist: RunHistogram): HTMLElement | undefined {
  const n = hist.counts.length;
  const max = Math.max(0, ...hist.counts);
  if (n === 0 || max === 0) return undefined;
  const width = 6;
  const height = 40;
  const chart = svg('svg', { class: 'run-histogram-bars', viewBox: `0 0 ${n * width} ${height}`, preserveAspectRatio: 'none', role: 'img' });
  hist.counts.forEach((count, i) => {
    const barHeight = count === 0 ? 0 : Math.max(1, (count / max) * height);
    const bar = svg('rect', { x: i * width + 0.5, y: height - barHeight, width: width - 1, height: barHeight, 'data-count': count });
    const title = svg('title', {});
    title.textContent = histogramBarLabel(hist.edgesMs[i], hist.edgesMs[i + 1], count);
    bar.append(title);
    chart.append(bar);
  });
  chart.setAttribute('aria-label', `Latency histogram, ${n} bars from ${formatRunValue(hist.edgesMs[0], 'ms')} to ${formatRunValue(hist.edgesMs[n], 'ms')}`);
  return h(
    'figure',
    { class: 'run-histogram', id: 'run-histogram' },
    chart,
    h('figcaption', { class: 'muted' }, h('span', {}, formatRunValue(hist.edgesMs[0], 'ms')), h('span', {}, 'latency'), h('span', {}, formatRunValue(hist.edgesMs[n], 'ms'))),
  );
}

/** Both runs' measurements with their change, for the compare view's header; undefined when neither side is a run. */
export function compareRunCard(base: RunRecord | undefined, target: RunRecord | undefined): HTMLElement | undefined {
  if (!base && !target) return undefined;
  const rows = pairMetrics(base?.metrics ?? [], target?.metrics ?? []);
  const value = (v: number | undefined, unit: Parameters<typeof formatRunValue>[1]) => (v === undefined ? '—' : formatRunValue(v, unit));
  const kind = (target ?? base)!.kind;
  return h(
    'section',
    { class: 'run-card run-compare', id: 'run-compare', 'data-kind': kind, 'aria-label': `${KIND_LABEL[kind]}s compared` },
    h(
      'div',
      { class: 'run-title' },
      h('span', { class: 'side-tag' }, `${KIND_LABEL[kind]}s`),
      h('span', { class: 'run-name', title: (target ?? base)!.key }, (target ?? base)!.title),
      !base && h('span', { class: 'muted' }, 'The base is not a run: only the target has measurements.'),
      !target && h('span', { class: 'muted' }, 'The target is not a run: only the base has measurements.'),
    ),
    h(
      'table',
      { class: 'run-table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Base'), h('th', {}, 'Target'), h('th', {}, 'Δ'), h('th', {}, 'Δ%'))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-metric': r.key, 'data-verdict': r.verdict },
            h('th', { scope: 'row' }, r.label),
            h('td', { 'data-value': r.base === undefined ? undefined : String(r.base) }, value(r.base, r.unit)),
            h('td', { 'data-value': r.target === undefined ? undefined : String(r.target) }, value(r.target, r.unit)),
            h('td', { class: 'run-delta', 'data-value': r.base !== undefined && r.target !== undefined ? String(r.target - r.base) : undefined }, r.delta ?? ''),
            h('td', { class: 'run-percent', 'data-value': r.percentValue === undefined ? undefined : String(r.percentValue) }, r.percent ?? ''),
          ),
        ),
      ),
    ),
  );
}
