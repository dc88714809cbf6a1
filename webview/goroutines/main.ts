// The goroutine dump view's page: the groups largest first, a search box that filters them by any frame,
// state or creator, and links from each frame and creator to its source. Names from the dump reach the DOM
// only as text.
import type { GoroutineDump, GoroutineFrame, GoroutineGroup } from '../../src/model/report/goroutineTypes';
import type { GoroutineHostToWebview, GoroutineWebviewToHost } from '../../src/protocol/goroutineMessages';
import { framePosition, groupHeading, waitText } from '../../src/model/report/goroutineListing';

interface VsCodeApi {
  postMessage(message: GoroutineWebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = document.getElementById('app')!;
/** Groups drawn at first and per "show more": a dump of 100,000 goroutines may have thousands. */
const PAGE = 200;
/** Frames shown before "all N frames". */
const FRAMES = 12;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function sourceLink(f: GoroutineFrame, className: string): HTMLElement {
  const pos = framePosition(f);
  if (!f.file) return el('span', `${className} no-source`, f.name);
  const a = el('a', className);
  a.href = '#';
  a.title = `Open ${pos}`;
  a.append(el('span', 'frame-name', f.name), el('span', 'frame-pos', pos));
  a.addEventListener('click', (e) => {
    e.preventDefault();
    api.postMessage({ type: 'openSource', name: f.name, file: f.file, line: f.line });
  });
  return a;
}

function groupCard(g: GoroutineGroup): HTMLElement {
  const card = el('section', 'group');
  card.setAttribute('role', 'listitem');
  card.dataset.count = String(g.count);
  const head = el('div', 'group-head');
  head.append(el('span', 'group-count', String(g.count)));
  if (g.state !== null) head.append(el('span', 'group-state', g.lockedToThread ? `${g.state}, locked to thread` : g.state));
  const wait = waitText(g.waitMinutes);
  if (wait) head.append(el('span', 'group-wait', `waiting ${wait}`));
  card.append(head);
  if (g.createdBy) {
    const by = el('div', 'group-creator', 'created by ');
    by.append(sourceLink(g.createdBy, 'creator'));
    card.append(by);
  }
  const list = el('ol', 'frames');
  const draw = (n: number) => {
    list.replaceChildren(...g.frames.slice(0, n).map((f) => {
      const li = el('li');
      li.append(sourceLink(f, 'frame'));
      return li;
    }));
    if (n < g.frames.length) {
      const more = el('button', 'more-frames', `all ${g.frames.length} frames`);
      more.addEventListener('click', () => draw(g.frames.length));
      const li = el('li', 'more');
      li.append(more);
      list.append(li);
    }
  };
  draw(FRAMES);
  card.append(list);
  card.title = groupHeading(g);
  return card;
}

/** What the search box matches: state, creator and frames, with their files. */
function haystack(g: GoroutineGroup): string {
  const parts = [g.state ?? '', g.lockedToThread ? 'locked to thread' : ''];
  for (const f of g.createdBy ? [g.createdBy, ...g.frames] : g.frames) parts.push(f.name, framePosition(f));
  return parts.join('\n').toLowerCase();
}

function showDump(fileName: string, dump: GoroutineDump): void {
  const texts = dump.groups.map(haystack);
  const header = el('header', 'dump-header');
  const title = el('div', 'dump-title');
  const format = { debug2: 'debug=2 dump', debug1: 'debug=1 dump (no states)', profile: 'goroutine profile (no states)' }[dump.format];
  title.append(el('strong', undefined, fileName), el('span', 'muted', ` · ${dump.total} goroutines in ${dump.groups.length} groups · ${format}`));
  const search = el('input', 'search');
  search.type = 'search';
  search.placeholder = 'Filter by frame, file, state or creator';
  search.setAttribute('aria-label', 'Filter goroutine groups');
  const summary = el('span', 'search-summary muted');
  header.append(title, search, summary);
  // The states at a glance, most goroutines first; a click filters by one.
  const byState = new Map<string, number>();
  for (const g of dump.groups) if (g.state !== null) byState.set(g.state, (byState.get(g.state) ?? 0) + g.count);
  const states = el('div', 'states');
  for (const [state, count] of [...byState].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const chip = el('button', 'state-chip');
    chip.dataset.state = state;
    chip.append(el('span', 'group-state', state), el('span', 'state-count', ` ${count}`));
    chip.title = `Show the groups in state ${state}`;
    chip.addEventListener('click', () => {
      search.value = state;
      filter();
    });
    states.append(chip);
  }
  if (byState.size > 0) header.append(states);
  const list = el('div', 'groups');
  list.setAttribute('role', 'list');
  app.replaceChildren(header, list);
  app.classList.remove('loading');
  app.removeAttribute('aria-busy');

  let matching: number[] = [];
  let shown = 0;
  const more = el('button', 'show-more');
  more.addEventListener('click', () => drawMore());
  const drawMore = () => {
    const next = matching.slice(shown, shown + PAGE);
    more.remove();
    list.append(...next.map((i) => groupCard(dump.groups[i])));
    shown += next.length;
    if (shown < matching.length) {
      more.textContent = `show ${Math.min(PAGE, matching.length - shown)} more of ${matching.length - shown}`;
      list.append(more);
    }
  };
  const filter = () => {
    const q = search.value.trim().toLowerCase();
    matching = [];
    let goroutines = 0;
    texts.forEach((t, i) => {
      if (q === '' || t.includes(q)) {
        matching.push(i);
        goroutines += dump.groups[i].count;
      }
    });
    summary.textContent = q === '' ? '' : `${matching.length} of ${dump.groups.length} groups, ${goroutines} goroutines`;
    list.replaceChildren();
    shown = 0;
    if (matching.length === 0) list.append(el('p', 'muted empty', `No group mentions “${search.value.trim()}”.`));
    drawMore();
    api.setState({ query: search.value });
  };
  const saved = api.getState() as { query?: string } | null;
  search.value = saved?.query ?? '';
  search.addEventListener('input', filter);
  filter();
}

function showError(fileName: string, message: string): void {
  const box = el('div', 'not-dump');
  box.setAttribute('role', 'alert');
  box.append(el('p', 'not-dump-title', `${fileName} cannot be shown as a goroutine dump.`), el('p', 'not-dump-message', message));
  const open = el('button', 'open-text', 'Open in the text editor');
  open.addEventListener('click', () => api.postMessage({ type: 'openAsText' }));
  box.append(open);
  app.replaceChildren(box);
  app.classList.remove('loading');
  app.removeAttribute('aria-busy');
}

window.addEventListener('message', (e: MessageEvent<GoroutineHostToWebview>) => {
  const m = e.data;
  if (m.type === 'dump') showDump(m.fileName, m.dump);
  else if (m.type === 'error') showError(m.fileName, m.message);
});
api.postMessage({ type: 'ready' });
