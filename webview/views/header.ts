// The header: what kind of profile this is, its sample types, duration, period, time, pprof's total and
// sample count, and the sample-type dropdown (pprof's default first selected, each named with its unit).
import type { ProfileSummary } from '../../src/model/profile/queries';
import type { FleetSidecar } from '../../src/protocol/fleetSidecar';
import type { ViewContext, StateKey, View } from '../context';
import { h, replace } from '../dom';
import { formatTime, formatValue } from '../format';
import { dropdown, Dropdown } from '../ui';
import { runCard } from './runCard';
import { emptyCpuNote } from './emptyCpu';

export function profileKind(s: ProfileSummary): string {
  const types = new Set(s.sampleTypes.map((t) => t.type));
  const period = s.periodType?.type ?? '';
  if (period === 'cpu' || types.has('cpu')) return 'CPU';
  if (types.has('inuse_space') || types.has('alloc_space') || period === 'space') return 'Heap';
  if (types.has('goroutine') || period === 'goroutine') return 'Goroutine';
  if (types.has('contentions') || types.has('delay')) return 'Contention';
  if (types.has('threadcreate')) return 'Thread creation';
  if (period === 'wall' || types.has('wall') || types.has('time')) return 'Wall time';
  return 'Profile';
}

export const sampleTypeLabel = (t: { type: string; unit: string }) => `${t.type || '(unnamed)'} (${t.unit || 'count'})`;

/**
 * What both headers share: the sample-type dropdown, and pprof's total of the shown sample type, which the
 * top answer brings and a change of sample type clears until the next one.
 */
export abstract class SampleTypeHeader implements View {
  abstract readonly el: HTMLElement;
  protected readonly picker: Dropdown;
  protected total: number | undefined;

  constructor(protected readonly ctx: ViewContext) {
    this.picker = dropdown({
      id: 'sample-type',
      label: 'Sample type',
      choices: ctx.summary.sampleTypes.map((t, i) => ({ value: String(i), label: sampleTypeLabel(t) })),
      value: String(ctx.state().sampleIndex),
      onChange: (v) => ctx.update({ sampleIndex: Number(v) }),
    });
  }

  /** pprof's total for the shown sample type and filters, from the top answer. */
  setTotal(total: number | undefined): void {
    this.total = total;
    this.render();
  }

  stateChanged(changed: ReadonlySet<StateKey>): void {
    if (changed.has('sampleIndex')) {
      this.picker.value = String(this.ctx.state().sampleIndex);
      this.total = undefined;
      this.render();
    }
  }

  protected abstract render(): void;
}

/** "3 instances" when the profile's samples carry an `instance` label (a fleet's merge), else ''. */
export function instanceCount(s: ProfileSummary): string {
  const l = s.labels.find((x) => x.key === 'instance');
  if (!l) return '';
  const n = l.count ?? l.values.length;
  return n === 1 ? '1 instance' : `${n.toLocaleString('en-US')} instances`;
}

/** The instances of a fleet capture that gave no profile, and why. */
function fleetFailures(fleet: FleetSidecar | undefined): HTMLElement | undefined {
  const failed = fleet?.instances.filter((i) => i.error !== undefined || !i.file) ?? [];
  if (!fleet || failed.length === 0) return undefined;
  return h(
    'div',
    { class: 'fleet-failures', id: 'fleet-failures', role: 'note' },
    h('span', { class: 'fleet-failures-title' }, `${failed.length} of ${fleet.instances.length} instances left out of the merge:`),
    h('ul', {}, ...failed.map((i) => h('li', { 'data-instance': i.instance }, h('code', {}, i.instance), ` ${i.error ?? 'no profile'}`))),
  );
}

export class Header extends SampleTypeHeader {
  readonly el: HTMLElement;
  private readonly stats = h('dl', { class: 'stats' });

  constructor(ctx: ViewContext) {
    super(ctx);
    const s = ctx.summary;
    this.el = h(
      'header',
      { class: 'header' },
      h(
        'div',
        { class: 'header-title' },
        h('span', { class: 'kind', id: 'profile-kind' }, profileKind(s)),
        h('h1', { class: 'file-name', title: ctx.fileName }, ctx.fileName),
        h('label', { class: 'picker-label', for: 'sample-type' }, 'Sample type'),
        this.picker.el,
      ),
      this.stats,
      fleetFailures(ctx.fleet),
      ctx.runs?.target && runCard(ctx.runs.target),
      emptyCpuNote(s, profileKind(s), () => ctx.loadAndProfile()),
    );
    this.render();
  }

  protected render(): void {
    const s = this.ctx.summary;
    const unit = this.ctx.sampleType().unit;
    const stat = (key: string, label: string, value: string, raw?: number) =>
      h('div', { class: 'stat', 'data-stat': key }, h('dt', {}, label), h('dd', { 'data-value': raw === undefined ? undefined : String(raw) }, value));
    replace(
      this.stats,
      stat('type', 'Type', this.ctx.sampleType().type),
      stat('total', 'Total', this.total === undefined ? '…' : formatValue(this.total, unit), this.total),
      stat('samples', 'Samples', s.sampleCount.toLocaleString('en-US'), s.sampleCount),
      instanceCount(s) !== '' && stat('instances', 'Instances', instanceCount(s)),
      s.durationNanos > 0 && stat('duration', 'Duration', formatValue(s.durationNanos, 'nanoseconds'), s.durationNanos),
      s.period > 0 && s.periodType && stat('period', 'Period', `${formatValue(s.period, s.periodType.unit)} ${s.periodType.type}`.trim(), s.period),
      s.timeNanos > 0 && stat('time', 'Time', formatTime(s.timeNanos), s.timeNanos),
      stat('sample-types', 'Sample types', s.sampleTypes.map(sampleTypeLabel).join(', ')),
    );
  }
}
