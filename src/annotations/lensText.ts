// The words of the source annotations. Numbers go through model/units, so they read as pprof prints them.
import type { ValueType } from '../model/profile/profile';
import { formatValue, percentage } from '../model/base/units';

export const STALE_NOTE = '(file changed since profile)';

export function share(value: number, total: number): string {
  return percentage(value, total).trim();
}

/** "flat 1.20s (4.10%) · cum 3.40s (11.20%)" */
export function flatCum(flat: number, cum: number, type: ValueType, total: number): string {
  return `flat ${formatValue(flat, type.unit)} (${share(flat, total)}) · cum ${formatValue(cum, type.unit)} (${share(cum, total)})`;
}

/** "pprof cpu: flat 1.20s (4.10%) · cum 3.40s (11.20%)", with the staleness note when the file is newer. */
export function lensTitle(flat: number, cum: number, type: ValueType, total: number, stale: boolean): string {
  const text = `pprof ${type.type}: ${flatCum(flat, cum, type, total)}`;
  return stale ? `${text} ${STALE_NOTE}` : text;
}

/** Whether the file is newer than the profile. A profile without a time is never called stale. */
export function isStale(fileMtimeMs: number, profileTimeNanos: number): boolean {
  return profileTimeNanos > 0 && fileMtimeMs > profileTimeNanos / 1e6;
}

/** "+12.30MB", "-1.20s", "0": a change, signed. */
export function signedValue(value: number, type: ValueType): string {
  const text = formatValue(value, type.unit);
  return value > 0 ? `+${text}` : text;
}

/** The change relative to the base: "+41%", "-100%", "+3.5%"; "new" when the base had none. */
export function relativeChange(net: number, base: number): string {
  if (base === 0) return net === 0 ? '0%' : 'new';
  const p = (net / base) * 100;
  const text = Math.abs(p) >= 10 ? Math.round(p).toString() : p.toFixed(1).replace(/\.0$/, '');
  return `${p > 0 ? '+' : ''}${text === '-0' ? '0' : text}%`;
}

/**
 * The lens of a comparison: "pprof Δ inuse_space: +12.30MB (+41%)", the change of `net` (target - base)
 * against `base`; without the base's numbers only the change.
 */
export function deltaTitle(net: number, base: number | undefined, type: ValueType, stale: boolean): string {
  const change = base === undefined ? '' : ` (${relativeChange(net, base)})`;
  const text = `pprof Δ ${type.type}: ${signedValue(net, type)}${change}`;
  return stale ? `${text} ${STALE_NOTE}` : text;
}

/** "30MB → 42.30MB": base → target, the target being net + base. */
export function baseToTarget(net: number, base: number, type: ValueType): string {
  return `${formatValue(base, type.unit)} → ${formatValue(net + base, type.unit)}`;
}
