// Colours of a differential flame graph: one hue for "the target has more", another for "less", and the
// strength of the change in steps, so the legend can show each step exactly as the frames are filled.
// Every fill keeps the luminance of the theme's ordinary frames (colors.ts), so labels stay readable.
import type { DiffPalette } from '../src/protocol/messages';
import { atLuminance, BANDS, type ThemeKind } from './colors';
import { changeOf } from './delta';

/**
 * The ratio (larger side / smaller side) at which each step starts: 1.05 is a 5% change. A frame that
 * changed by less is drawn neutral; one that exists on one side only takes the strongest step.
 */
export const STEP_RATIOS = [1.05, 1.25, 1.5, 2] as const;
export const MAX_STEP = STEP_RATIOS.length;

/** From -MAX_STEP (much less, or gone) through 0 (about the same) to +MAX_STEP (much more, or new). */
export function changeStep(base: number, target: number): number {
  const change = changeOf(base, target);
  if (change === 'same') return 0;
  if (change === 'new') return target > 0 ? MAX_STEP : -MAX_STEP;
  if (change === 'gone') return base > 0 ? -MAX_STEP : MAX_STEP;
  const ratio = Math.max(base, target) / Math.min(base, target);
  // Negative values (a delta profile as a side) have no meaningful ratio; their sign still says which way.
  if (!(ratio > 0) || !Number.isFinite(ratio)) return target > base ? 1 : -1;
  let step = 0;
  while (step < MAX_STEP && ratio >= STEP_RATIOS[step]) step++;
  return target > base ? step : -step;
}

interface PaletteHues {
  readonly more: number;
  readonly less: number;
  readonly moreName: string;
  readonly lessName: string;
}

/** blueOrange is told apart by the common colour-blindnesses, where red and green at one luminance are not. */
export const PALETTES: Record<DiffPalette, PaletteHues> = {
  redGreen: { more: 0, less: 125, moreName: 'red', lessName: 'green' },
  blueOrange: { more: 40, less: 220, moreName: 'orange', lessName: 'blue' },
};

/** Saturation per step, 0 (neutral grey) to MAX_STEP. */
const SATURATION = [0, 28, 48, 70, 95];

/** The selected function in a differential graph: a hue neither palette uses. */
const SELECTED_HUE = 280;

const cache = new Map<string, string>();

export function diffColor(step: number, palette: DiffPalette, theme: ThemeKind): string {
  const s = Math.max(-MAX_STEP, Math.min(MAX_STEP, Math.round(step)));
  const key = `${palette}|${theme}|${s}`;
  let c = cache.get(key);
  if (!c) {
    const hues = PALETTES[palette];
    c = atLuminance(s >= 0 ? hues.more : hues.less, SATURATION[Math.abs(s)], BANDS[theme].lum);
    cache.set(key, c);
  }
  return c;
}

export function diffSelectedColor(theme: ThemeKind): string {
  return atLuminance(SELECTED_HUE, BANDS[theme].hs, BANDS[theme].hlum);
}

export function diffDimColor(theme: ThemeKind): string {
  return atLuminance(0, 0, BANDS[theme].dimLum);
}

export interface LegendStop {
  readonly step: number;
  /** What the step means as a change of the target against the base, e.g. "+25%", "-20%". */
  readonly label: string;
}

const percentOf = (ratio: number, more: boolean) => Math.round((more ? ratio - 1 : 1 / ratio - 1) * 100);

/** The legend's steps from "much less" to "much more", each labelled with where it starts. */
export function legendStops(): LegendStop[] {
  const stops: LegendStop[] = [];
  for (let i = MAX_STEP; i >= 1; i--) {
    const p = percentOf(STEP_RATIOS[i - 1], false);
    stops.push({ step: -i, label: `≤${p}%` });
  }
  stops.push({ step: 0, label: `<${percentOf(STEP_RATIOS[0], true)}%` });
  for (let i = 1; i <= MAX_STEP; i++) {
    const p = percentOf(STEP_RATIOS[i - 1], true);
    stops.push({ step: i, label: `≥+${p}%` });
  }
  return stops;
}
