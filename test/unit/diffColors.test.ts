import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DiffPalette } from '../../src/protocol/messages';
import { contrast, type ThemeKind } from '../../webview/colors';
import { changeStep, diffColor, diffDimColor, diffSelectedColor, legendStops, MAX_STEP } from '../../webview/diffColors';

// The label colours media/flame.css sets per theme.
const labels: Record<ThemeKind, number[]> = {
  dark: [0xf0, 0xf0, 0xf0],
  light: [0x1f, 0x1f, 0x1f],
  'hc-dark': [0xff, 0xff, 0xff],
  'hc-light': [0, 0, 0],
};
const themes = Object.keys(labels) as ThemeKind[];
const palettes: DiffPalette[] = ['redGreen', 'blueOrange'];
const steps = Array.from({ length: 2 * MAX_STEP + 1 }, (_, i) => i - MAX_STEP);
const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number);

/** How far a colour is from grey: its chroma, 0 for a neutral fill. */
const chroma = (c: string) => Math.max(...rgb(c)) - Math.min(...rgb(c));

/** Linear-light sRGB, and a deuteranope's view of it (Viénot, Brettel and Mollon 1999). */
const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
function deuteranope(c: string): number[] {
  const [r, g, b] = rgb(c).map(lin);
  return [0.29275 * r + 0.70725 * g, 0.29275 * r + 0.70725 * g, -0.02234 * r + 0.02234 * g + b];
}
const distance = (a: number[], b: number[]) => Math.hypot(...a.map((x, i) => x - b[i]));

describe('the step of a change', () => {
  const cases: { name: string; base: number; target: number; step: number }[] = [
    { name: 'no change is neutral', base: 100, target: 100, step: 0 },
    { name: 'under 5% is neutral', base: 100, target: 104, step: 0 },
    { name: '+5% is the first step up', base: 100, target: 105, step: 1 },
    { name: '+30% is the second step up', base: 100, target: 130, step: 2 },
    { name: '+60% is the third step up', base: 100, target: 160, step: 3 },
    { name: 'doubling is the strongest step up', base: 100, target: 200, step: MAX_STEP },
    { name: 'halving is the strongest step down, as doubling is up', base: 200, target: 100, step: -MAX_STEP },
    { name: '-20% is the second step down', base: 100, target: 80, step: -2 },
    { name: 'a new frame is the strongest step up', base: 0, target: 7, step: MAX_STEP },
    { name: 'a gone frame is the strongest step down', base: 7, target: 0, step: -MAX_STEP },
  ];
  for (const c of cases) test(c.name, () => assert.equal(changeStep(c.base, c.target), c.step));
});

describe('differential frame colours', () => {
  for (const theme of themes) {
    test(`labels keep a WCAG contrast of at least 4.5 on every fill in the ${theme} theme`, () => {
      const fills = [...palettes.flatMap((p) => steps.map((s) => diffColor(s, p, theme))), diffSelectedColor(theme), diffDimColor(theme)];
      const worst = Math.min(...fills.map((f) => contrast(rgb(f), labels[theme])));
      assert.ok(worst >= 4.5, `worst contrast ${worst.toFixed(2)}`);
    });
  }

  test('no change is grey, and a bigger change is a stronger colour', () => {
    for (const theme of themes)
      for (const p of palettes) {
        assert.equal(chroma(diffColor(0, p, theme)) <= 2, true, `${p} ${theme} neutral ${diffColor(0, p, theme)}`);
        for (let s = 1; s <= MAX_STEP; s++) {
          assert.ok(chroma(diffColor(s, p, theme)) > chroma(diffColor(s - 1, p, theme)), `${p} ${theme} +${s}`);
          assert.ok(chroma(diffColor(-s, p, theme)) > chroma(diffColor(-(s - 1), p, theme)), `${p} ${theme} -${s}`);
        }
      }
  });

  test('red means more and green less; orange more and blue less', () => {
    const [mr, mg] = rgb(diffColor(MAX_STEP, 'redGreen', 'dark'));
    const [lr, lg] = rgb(diffColor(-MAX_STEP, 'redGreen', 'dark'));
    assert.ok(mr > mg && lg > lr);
    const [or, , ob] = rgb(diffColor(MAX_STEP, 'blueOrange', 'dark'));
    const [br, , bb] = rgb(diffColor(-MAX_STEP, 'blueOrange', 'dark'));
    assert.ok(or > ob && bb > br);
  });

  test('a deuteranope tells more from less in blueOrange far better than in redGreen', () => {
    for (const theme of themes) {
      const apart = (p: DiffPalette) => distance(deuteranope(diffColor(2, p, theme)), deuteranope(diffColor(-2, p, theme)));
      assert.ok(apart('blueOrange') > 2 * apart('redGreen'), `${theme}: ${apart('blueOrange').toFixed(3)} vs ${apart('redGreen').toFixed(3)}`);
    }
  });

  test('the legend shows every step once, from much less to much more, labelled by where it starts', () => {
    const stops = legendStops();
    assert.deepEqual(stops.map((s) => s.step), steps);
    assert.deepEqual(stops.map((s) => s.label), ['≤-50%', '≤-33%', '≤-20%', '≤-5%', '<5%', '≥+5%', '≥+25%', '≥+50%', '≥+100%']);
    // Each label is where its step starts: a change of exactly that much takes that step.
    assert.equal(changeStep(100, 150), 3);
    assert.equal(changeStep(150, 100), -3);
  });
});
