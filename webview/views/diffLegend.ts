// The differential flame graph's legend, always on screen above the chart: what a frame's width is, and
// which colour means more or less in the target than in the base, step by step, in the chosen palette.
import type { CompareInit } from '../../src/protocol/messages';
import { themeKind } from '../colors';
import { diffColor, legendStops, PALETTES } from '../diffColors';
import { h, replace } from '../dom';

export class DiffLegend {
  readonly el: HTMLElement;
  private readonly themed = new MutationObserver(() => this.render());

  constructor(
    private readonly compare: CompareInit,
    private readonly identical: boolean,
  ) {
    this.el = h('div', { class: 'diff-legend', id: 'diff-legend', 'data-palette': compare.palette, role: 'note', 'aria-label': 'Colour legend' });
    this.render();
    // The swatches are filled for the theme, as the frames are.
    this.themed.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  dispose(): void {
    this.themed.disconnect();
  }

  private render(): void {
    const hues = PALETTES[this.compare.palette];
    if (this.identical) {
      this.el.dataset.identical = 'true';
      const width = h('span', { class: 'legend-width' }, `Width: ${this.compare.targetName} (target)`);
      return replace(this.el, width, h('span', { class: 'legend-same' }, 'Colour: none, the two profiles are the same'));
    }
    const width = h(
      'span',
      { class: 'legend-width', title: 'Frames only in the base have no width in the target, so they are not drawn; the table lists them.' },
      `Width: ${this.compare.targetName} (target); gone frames: see the table`,
    );
    const theme = themeKind(document.body);
    const swatches = legendStops().map((s) => {
      const sw = h('span', { class: 'legend-swatch', 'data-step': String(s.step), title: s.label });
      // A CSSOM property, which the CSP allows (it blocks style attributes in markup, not this).
      sw.style.backgroundColor = diffColor(s.step, this.compare.palette, theme);
      return h('span', { class: 'legend-stop' }, sw, h('span', { class: 'legend-label' }, s.label));
    });
    replace(
      this.el,
      width,
      h('span', { class: 'legend-end', 'data-change': 'less' }, `${hues.lessName}: less in target (darkest: gone)`),
      h('span', { class: 'legend-scale' }, ...swatches),
      h('span', { class: 'legend-end', 'data-change': 'more' }, `${hues.moreName}: more in target (darkest: new)`),
    );
  }
}
