// The top table's "By label" controls: which label key breaks the table down (none, or one of the profile's
// string label keys), and "Focus", which keeps one value of that key (pprof's tagfocus `key=^value$`) in the
// flame graph and the tables, or all of them.
import { activeFilters } from '../../src/protocol/viewState';
import type { StateKey, ViewContext } from '../context';
import { h, replace } from '../dom';
import { focusedValue, focusOn } from '../labelColumns';
import { dropdown, type Dropdown } from '../ui';

const NONE = '-1';

export class LabelControls {
  readonly el = h('span', { class: 'label-controls' });
  private readonly key: Dropdown;
  private focus: Dropdown | undefined;
  private readonly focusSlot = h('span', { class: 'label-focus' });

  constructor(private readonly ctx: ViewContext) {
    const keys = ctx.summary.labels.map((l) => l.key);
    this.key = dropdown({
      id: 'label-key',
      label: 'By label',
      title: 'Break the table down by the values of a label: each function’s flat and cum per value',
      choices: [{ value: NONE, label: 'None' }, ...keys.map((k, i) => ({ value: String(i), label: k }))],
      value: String(keys.indexOf(ctx.state().labelKey)),
      onChange: (v) => ctx.update({ labelKey: keys[Number(v)] ?? '', labelSort: '' }),
    });
    this.el.append(h('label', { class: 'picker-label', for: 'label-key' }, 'By label'), this.key.el, this.focusSlot);
    this.renderFocus();
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    if (changed.has('labelKey')) {
      this.key.value = String(this.ctx.summary.labels.findIndex((l) => l.key === this.ctx.state().labelKey));
      this.renderFocus();
    } else if (changed.has('filters')) this.renderFocus();
  }

  /** The focus dropdown for the chosen key, its choice taken from the tagfocus in force. */
  private renderFocus(): void {
    const s = this.ctx.state();
    const values = this.ctx.summary.labels.find((l) => l.key === s.labelKey)?.values ?? [];
    if (!this.ctx.summary.labels.some((l) => l.key === s.labelKey)) {
      this.focus = undefined;
      replace(this.focusSlot);
      return;
    }
    const focused = focusedValue(s.filters.tagfocus, s.labelKey, values);
    this.focus = dropdown({
      id: 'label-focus',
      label: 'Focus',
      title: `Keep only the samples of one value of ${s.labelKey} (pprof -tagfocus), in the flame graph and the tables`,
      choices: [{ value: NONE, label: 'all' }, ...values.map((v, i) => ({ value: String(i), label: v }))],
      value: focused === undefined ? NONE : String(values.indexOf(focused)),
      onChange: (v) => {
        const value = values[Number(v)];
        const filters = { ...this.ctx.state().filters };
        const current = focusedValue(filters.tagfocus, s.labelKey, values);
        if (value !== undefined) filters.tagfocus = focusOn(s.labelKey, value);
        else if (current !== undefined) delete filters.tagfocus;
        this.ctx.update({ filters: activeFilters(filters) });
      },
    });
    replace(this.focusSlot, h('label', { class: 'picker-label', for: 'label-focus' }, 'Focus'), this.focus.el);
  }
}
