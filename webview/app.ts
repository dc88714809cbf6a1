// The profile view: owns the view state, builds the views once the host sends the profile, and tells
// each view what changed. State changes are saved (setState + the host's copy) once the views have reacted.
import type { ValueType } from '../src/model/profile/profile';
import type { FlameQuery, ProfileSummary, TopResult } from '../src/model/profile/queries';
import { assertNever, type CompareInit, HostToWebview, type RunCards } from '../src/protocol/messages';
import { sanitizeViewState, ViewState } from '../src/protocol/viewState';
import type { StateKey, View, ViewContext } from './context';
import { h, replace } from './dom';
import type { HostChannel } from './hostChannel';
import type { FleetSidecar } from '../src/protocol/fleetSidecar';
import { FiltersBar } from './views/filtersBar';
import { FlameView } from './views/flameView';
import { Header } from './views/header';
import { CompareHeader } from './views/compareHeader';
import { compareFailedView, notProfileView } from './views/notProfile';
import { Sandwich } from './views/sandwich';
import { TopTable } from './views/topTable';

export class App implements ViewContext {
  summary!: ProfileSummary;
  fileName = '';
  compare: CompareInit | undefined;
  fleet: FleetSidecar | undefined;
  runs: RunCards | undefined;
  private current!: ViewState;
  private views: View[] = [];
  private flame: FlameView | undefined;
  private top: TopTable | undefined;
  private readonly files = new Map<string, string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostChannel,
  ) {}

  onMessage(m: HostToWebview): void {
    switch (m.type) {
      case 'init':
        // The views ask their first questions as they are built; answers none of them took are dropped.
        this.host.give(m.answers);
        this.fleet = m.fleet;
        this.runs = m.runs;
        this.init(m.fileName, m.summary, m.state, m.compare);
        this.host.give([]);
        return;
      case 'notProfile':
        this.root.classList.remove('loading');
        this.root.removeAttribute('aria-busy');
        this.dropViews();
        replace(this.root, m.compare ? compareFailedView(m.compare, m.message) : notProfileView(m.fileName, m.message, () => this.host.post({ type: 'reopenAsText' })));
        return;
      case 'answer':
      case 'received':
        return; // delivered by the channel
      // Before init these are already in the state the host sends with it.
      case 'selectSampleType':
        return this.current ? this.update({ sampleIndex: m.sampleIndex }) : undefined;
      case 'revealFunction':
        return this.flame?.reveal(m.name);
      case 'flameAhead':
        return this.flame?.keepAhead(m.query, m.tree);
      default:
        assertNever(m);
    }
  }

  state(): ViewState {
    return this.current;
  }

  sampleType(): ValueType {
    return this.summary.sampleTypes[this.current.sampleIndex] ?? { type: '', unit: '' };
  }

  query: ViewContext['query'] = (q, received) => this.host.query(q, received);

  zoomAhead(query: FlameQuery): void {
    this.host.post({ type: 'zoomAhead', query });
  }

  aheadTaken(): void {
    this.host.post({ type: 'aheadTaken' });
  }

  flameSettled(): Promise<void> {
    return this.flame?.settled() ?? Promise.resolve();
  }

  tableSettled(): Promise<void> {
    return this.top?.settled() ?? Promise.resolve();
  }

  openSource(name: string, file: string, line: number): void {
    this.host.post({ type: 'openSource', name, file, line });
  }

  loadAndProfile(): void {
    this.host.post({ type: 'loadAndProfile' });
  }

  fileOf(name: string): string {
    return this.files.get(name) ?? '';
  }

  rememberFiles(names: readonly string[], files: readonly string[]): void {
    names.forEach((n, i) => {
      if (files[i] && !this.files.has(n)) this.files.set(n, files[i]);
    });
  }

  update(patch: Partial<ViewState>): void {
    const prev = this.current;
    const next = sanitizeViewState({ ...prev, ...patch }, this.summary.sampleTypes.length, this.summary.defaultSampleIndex);
    const changed = new Set<StateKey>();
    for (const k of Object.keys(next) as StateKey[]) if (JSON.stringify(prev[k]) !== JSON.stringify(next[k])) changed.add(k);
    if (changed.size === 0) return;
    this.current = next;
    // The views first: a query they send then leaves the page ahead of the state.
    for (const v of this.views) v.stateChanged(changed);
    this.host.saveState(next);
  }

  /** Called again for a comparison the host reopened (swap, mode, normalize): the views are built anew. */
  private init(fileName: string, summary: ProfileSummary, state: ViewState, compare: CompareInit | undefined): void {
    this.fileName = fileName;
    // Both or neither: the views take summary.comparison and compare together.
    this.compare = summary.comparison ? compare : undefined;
    this.summary = this.compare ? summary : { ...summary, comparison: undefined };
    this.current = sanitizeViewState(state, summary.sampleTypes.length, summary.defaultSampleIndex);
    this.host.saveState(this.current);
    this.dropViews();
    const header = this.compare
      ? new CompareHeader(this, this.compare, {
          options: (options) => this.host.post({ type: 'compareOptions', options }),
          swap: () => this.host.post({ type: 'swapSides' }),
        })
      : new Header(this);
    const filters = new FiltersBar(this);
    const flame = new FlameView(this, (msg) => filters.setError(msg));
    const top = new TopTable(this, (r: TopResult | undefined, error?: string) => {
      header.setTotal(r?.total);
      filters.setError(error ?? '');
    });
    const sandwich = new Sandwich(this);
    this.flame = flame;
    this.top = top;
    this.views = [header, filters, flame, top, sandwich];
    this.root.classList.remove('loading');
    this.root.removeAttribute('aria-busy');
    // The text colours of changes (media/tables.css) follow the palette of the frames.
    if (this.compare) this.root.dataset.palette = this.compare.palette;
    else delete this.root.dataset.palette;
    replace(this.root, header.el, filters.el, flame.el, h('div', { class: 'bottom' }, top.el, sandwich.el));
    void flame.load();
    void top.load();
    void sandwich.load();
  }

  private dropViews(): void {
    for (const v of this.views) v.dispose?.();
    this.views = [];
    this.flame = undefined;
    this.top = undefined;
  }
}
