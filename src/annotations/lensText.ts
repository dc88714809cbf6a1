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
