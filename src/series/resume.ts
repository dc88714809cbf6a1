// Who owns a `running` series, and what a host that finds one does with it, pure. The owner is
// `<hostname>/<pid>` of the extension host running it, which rewrites the manifest (its heartbeat) at
// least every HEARTBEAT_MS. The owner is gone when, on this machine, its process no longer exists (a
// reload or a crash starts a new one), or when its heartbeat is older than STALE_MS (another machine
// sharing the folder, or a process id taken again).
import type { SeriesManifest } from '../model/profile/seriesManifest';
import { resumePlan } from './schedule';

export const HEARTBEAT_MS = 30_000;
export const STALE_MS = 4 * HEARTBEAT_MS;

export function ownerId(hostname: string, pid: number): string {
  return `${hostname}/${pid}`;
}

export function parseOwner(owner: string | undefined): { host: string; pid: number } | undefined {
  const m = owner ? /^(.*)\/(\d+)$/.exec(owner) : null;
  return m ? { host: m[1], pid: Number(m[2]) } : undefined;
}

export interface Here {
  readonly nowMs: number;
  readonly hostname: string;
  /** This extension host's owner id. */
  readonly self: string;
  /** Whether this host is running the series right now (in memory). */
  readonly runningHere: boolean;
  readonly isPidAlive: (pid: number) => boolean;
  /** The setting pprofLens.series.resume. */
  readonly allowResume: boolean;
}

export type ResumeDecision =
  | { readonly action: 'leave'; readonly why: string }
  | { readonly action: 'resume'; readonly next: number; readonly missed: number }
  | { readonly action: 'interrupt'; readonly reason: string };

export function isOwnerGone(m: SeriesManifest, here: Here): boolean {
  if (here.runningHere) return false;
  // The same process, but not running it: the extension was restarted inside this host.
  if (m.owner === here.self) return true;
  const lastSign = Date.parse(m.heartbeat ?? m.started);
  if (!(here.nowMs - lastSign < STALE_MS)) return true;
  const owner = parseOwner(m.owner);
  return owner !== undefined && owner.host === here.hostname && !here.isPidAlive(owner.pid);
}

export function decideResume(m: SeriesManifest, here: Here): ResumeDecision {
  if (m.status !== 'running') return { action: 'leave', why: `it is ${m.status}` };
  if (!isOwnerGone(m, here)) return { action: 'leave', why: 'another window is running it' };
  const done = m.rounds ?? 0;
  if (!here.allowResume) {
    return { action: 'interrupt', reason: `the window running it closed after ${done} of ${m.count} rounds, and pprofLens.series.resume is off` };
  }
  const plan = resumePlan(Date.parse(m.started), m.intervalSeconds, m.count, done, here.nowMs);
  if (!plan) {
    return { action: 'interrupt', reason: `the window running it closed after ${done} of ${m.count} rounds, and the time of the others has passed` };
  }
  return { action: 'resume', next: plan.next, missed: plan.missed };
}
