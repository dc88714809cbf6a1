// Numbers as the views show them: values and percentages through the one formatter in src/model/units.ts,
// so the webview reads exactly like go tool pprof and the source annotations.
import { formatValue, percentage } from '../src/model/base/units';

export { formatValue };

export const percent = (value: number, total: number): string => percentage(value, total).trim();

export function formatTime(nanos: number): string {
  if (!nanos) return '';
  const d = new Date(nanos / 1e6);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
