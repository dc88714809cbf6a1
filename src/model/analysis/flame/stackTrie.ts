// The call tree of a profile, grown on demand and kept between queries, with where each sample stands in it.
// A sample sits at its exit: the deepest node its stack has reached so far. It is either ended there (its
// stack has no more frames) or open (its next frame has no node yet). The invariant that makes the sums
// exact: an open sample's next frame is never a child of its exit node. Whoever adds children under a
// node therefore moves every open sample of that node on (see walk and trieGrowth.ts).
// Samples stay in their stored order and never move; a node's weight is summed from its samples' exits.
import type { FrameTable } from '../frameTable';
import type { Profile } from '../../profile/profile';

export class StackTrie {
  readonly table: FrameTable;
  readonly profile: Profile;
  // Nodes; node 0 is the root. A node's children are a list: firstChild, then nextSibling.
  count = 1;
  parent = new Int32Array(1024);
  frame = new Int32Array(1024);
  depth = new Int32Array(1024);
  firstChild = new Int32Array(1024).fill(-1);
  nextSibling = new Int32Array(1024).fill(-1);
  // Open addressing on (parent, frame), four ints a slot so that a probe reads one cache line: parent,
  // frame, node + 1 (0 = empty), unused. Read directly by the walk in trieGrowth.ts.
  bits = 12;
  slots = new Int32Array(4 << 12);

  /** Per sample: its exit node, or -1 for a sample whose values are all 0 (it never counts). */
  readonly exit: Int32Array;
  /** Per sample: its stack ended at the exit node. */
  readonly ended: Uint8Array;
  /** Per sample, the next unread frame: the index into sampleLocs of its location (counting down towards the leaf)… */
  readonly pos: Int32Array;
  /** …and the index into table.frames within that location, or -1 for the location's first (root-side) frame. */
  readonly fp: Int32Array;
  /** Per location: its frame plus one when it has exactly one frame, else 0. */
  readonly single: Int32Array;

  constructor(p: Profile, table: FrameTable) {
    this.profile = p;
    this.table = table;
    this.parent[0] = -1;
    this.frame[0] = -1;
    const n = p.sampleCount;
    const nt = p.sampleTypes.length;
    this.exit = new Int32Array(n);
    this.ended = new Uint8Array(n);
    this.pos = new Int32Array(n);
    this.fp = new Int32Array(n).fill(-1);
    for (let s = 0; s < n; s++) {
      let live = false;
      for (let t = 0; t < nt; t++) if (p.sampleValues[s * nt + t] !== 0) live = true;
      this.exit[s] = live ? 0 : -1;
      this.pos[s] = p.sampleLocStart[s + 1] - 1;
    }
    const { frameStart, frames } = table;
    this.single = new Int32Array(p.locationCount);
    for (let l = 0; l < p.locationCount; l++) if (frameStart[l + 1] - frameStart[l] === 1) this.single[l] = frames[frameStart[l]] + 1;
  }

  /**
   * Per way of weighing the samples (`key`: a sample type and the filters that drop samples): the nodes
   * whose open samples have been counted, each with the narrowest width it was counted for. Such a node has
   * every child at least that wide. That stays true as the trie grows: a node's width is its samples', and
   * growing only moves open samples into new children. The last few ways are kept.
   */
  counted(key: string): Map<number, number> {
    let m = this.countedBy.get(key);
    if (m) this.countedBy.delete(key);
    else {
      m = new Map();
      if (this.countedBy.size >= 8) this.countedBy.delete(this.countedBy.keys().next().value!);
    }
    this.countedBy.set(key, m);
    return m;
  }

  private readonly countedBy = new Map<string, Map<number, number>>();

  /** The child of `node` for `frame`, or -1. */
  child(node: number, frame: number): number {
    const mask = (1 << this.bits) - 1;
    const slots = this.slots;
    for (let h = slot(node, frame, this.bits); ; h = (h + 1) & mask) {
      const x = slots[4 * h + 2];
      if (x === 0) return -1;
      if (slots[4 * h] === node && slots[4 * h + 1] === frame) return x - 1;
    }
  }

  /** The child of `node` for `frame`, added if it is not there. */
  addChild(node: number, frame: number): number {
    const mask = (1 << this.bits) - 1;
    let h = slot(node, frame, this.bits);
    for (; ; h = (h + 1) & mask) {
      const x = this.slots[4 * h + 2];
      if (x === 0) break;
      if (this.slots[4 * h] === node && this.slots[4 * h + 1] === frame) return x - 1;
    }
    if (this.count === this.parent.length) this.grow();
    const c = this.count++;
    this.parent[c] = node;
    this.frame[c] = frame;
    this.depth[c] = this.depth[node] + 1;
    this.firstChild[c] = -1;
    this.nextSibling[c] = this.firstChild[node];
    this.firstChild[node] = c;
    this.slots[4 * h] = node;
    this.slots[4 * h + 1] = frame;
    this.slots[4 * h + 2] = c + 1;
    if (2 * this.count > 1 << this.bits) this.rehash();
    return c;
  }

  /**
   * Reads sample s's next frame from the cursor (pos, fp) and returns it, or -1 when the stack has ended;
   * the cursor after it is left in `cursor` ([pos, fp]).
   */
  readFrame(s: number, pos: number, fp: number, cursor: Int32Array): number {
    const { sampleLocs } = this.profile;
    const { frameStart, frames } = this.table;
    const lo = this.profile.sampleLocStart[s];
    let f = -1;
    while (pos >= lo) {
      const l = sampleLocs[pos];
      if (fp < 0) {
        const one = this.single[l];
        if (one > 0) {
          f = one - 1;
          pos--;
          break;
        }
        // Frames of a location are stored innermost first, so its root side is read from the end. A location
        // whose frames are all hidden has none.
        fp = frameStart[l + 1] - 1;
        if (fp < frameStart[l]) {
          pos--;
          fp = -1;
          continue;
        }
      }
      f = frames[fp];
      if (--fp < frameStart[l]) {
        pos--;
        fp = -1;
      }
      break;
    }
    cursor[0] = pos;
    cursor[1] = fp;
    return f;
  }

  /**
   * The child of `node` for `frame`. When there is none yet and some open sample of `node` goes on through
   * that frame, the child is added and those samples move into it; -1 when no sample goes that way.
   */
  childThrough(node: number, frame: number): number {
    const { exit, ended, pos, fp, cursor } = this;
    let child = this.child(node, frame);
    if (child >= 0) return child;
    for (let s = 0; s < exit.length; s++) {
      if (exit[s] !== node || ended[s] === 1 || this.readFrame(s, pos[s], fp[s], cursor) !== frame) continue;
      if (child < 0) child = this.addChild(node, frame);
      exit[s] = child;
      pos[s] = cursor[0];
      fp[s] = cursor[1];
      // Open before its next frame, or ended after the last.
      if (this.readFrame(s, pos[s], fp[s], cursor) < 0) {
        ended[s] = 1;
        pos[s] = cursor[0];
        fp[s] = cursor[1];
      }
    }
    return child;
  }

  private readonly cursor = new Int32Array(2);

  private grow(): void {
    const size = 2 * this.parent.length;
    const more = (a: Int32Array, fill: number) => {
      const b = new Int32Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.parent = more(this.parent, 0);
    this.frame = more(this.frame, 0);
    this.depth = more(this.depth, 0);
    this.firstChild = more(this.firstChild, -1);
    this.nextSibling = more(this.nextSibling, -1);
  }

  private rehash(): void {
    this.bits++;
    this.slots = new Int32Array(4 << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let c = 1; c < this.count; c++) {
      let h = slot(this.parent[c], this.frame[c], this.bits);
      while (this.slots[4 * h + 2] !== 0) h = (h + 1) & mask;
      this.slots[4 * h] = this.parent[c];
      this.slots[4 * h + 1] = this.frame[c];
      this.slots[4 * h + 2] = c + 1;
    }
  }
}

/** A hash slot for (node, frame) in a table of 2^bits slots. */
export function slot(node: number, frame: number, bits: number): number {
  return Math.imul((Math.imul(node, 0x9e3779b1) + frame) | 0, 0x85ebca6b) >>> (32 - bits);
}

const cache = new WeakMap<Profile, Map<string, StackTrie>>();
const KEPT = 4; // tries kept per profile besides the unfiltered one

/**
 * The trie of a profile seen through the given hide/show filters (`key` names them), built from `table()`
 * on first use. The unfiltered trie and the last few filtered ones are kept.
 */
export function stackTrie(p: Profile, key: string, table: () => FrameTable): StackTrie {
  let perProfile = cache.get(p);
  if (!perProfile) cache.set(p, (perProfile = new Map()));
  let trie = perProfile.get(key);
  if (trie) {
    perProfile.delete(key);
  } else {
    trie = new StackTrie(p, table());
    if (perProfile.size > KEPT) {
      for (const k of perProfile.keys()) {
        if (k === '') continue;
        perProfile.delete(k);
        break;
      }
    }
  }
  perProfile.set(key, trie);
  return trie;
}
