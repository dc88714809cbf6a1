import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrast, frameColor, type FrameMode, type ThemeKind } from '../../webview/colors';

// The label colours media/flame.css sets per theme.
const labels: Record<ThemeKind, number[]> = {
  dark: [0xf0, 0xf0, 0xf0],
  light: [0x1f, 0x1f, 0x1f],
  'hc-dark': [0xff, 0xff, 0xff],
  'hc-light': [0, 0, 0],
};
const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number);
const packages = ['', 'main', 'runtime', 'sort', 'net/http', 'example.com/a/b', 'std', '[binary]', ...Array.from({ length: 200 }, (_, i) => `p${i}`)];
const modes: FrameMode[] = ['normal', 'dim', 'match', 'selected'];

describe('frame colours', () => {
  for (const theme of Object.keys(labels) as ThemeKind[]) {
    test(`labels keep a WCAG contrast of at least 4.5 on every fill in the ${theme} theme`, () => {
      let worst = Infinity;
      for (const pkg of packages) for (const mode of modes) worst = Math.min(worst, contrast(rgb(frameColor(pkg, theme, mode)), labels[theme]));
      assert.ok(worst >= 4.5, `worst contrast ${worst.toFixed(2)}`);
    });
  }

  test('one package keeps one colour, and packages get different ones', () => {
    assert.equal(frameColor('main', 'dark', 'normal'), frameColor('main', 'dark', 'normal'));
    const distinct = new Set(packages.map((p) => frameColor(p, 'dark', 'normal')));
    assert.ok(distinct.size >= 12, `${distinct.size} colours`);
  });

  test('matches and the selection stand apart from every package colour', () => {
    const normal = new Set(packages.map((p) => frameColor(p, 'light', 'normal')));
    assert.ok(!normal.has(frameColor('', 'light', 'match')));
    assert.ok(!normal.has(frameColor('', 'light', 'selected')));
  });
});
