// Changes between the two sides of a comparison, as the compare view words them: signed amounts in the
// sample type's unit, the relative change, and whether a frame exists on one side only. No DOM.
import { formatValue } from './format';

/** How a value moved from base to target. `new` and `gone`: it exists on one side only. */
export type Change = 'same' | 'more' | 'less' | 'new' | 'gone';

export function changeOf(base: number, target: number): Change {
  if (base === target) return 'same';
  if (base === 0) return 'new';
  if (target === 0) return 'gone';
  return target > base ? 'more' : 'less';
}

/** (target − base) / base in percent: Infinity for a value that is new, 0 when both are 0. */
export function deltaPercent(base: number, target: number): number {
  if (base === target) return 0;
  if (base === 0) return target > 0 ? Infinity : -Infinity;
  return ((target - base) / Math.abs(base)) * 100;
}

/** A signed amount: "+1.18MB", "-5s", "0". */
export function formatDelta(delta: number, unit: string): string {
  const text = formatValue(delta, unit);
  return delta > 0 ? `+${text}` : text;
}

/** "+41%", "-4.2%", "+0.3%", "0%", "new" / "gone" for a value on one side only, '' for none on either. */
export function formatDeltaPercent(base: number, target: number): string {
  if (base === 0 && target === 0) return '';
  const change = changeOf(base, target);
  if (change === 'new' || change === 'gone') return change;
  const p = deltaPercent(base, target);
  if (p === 0) return '0%';
  const abs = Math.abs(p);
  const digits = abs >= 10 ? 0 : abs >= 0.1 ? 1 : 2;
  const text = abs.toFixed(digits);
  // A change too small for its digits still has a direction.
  return `${p > 0 ? '+' : '-'}${Number(text) === 0 ? `<${(10 ** -digits).toFixed(digits)}` : text}%`;
}

/** What a frame that exists on one side only says in the tooltip; '' for any other. */
export function oneSideNote(base: number, target: number): string {
  const change = changeOf(base, target);
  if (change === 'new') return 'only in target (new)';
  if (change === 'gone') return 'only in base (gone)';
  return '';
}

/** "1.2MB → 1.7MB" */
export const formatBaseToTarget = (base: number, target: number, unit: string): string =>
  `${formatValue(base, unit)} → ${formatValue(target, unit)}`;
