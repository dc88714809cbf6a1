// The flame graph's hover card: name, file, flat and cum in the sample type's unit with their share of
// the total, and a note when callees too narrow to draw are counted in this frame. In a comparison: base →
// target, Δ and Δ% of cum and flat, and whether the frame exists on one side only.
import { formatBaseToTarget, formatDelta, formatDeltaPercent, oneSideNote } from '../delta';
import type { FlameNode } from '../flameData';
import { h, replace } from '../dom';
import { formatValue, percent } from '../format';

export class Tooltip {
  readonly el = h('div', { class: 'flame-tooltip', role: 'tooltip', 'aria-hidden': 'true' });

  show(node: FlameNode, total: number, unit: string, isRoot: boolean, event: MouseEvent): void {
    const row = (label: string, value: number) =>
      h('tr', {}, h('th', {}, label), h('td', { class: 'num' }, formatValue(value, unit)), h('td', { class: 'num' }, percent(value, total)));
    replace(
      this.el,
      h('div', { class: 'tt-name' }, isRoot ? 'All samples' : node.name),
      node.file && h('div', { class: 'tt-file' }, node.file),
      h('table', {}, h('tbody', {}, row('Flat', node.self), row('Cum', node.value))),
      node.folded !== 0 &&
        h('div', { class: 'tt-note' }, `Includes ${formatValue(node.folded, unit)} (${percent(node.folded, total)}) in callees too narrow to draw.`),
      h('div', { class: 'tt-hint' }, isRoot ? '' : 'Click to zoom in and select'),
    );
    this.el.classList.add('visible');
    this.el.setAttribute('aria-hidden', 'false');
    this.place(event);
  }

  showDiff(node: FlameNode, unit: string, isRoot: boolean, event: MouseEvent): void {
    const base = node.base ?? { value: 0, self: 0, folded: 0 };
    const row = (label: string, b: number, t: number) =>
      h(
        'tr',
        { 'data-row': label.toLowerCase() },
        h('th', {}, label),
        h('td', { class: 'num tt-sides', 'data-base': String(b), 'data-target': String(t) }, formatBaseToTarget(b, t, unit)),
        h('td', { class: 'num tt-delta' }, formatDelta(t - b, unit)),
        h('td', { class: 'num tt-pct' }, formatDeltaPercent(b, t)),
      );
    const note = isRoot ? '' : oneSideNote(base.value, node.value);
    replace(
      this.el,
      h('div', { class: 'tt-name' }, isRoot ? 'All samples' : node.name),
      node.file && h('div', { class: 'tt-file' }, node.file),
      note && h('div', { class: 'tt-side', 'data-change': base.value === 0 ? 'new' : 'gone' }, note),
      h(
        'table',
        { class: 'tt-diff' },
        h('thead', {}, h('tr', {}, h('th', {}), h('th', { class: 'num' }, 'base → target'), h('th', { class: 'num' }, 'Δ'), h('th', { class: 'num' }, 'Δ%'))),
        h('tbody', {}, row('Cum', base.value, node.value), row('Flat', base.self, node.self)),
      ),
      node.folded !== 0 && h('div', { class: 'tt-note' }, `Includes ${formatValue(node.folded, unit)} of the target in callees too narrow to draw.`),
      h('div', { class: 'tt-hint' }, isRoot ? '' : 'Click to zoom in and select'),
    );
    this.el.classList.add('visible');
    this.el.setAttribute('aria-hidden', 'false');
    this.place(event);
  }

  hide(): void {
    this.el.classList.remove('visible');
    this.el.setAttribute('aria-hidden', 'true');
  }

  private place(e: MouseEvent): void {
    const pad = 14;
    const { innerWidth: w, innerHeight: hgt } = window;
    const r = this.el.getBoundingClientRect();
    let x = e.clientX + pad;
    let y = e.clientY + pad;
    if (x + r.width > w - 4) x = Math.max(4, e.clientX - r.width - pad);
    if (y + r.height > hgt - 4) y = Math.max(4, e.clientY - r.height - pad);
    this.el.style.left = `${x}px`;
    this.el.style.top = `${y}px`;
  }
}
