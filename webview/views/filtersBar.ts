// Focus / ignore / hide regexes and label filters. The worker applies them (pprof's semantics); the
// applied ones are listed as chips that can be removed one by one or all at once.
import type { FilterKey, Filters } from '../../src/model/profile/queries';
import { activeFilters } from '../../src/protocol/viewState';
import type { StateKey, View, ViewContext } from '../context';
import { h, replace } from '../dom';
import { button, textField, TextField } from '../ui';

const FIELDS: readonly { key: FilterKey; label: string; placeholder: string; help: string }[] = [
  { key: 'focus', label: 'Focus', placeholder: 'Focus regex', help: 'Keep only samples with a frame matching this regex (pprof -focus)' },
  { key: 'ignore', label: 'Ignore', placeholder: 'Ignore regex', help: 'Drop samples with a frame matching this regex (pprof -ignore)' },
  { key: 'hide', label: 'Hide', placeholder: 'Hide regex', help: 'Remove matching frames from the stacks, keeping their weight (pprof -hide)' },
  { key: 'tagfocus', label: 'Label focus', placeholder: 'Label focus (key=value)', help: 'Keep only samples whose labels match, e.g. handler=/api (pprof -tagfocus)' },
  { key: 'tagignore', label: 'Label ignore', placeholder: 'Label ignore (key=value)', help: 'Drop samples whose labels match (pprof -tagignore)' },
];

export class FiltersBar implements View {
  readonly el: HTMLElement;
  private readonly fields = new Map<FilterKey, TextField>();
  private readonly chips = h('div', { class: 'filter-chips', 'aria-label': 'Applied filters' });
  private readonly error = h('div', { class: 'filter-error', role: 'alert' });

  constructor(private readonly ctx: ViewContext) {
    const inputs = h('div', { class: 'filter-fields' });
    const labels = ctx.summary.labels;
    for (const f of FIELDS) {
      const example = f.key.startsWith('tag') && labels[0] ? `${f.label}, e.g. ${labels[0].key}=${labels[0].values[0] ?? ''}` : f.placeholder;
      const field = textField({ id: `filter-${f.key}`, title: f.help, placeholder: example, label: `${f.label} regular expression`, onEnter: () => this.apply() });
      this.fields.set(f.key, field);
      inputs.append(field.el);
    }
    inputs.append(
      button('Apply', { id: 'filters-apply', appearance: 'primary', onClick: () => this.apply() }),
      button('Clear', { id: 'filters-clear', appearance: 'secondary', onClick: () => this.clear() }),
    );
    this.el = h('section', { class: 'filters', 'aria-label': 'Filters' }, inputs, this.chips, this.error);
    this.syncFromState();
  }

  /** A query failed, most likely on a filter; '' clears the message. */
  setError(message: string): void {
    replace(this.error, message);
    this.error.classList.toggle('visible', message !== '');
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    if (changed.has('filters')) this.syncFromState();
  }

  private apply(): void {
    const next: Record<string, string> = {};
    for (const [k, f] of this.fields) next[k] = f.value;
    this.ctx.update({ filters: activeFilters(next) });
  }

  private clear(): void {
    this.ctx.update({ filters: {} });
  }

  private remove(key: FilterKey): void {
    const next: Record<string, string | undefined> = { ...this.ctx.state().filters };
    delete next[key];
    this.ctx.update({ filters: activeFilters(next as Filters) });
  }

  private syncFromState(): void {
    const filters = this.ctx.state().filters;
    for (const [k, f] of this.fields) f.value = filters[k] ?? '';
    const applied = FIELDS.filter((f) => filters[f.key]);
    this.setError('');
    replace(
      this.chips,
      ...(applied.length === 0
        ? [h('span', { class: 'muted' }, 'No filters applied')]
        : applied.map((f) =>
            h(
              'span',
              { class: 'chip', 'data-filter': f.key },
              h('span', { class: 'chip-key' }, `${f.label}:`),
              h('code', {}, filters[f.key]!),
              h('button', { class: 'chip-remove', title: `Remove the ${f.label.toLowerCase()} filter`, 'aria-label': `Remove ${f.label}` }, '×'),
            ),
          )),
    );
    for (const chip of this.chips.querySelectorAll<HTMLElement>('.chip')) {
      chip.querySelector('button')!.addEventListener('click', () => this.remove(chip.dataset.filter as FilterKey));
    }
  }
}
