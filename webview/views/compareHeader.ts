// The compare view's header: the two profiles side by side (name, time, pprof's total of the selected
// sample type, sample count), the change in total, the comparison's mode, normalize and swap (the host
// reopens the comparison and sends init again), the sample-type switch, and banners for the cases where
// the colours would otherwise mislead: two identical profiles, two different binaries.
import type { CompareMode, CompareOptions, SideSummary } from '../../src/model/profile/comparison';
import type { CompareInit } from '../../src/protocol/messages';
import type { ViewContext } from '../context';
import { changeOf, formatDelta, formatDeltaPercent } from '../delta';
import { h, replace } from '../dom';
import { formatTime, formatValue } from '../format';
import { button, checkbox, dropdown, Dropdown, Toggle } from '../ui';
import { profileKind, SampleTypeHeader } from './header';
import { compareRunCard } from './runCard';

const MODES: Record<CompareMode, { label: string; help: string }> = {
  diff_base: { label: 'diff_base', help: "pprof -diff_base: the base is subtracted and kept apart; percentages are of the base's total" },
  base: { label: 'base', help: 'pprof -base: the base is subtracted and equal samples cancel; percentages are of the net total' },
};

export interface CompareActions {
  options(o: CompareOptions): void;
  swap(): void;
}

export class CompareHeader extends SampleTypeHeader {
  readonly el: HTMLElement;
  private readonly sides = h('div', { class: 'compare-sides' });
  private readonly stats = h('dl', { class: 'stats' });
  private readonly mode: Dropdown;
  private readonly normalize: Toggle;
  private readonly busy = h('span', { class: 'muted compare-busy', id: 'compare-busy', 'aria-live': 'polite' });

  constructor(
    ctx: ViewContext,
    private readonly compare: CompareInit,
    actions: CompareActions,
  ) {
    super(ctx);
    const s = ctx.summary;
    const c = s.comparison!;
    this.mode = dropdown({
      id: 'compare-mode',
      label: 'Comparison mode',
      title: MODES[c.options.mode].help,
      choices: (Object.keys(MODES) as CompareMode[]).map((m) => ({ value: m, label: MODES[m].label })),
      value: c.options.mode,
      onChange: (v) => {
        if (v === 'diff_base' || v === 'base') this.reopen(() => actions.options({ mode: v, normalize: this.normalize.checked }));
      },
    });
    this.normalize = checkbox('Normalize', {
      id: 'compare-normalize',
      title: "pprof -normalize: scale the target to the base's total first",
      checked: c.options.normalize,
      onChange: (checked) => this.reopen(() => actions.options({ mode: c.options.mode, normalize: checked })),
    });
    const swap = button('Swap', { id: 'compare-swap', appearance: 'secondary', title: 'Exchange base and target', onClick: () => this.reopen(() => actions.swap()) });
    const banner = (id: string, text: string) => h('div', { class: 'compare-banner', id, role: 'status' }, text);
    this.el = h(
      'header',
      { class: 'header compare-header', id: 'compare-header' },
      h(
        'div',
        { class: 'header-title' },
        h('span', { class: 'kind', id: 'profile-kind' }, `${profileKind(s)} comparison`),
        h('h1', { class: 'file-name', title: `${compare.baseName} → ${compare.targetName}` }, `${compare.baseName} → ${compare.targetName}`),
        h('label', { class: 'picker-label', for: 'sample-type' }, 'Sample type'),
        this.picker.el,
      ),
      this.sides,
      h('div', { class: 'compare-controls' }, h('label', { class: 'picker-label', for: 'compare-mode' }, 'Mode'), this.mode.el, this.normalize.el, swap, this.busy),
      c.identical && banner('compare-identical', 'No difference: the two profiles are the same. Nothing is coloured as a change.'),
      c.differentBinaries && banner('compare-binaries', 'Different binaries: frames are matched by function name.'),
      this.stats,
      compareRunCard(ctx.runs?.base, ctx.runs?.target),
    );
    this.render();
  }

  /** Until the host sends the reopened comparison, the controls would act on the one being replaced. */
  private reopen(post: () => void): void {
    this.el.classList.add('reopening');
    for (const el of this.el.querySelectorAll('#compare-mode, #compare-normalize, #compare-swap')) el.setAttribute('disabled', '');
    replace(this.busy, 'Reopening the comparison…');
    post();
  }

  protected render(): void {
    const c = this.ctx.summary.comparison!;
    const i = this.ctx.state().sampleIndex;
    const unit = this.ctx.sampleType().unit;
    const base = c.base.totals[i] ?? 0;
    const target = c.target.totals[i] ?? 0;
    const change = h(
      'div',
      { class: 'compare-change', id: 'compare-change', 'data-change': c.identical ? 'same' : changeOf(base, target), 'data-value': String(target - base) },
      h('span', { class: 'side-tag' }, 'Change'),
      h('span', { class: 'change-amount' }, formatDelta(target - base, unit)),
      h('span', { class: 'change-pct' }, `(${formatDeltaPercent(base, target)})`),
    );
    replace(
      this.sides,
      this.side('base', 'Base', this.compare.baseName, c.base, i, unit),
      h('span', { class: 'compare-arrow', 'aria-hidden': 'true' }, '→'),
      this.side('target', c.options.normalize ? 'Target (normalized)' : 'Target', this.compare.targetName, c.target, i, unit),
      change,
    );
    const stat = (key: string, label: string, value: string, raw?: number, title?: string) =>
      h('div', { class: 'stat', 'data-stat': key, title }, h('dt', {}, label), h('dd', { 'data-value': raw === undefined ? undefined : String(raw) }, value));
    replace(
      this.stats,
      stat('type', 'Type', this.ctx.sampleType().type),
      stat(
        'total',
        'pprof total',
        this.total === undefined ? '…' : formatValue(this.total, unit),
        this.total,
        c.options.mode === 'diff_base' ? "go tool pprof -diff_base's total: the base's, which percentages are of" : "go tool pprof -base's total: the net one, which percentages are of",
      ),
      stat('mode', 'Mode', `-${c.options.mode}${c.options.normalize ? ' -normalize' : ''}`),
    );
  }

  private side(key: 'base' | 'target', tag: string, name: string, s: SideSummary, i: number, unit: string): HTMLElement {
    const total = s.totals[i] ?? 0;
    return h(
      'div',
      { class: 'compare-side', id: `compare-${key}`, 'data-side': key },
      h('span', { class: 'side-tag' }, tag),
      h('span', { class: 'compare-name', title: name }, name),
      s.timeNanos > 0 && h('span', { class: 'side-time', 'data-value': String(s.timeNanos) }, formatTime(s.timeNanos)),
      h('span', { class: 'side-total', 'data-value': String(total) }, formatValue(total, unit)),
      h('span', { class: 'side-samples', 'data-value': String(s.sampleCount) }, `${s.sampleCount.toLocaleString('en-US')} samples`),
    );
  }
}
