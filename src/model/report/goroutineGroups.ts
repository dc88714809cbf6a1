// Goroutines gathered into groups: one per identical stack (frames and creator) and state. The parsers of
// each dump format feed it goroutine by goroutine (or a block of them with a count); frames are interned,
// so a group's key is a list of frame numbers, hashed, not the frames' text again.
import type { GoroutineDump, GoroutineFrame, GoroutineGroup } from './goroutineTypes';

interface GroupBuilder {
  count: number;
  readonly state: string | null;
  readonly stateId: number;
  readonly lockedToThread: boolean;
  /** Minutes: absent from a header means less than one, so a group with some that say has a least of 0. */
  minWait: number;
  maxWait: number;
  anyWait: boolean;
  readonly createdBy: number;
  readonly frames: readonly number[];
}

export class GoroutineGrouper {
  /**
   * Frame numbers by `file:line`, then by name: a position is nearly always one function's, so a dump's
   * frame costs one lookup of its position, sliced out of the text, and a comparison of its name in place.
   */
  private readonly frameIds = new Map<string, { readonly name: string; readonly id: number }[]>();
  private readonly frames: GoroutineFrame[] = [];
  private readonly stateIds = new Map<string | null, number>();
  /** Groups by a hash of their key, each bucket checked member by member. */
  private readonly groups = new Map<number, GroupBuilder[]>();
  private readonly order: GroupBuilder[] = [];
  total = 0;

  /** The number of a frame; the same name, file and line always get the same one. */
  frame(name: string, file: string, line: number): number {
    return this.frameAt(name, `${file}:${line}`);
  }

  /** frame() of a position written `file:line`, as a dump prints it ('' for none). */
  frameAt(name: string, position: string): number {
    return this.frameIn(name, 0, name.length, position);
  }

  /** frameAt() of the name text.slice(start, end), sliced only for a frame not seen before. */
  frameIn(text: string, start: number, end: number, position: string): number {
    let named = this.frameIds.get(position);
    if (!named) this.frameIds.set(position, (named = []));
    const length = end - start;
    for (let i = 0; i < named.length; i++) {
      const f = named[i];
      if (f.name.length === length && text.startsWith(f.name, start)) return f.id;
    }
    const name = start === 0 && end === text.length ? text : text.slice(start, end);
    const colon = position.lastIndexOf(':');
    const line = colon < 0 ? 0 : Number(position.slice(colon + 1));
    const id = this.frames.length;
    this.frames.push({ name, file: colon < 0 ? '' : position.slice(0, colon), line: Number.isFinite(line) ? line : 0 });
    named.push({ name, id });
    return id;
  }

  /**
   * Adds `count` goroutines with these frames (innermost first; the array is copied only for a new group,
   * so a reader may reuse it). `waitMinutes` is null where the header says none; `createdBy` is a frame
   * number or -1.
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
    let stateId = this.stateIds.get(state);
    if (stateId === undefined) this.stateIds.set(state, (stateId = this.stateIds.size));
    let h = Math.imul(stateId * 2 + (lockedToThread ? 1 : 0), 0x9e3779b1) ^ (createdBy + 1);
    for (let i = 0; i < frames.length; i++) h = Math.imul(h ^ frames[i], 0x01000193);
    let bucket = this.groups.get(h);
    if (!bucket) this.groups.set(h, (bucket = []));
    let g: GroupBuilder | undefined;
    for (let i = 0; i < bucket.length && !g; i++) {
      const b = bucket[i];
      if (b.stateId === stateId && b.lockedToThread === lockedToThread && b.createdBy === createdBy && sameFrames(b.frames, frames)) g = b;
    }
    if (!g) {
      g = { count: 0, state, stateId, lockedToThread, minWait: Infinity, maxWait: 0, anyWait: false, createdBy, frames: frames.slice() };
      bucket.push(g);
      this.order.push(g);
    }
    g.count += count;
    const wait = waitMinutes ?? 0;
    if (waitMinutes !== null) g.anyWait = true;
    if (wait < g.minWait) g.minWait = wait;
    if (wait > g.maxWait) g.maxWait = wait;
  }

  /** The groups, largest first; ties by state, then by the innermost frame's name. */
  finish(format: GoroutineDump['format']): GoroutineDump {
    const groups: GoroutineGroup[] = this.order.map((g) => ({
      count: g.count,
      state: g.state,
      ...(g.lockedToThread ? { lockedToThread: true } : {}),
      waitMinutes: g.anyWait ? [g.minWait, g.maxWait] : null,
      createdBy: g.createdBy >= 0 ? this.frames[g.createdBy] : null,
      frames: g.frames.map((f) => this.frames[f]),
    }));
    groups.sort(compareGroups);
    return { format, total: this.total, groups };
  }
}

function sameFrames(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
