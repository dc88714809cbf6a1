// The series header: target, status, plan, and why it stopped or which snapshots failed.
import type { SeriesInfo } from '../../src/protocol/seriesMessages';
import { h } from '../dom';
import { spanText } from '../../src/annotations/growthLensText';

const STATUS_TEXT: Record<SeriesInfo['status'], string> = {
  running: 'running',
  complete: 'complete',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  failed: 'failed',
};

function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function seriesHeader(s: SeriesInfo): HTMLElement {
  const taken = s.types.map((t) => `${t.snapshots.length} ${t.type}`).join(', ');
  const rounds = Math.max(0, ...s.types.map((t) => t.snapshots.length + t.errorTimes.length));
  const plan = `snapshots: ${taken} · every ${spanText(s.intervalSeconds * 1000)} · round ${rounds} of ${s.count} · started ${clock(s.started)}`;
  const errors = s.errors.length
    ? h(
        'details',
        { class: 'series-errors' },
        h('summary', {}, `${s.errors.length} failed snapshot${s.errors.length === 1 ? '' : 's'}`),
        h('ul', {}, ...s.errors.map((e) => h('li', {}, h('span', { class: 'err-type' }, e.type), ` ${clock(Date.parse(e.time))}: `, e.error))),
      )
    : null;
  return h(
    'header',
    { class: 'series-header' },
    h(
      'div',
      { class: 'series-title' },
      h('h1', {}, s.folderName),
      h('span', { class: `status-badge status-${s.status}`, id: 'series-status' }, STATUS_TEXT[s.status]),
    ),
    h('div', { class: 'series-meta' }, h('span', { class: 'series-target' }, s.target), ' · ', plan),
    s.stopReason ? h('div', { class: 'series-stop', id: 'series-stop' }, `Stopped: ${s.stopReason}`) : null,
    errors,
  );
}
