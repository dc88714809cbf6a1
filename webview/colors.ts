// Frame colours: one hue per package. Every fill of a theme has the same relative luminance, picked so
// the theme's label colour (media/flame.css) keeps a WCAG contrast of at least 4.5 on any hue, in light,
// dark and high-contrast themes. Search matches and the selected function use fixed hues.
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';
export type FrameMode = 'normal' | 'dim' | 'match' | 'selected';

export function themeKind(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** Per theme: saturation % and target luminance of ordinary, highlighted and dimmed frames. */
export const BANDS: Record<ThemeKind, { s: number; lum: number; hs: number; hlum: number; dimLum: number }> = {
  dark: { s: 50, lum: 0.075, hs: 85, hlum: 0.115, dimLum: 0.045 },
  light: { s: 55, lum: 0.58, hs: 85, hlum: 0.4, dimLum: 0.8 },
  'hc-dark': { s: 60, lum: 0.035, hs: 90, hlum: 0.07, dimLum: 0.02 },
  'hc-light': { s: 80, lum: 0.7, hs: 95, hlum: 0.5, dimLum: 0.88 },
};

const MATCH_HUE = 310;
const SELECTED_HUE = 215;

function hash(s: string): number {
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
  return x >>> 0;
}

/** Hues spread around the wheel, avoiding the match and selection hues. */
const HUES = [0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180, 250, 265, 280, 340, 355];

function packageHue(pkg: string): number {
  return HUES[hash(pkg) % HUES.length];
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colour of hue h and saturation s whose luminance is closest to `target` (binary search on lightness). */
export function atLuminance(h: number, s: number, target: number): string {
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 14; i++) {
    const mid = (lo + hi) / 2;
    if (luminance(hslToRgb(h, s, mid)) < target) lo = mid;
    else hi = mid;
  }
  const [r, g, b] = hslToRgb(h, s, (lo + hi) / 2);
  return `rgb(${r}, ${g}, ${b})`;
}

const cache = new Map<string, string>();

export function frameColor(pkg: string, theme: ThemeKind, mode: FrameMode): string {
  const key = `${theme}|${mode}|${pkg}`;
  let c = cache.get(key);
  if (c) return c;
  const b = BANDS[theme];
  if (mode === 'match') c = atLuminance(MATCH_HUE, b.hs, b.hlum);
  else if (mode === 'selected') c = atLuminance(SELECTED_HUE, b.hs, b.hlum);
  else if (mode === 'dim') c = atLuminance(packageHue(pkg), 10, b.dimLum);
  else c = atLuminance(packageHue(pkg), pkg === '' ? 0 : b.s, b.lum);
  cache.set(key, c);
  return c;
}
