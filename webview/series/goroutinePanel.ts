// Goroutines across the series: leak suspects, growth by creation site and by group (stack + state), each
// row linked to its source and to the last dump.
import type { GoroutineFrame, GoroutineTrend, GoroutineTrendRow } from '../../src/model/report/goroutineTypes';
import { h } from '../dom';
import { sparkline } from './sparkline';

export interface GoroutineActions {
  openDump(): void;
  source(frame: GoroutineFrame): void;
}

const base = (f: string) => f.slice(f.replace(/\\/g, '/').lastIndexOf('/') + 1);
const where = (f: GoroutineFrame) => `${f.name} ${base(f.file)}:${f.line}`;

/** Steps in which the count rose, of all steps. */
export function upsOf(counts: readonly number[]): { ups: number; steps: number } {
  let ups = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[i - 1]) ups++;
  return { ups, steps: Math.max(0, counts.length - 1) };
}

/** A frame as a link to its source: the name (with file:line for a creation site, which may be one of several in a function). */
function frameLink(f: GoroutineFrame | null | undefined, actions: GoroutineActions, withLine: boolean): HTMLElement {
  if (!f) return h('span', { class: 'muted' }, '—');
  const a = h('a', { href: '#', class: 'frame-link', title: `Go to ${f.file}:${f.line}` }, withLine ? where(f) : f.name);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    actions.source(f);
  });
  return a;
}

function rowsTable(id: string, rows: readonly GoroutineTrendRow[], group: boolean, actions: GoroutineActions): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted empty', id }, group ? 'No group of goroutines grows.' : 'No creation site grows.');
  const body = h('tbody');
  for (const r of rows.slice(0, 50)) {
    const { ups, steps } = upsOf(r.counts);
    const last = r.counts[r.counts.length - 1] ?? 0;
    const top = r.frames?.[0];
    const dump = h('button', { class: 'row-action dump', type: 'button', title: 'Open the last dump in the goroutine view' }, 'Open dump');
    dump.addEventListener('click', () => actions.openDump());
    const label = group ? `${r.state ?? 'no state'} · ${top?.name ?? r.key}` : r.createdBy ? where(r.createdBy) : 'no creator';
    const steady = r.growth > 0 && steps > 0 && r.steadiness >= 0.75 && ups * 2 >= steps;
    const first = group
      ? [h('td', { class: 'state' }, h('span', { class: 'state-badge' }, r.state ?? 'no state')), h('td', { class: 'name', title: r.key }, frameLink(top, actions, false)), h('td', { class: 'name' }, frameLink(r.createdBy, actions, false))]
      : [h('td', { class: 'name', title: r.key }, frameLink(r.createdBy, actions, true))];
    body.appendChild(
      h(
        'tr',
        { class: `goroutine-row${steady ? ' steady' : ''}`, 'data-key': r.key },
        ...first,
        h('td', { class: 'spark' }, sparkline(r.counts, steady ? 'up' : 'plain', `${label}: ${r.counts.join(', ')} goroutines`)),
        h('td', { class: 'num' }, String(last)),
        h('td', { class: `num growth${r.growth > 0 ? ' up' : ''}` }, r.growth > 0 ? `+${r.growth}` : String(r.growth)),
        h('td', { class: 'num steadiness' }, `${ups}/${steps} up`),
        h('td', { class: 'num' }, r.maxWaitMinutes === null ? '—' : `${r.maxWaitMinutes} min`),
        h('td', { class: 'actions' }, dump),
      ),
    );
  }
  const heads = group ? [h('th', {}, 'State'), h('th', { class: 'name' }, 'Top frame'), h('th', { class: 'name' }, 'Created by')] : [h('th', { class: 'name' }, 'Created by')];
  return h(
    'table',
    { class: 'growth-table goroutine-table', id },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...heads,
        h('th', { class: 'spark' }, 'goroutines per dump'),
        h('th', { class: 'num' }, 'Last'),
        h('th', { class: 'num' }, 'Growth'),
        h('th', { class: 'num' }, 'Steadiness'),
        h('th', { class: 'num' }, 'Waited'),
        h('th', { class: 'actions' }, ''),
      ),
    ),
    body,
  );
}

export function goroutinePanel(t: GoroutineTrend, actions: GoroutineActions): HTMLElement {
  const suspects = t.suspects.length
    ? rowsTable('goroutine-suspects', t.suspects, true, actions)
    : h('p', { class: 'muted empty', id: 'goroutine-suspects' }, 'No leak suspects: no group grows steadily while its goroutines wait for minutes. Growing groups may become suspects once they have waited a minute.');
  return h(
    'section',
    { class: 'goroutine-panel', id: 'goroutine-panel' },
    h('h2', {}, 'Leak suspects'),
    suspects,
    h('h2', {}, 'Growth by creation site'),
    rowsTable('goroutine-sites', t.bySite, false, actions),
    h('h2', {}, 'Growth by group'),
    rowsTable('goroutine-groups', t.byGroup, true, actions),
  );
}
