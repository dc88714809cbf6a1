// The names captures are saved under, in both builds.
import type { ProfileType } from './profileTypes';

/** Keeps names portable: letters, digits, dot, underscore and dash. */
export function sanitizeLabel(label: string): string {
  const s = label
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 80);
  return s || 'target';
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYYMMDD-HHMMSS` in local time, as people read their clocks. */
export function timestamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `<target>-<type>-<YYYYMMDD-HHMMSS>.pb.gz`; the n-th name for the same second gets `-n`. */
export function captureFileName(label: string, type: ProfileType, when: Date, n = 1): string {
  return `${sanitizeLabel(label)}-${type}-${timestamp(when)}${n > 1 ? `-${n}` : ''}.pb.gz`;
}
