// Goroutines gathered into groups: one per identical stack (frames and creator) and state. The parsers of
// each dump format feed it goroutine by goroutine (or a block of them with a count); frames are interned,
// so a group's key is a short string of frame numbers, not the frames' text again.
import type { GoroutineDump, GoroutineFrame, GoroutineGroup } from './goroutineTypes';

interface GroupBuilder {
  count: number;
  readonly state: string | null;
  readonly lockedToThread: boolean;
  /** Minutes: absent from a header means less than one, so a group with some that say has a least of 0. */
  minWait: number;
  maxWait: number;
  anyWait: boolean;
  readonly createdBy: number;
  readonly frames: readonly number[];
}

export class GoroutineGrouper {
  private readonly frameIds = new Map<string, number>();
  private readonly frames: GoroutineFrame[] = [];
  private readonly groups = new Map<string, GroupBuilder>();
  total = 0;

  /** The number of a frame; the same name, file and line always get the same one. */
  frame(name: string, file: string, line: number): number {
    const key = `${name}\n${file}\n${line}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.frames.push({ name, file, line });
      this.frameIds.set(key, id);
    }
    return id;
  }

  /**
   * Adds `count` goroutines with these frames (innermost first). `waitMinutes` is null where the header
   * says none; `createdBy` is a frame number or -1.
   */
  add(
    count: number,
    state: string | null,
    lockedToThread: boolean,
    waitMinutes: number | null,
    createdBy: number,
    frames: readonly number[],
  ): void {
    this.total += count;
    const key = `${state ?? ''}\n${lockedToThread ? 1 : 0}\n${createdBy}\n${frames.join(',')}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { count: 0, state, lockedToThread, minWait: Infinity, maxWait: 0, anyWait: false, createdBy, frames: frames.slice() };
      this.groups.set(key, g);
    }
    g.count += count;
    const wait = waitMinutes ?? 0;
    if (waitMinutes !== null) g.anyWait = true;
    if (wait < g.minWait) g.minWait = wait;
    if (wait > g.maxWait) g.maxWait = wait;
  }

  /** The groups, largest first; ties by state, then by the innermost frame's name. */
  finish(format: GoroutineDump['format']): GoroutineDump {
    const groups: GoroutineGroup[] = [];
    for (const g of this.groups.values()) {
      groups.push({
        count: g.count,
        state: g.state,
        ...(g.lockedToThread ? { lockedToThread: true } : {}),
        waitMinutes: g.anyWait ? [g.minWait, g.maxWait] : null,
        createdBy: g.createdBy >= 0 ? this.frames[g.createdBy] : null,
        frames: g.frames.map((f) => this.frames[f]),
      });
    }
    groups.sort(compareGroups);
    return { format, total: this.total, groups };
  }
}

export function compareGroups(a: GoroutineGroup, b: GoroutineGroup): number {
  if (a.count !== b.count) return b.count - a.count;
  const sa = a.state ?? '';
  const sb = b.state ?? '';
  if (sa !== sb) return sa < sb ? -1 : 1;
  const fa = a.frames[0]?.name ?? '';
  const fb = b.frames[0]?.name ?? '';
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
