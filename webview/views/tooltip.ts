// The flame graph's hover card: name, file, flat and cum in the sample type's unit with their share of
// the total, and a note when callees too narrow to draw are counted in this frame.
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
