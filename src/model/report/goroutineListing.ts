// A grouped goroutine dump as text to read in a terminal: one paragraph per group, largest first.
import type { GoroutineDump, GoroutineFrame, GoroutineGroup } from './goroutineTypes';

const FORMAT_NAMES: Record<GoroutineDump['format'], string> = {
  debug2: 'debug=2 dump',
  debug1: 'debug=1 dump',
  profile: 'goroutine profile',
};

/** Frames shown per group; the rest are counted. */
const SHOWN_FRAMES = 8;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const framePosition = (f: GoroutineFrame): string => (f.file ? `${f.file}:${f.line}` : '');

/** `3–12 min`, `12 min`, `< 1 min`; empty where the dump does not say. */
export function waitText(w: GoroutineGroup['waitMinutes']): string {
  if (!w) return '';
  const [lo, hi] = w;
  if (hi < 1) return '< 1 min';
  return lo === hi ? `${hi} min` : `${lo}–${hi} min`;
}

export function groupHeading(g: GoroutineGroup): string {
  const parts = [plural(g.count, 'goroutine')];
  if (g.state !== null) parts.push(g.lockedToThread ? `${g.state}, locked to thread` : g.state);
  const wait = waitText(g.waitMinutes);
  if (wait) parts.push(`waiting ${wait}`);
  if (g.createdBy) {
    const pos = framePosition(g.createdBy);
    parts.push(`created by ${g.createdBy.name}${pos ? ` (${pos})` : ''}`);
  }
  return parts.join(' · ');
}

export function renderGoroutineText(dump: GoroutineDump): string {
  const out = [`${plural(dump.total, 'goroutine')} in ${plural(dump.groups.length, 'group')} (${FORMAT_NAMES[dump.format]})`, ''];
  for (const g of dump.groups) {
    out.push(groupHeading(g));
    const shown = g.frames.slice(0, SHOWN_FRAMES);
    const width = Math.max(0, ...shown.map((f) => f.name.length));
    for (const f of shown) out.push(`    ${f.name.padEnd(width)}  ${framePosition(f)}`.trimEnd());
    if (g.frames.length > SHOWN_FRAMES) out.push(`    … ${plural(g.frames.length - SHOWN_FRAMES, 'more frame')}`);
    out.push('');
  }
  return out.join('\n');
}
