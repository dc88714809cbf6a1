// A debug=2 goroutine dump (runtime.Stack of every goroutine, as runtime/traceback.go prints it) read
// straight from its bytes, one pass over the lines. A dump of 100,000 goroutines has millions of lines and
// the same few thousand frames over and over, differing only in their argument values: a frame is looked up
// by its name's and position's bytes in place, and only a frame not seen before is decoded into a string.
//
// The shape, blocks separated by a blank line:
//   goroutine 18 [chan receive, 12 minutes, locked to thread]:      (Go 1.23+ may add ` gp=0x… m=…` before `[`)
//   main.parkedWaiter(0x0?)                                          (inlined: `(...)`; no arguments: `()`)
//   \texample.com/goapp/main.go:195 +0x25                            (` +0x…` absent for inlined frames; ` fp=… sp=… pc=…` at GOTRACEBACK=system)
//   ...additional frames elided...                                   (Go 1.21+: `...N frames elided...`)
//   created by main.handlePark in goroutine 1                        (` in goroutine N` since Go 1.21)
//   \texample.com/goapp/main.go:212 +0x57
import type { GoroutineGrouper } from './goroutineGroups';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOT = 46;
const COLON = 58;
const OPEN = 40;
const CLOSE = 41;
const isDigit = (c: number) => c >= 48 && c <= 57;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const GOROUTINE = ascii('goroutine ');
const CREATED_BY = ascii('created by ');
const IN_GOROUTINE = ascii(' in goroutine ');
const ORIGINATING = ascii('[originating from goroutine');
const MINUTES = ascii(' minutes');
const LOCKED = ascii('locked to thread');
const SCAN = ascii(' (scan)');

function startsWith(b: Uint8Array, at: number, end: number, word: Uint8Array): boolean {
  if (end - at < word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[at + i] !== word[i]) return false;
  return true;
}

const endsWith = (b: Uint8Array, start: number, end: number, word: Uint8Array) => end - start >= word.length && startsWith(b, end - word.length, end, word);

/**
 * Frames by the bytes of their name and position. Each frame's bytes are copied once into a small store,
 * so the comparison of a hit reads memory that stays in cache rather than the dump's first occurrence; and
 * a frame is first tried against the one that followed the previous frame last time (stacks repeat), which
 * spares the hash and the probe. Only a frame not seen before is decoded into strings.
 */
class FrameTable {
  private slots = new Int32Array(1 << 12);
  private readonly hash: number[] = [];
  /** Per entry: where its position's bytes, then its name's, start in the store, and their lengths. */
  private readonly at: number[] = [];
  private readonly posLength: number[] = [];
  private readonly nameLength: number[] = [];
  /** Per entry: the entry that came after it last time; -1 for none yet. */
  readonly next: number[] = [];
  readonly ids: number[] = [];
  private store = new Uint8Array(1 << 16);
  private storeWords = new DataView(this.store.buffer);
  private stored = 0;
  private readonly decoder = new TextDecoder('utf-8');
  /** Four bytes at a time, at any offset. */
  private readonly words: DataView;

  constructor(
    private readonly b: Uint8Array,
    private readonly into: GoroutineGrouper,
  ) {
    this.words = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** The entry of the frame b[ns, ne) at b[ps, pe), tried first as `guess` (an entry, or -1). */
  entry(ns: number, ne: number, ps: number, pe: number, guess: number): number {
    if (guess >= 0 && this.same(guess, ns, ne, ps, pe)) return guess;
    const b = this.b;
    // The tails tell frames apart (a file's name and line, a function's own name; paths and packages share
    // their beginnings): the hash reads those, and a hit is then compared in full.
    const w = this.words;
    let h = Math.imul(0x811c9dc5 ^ (ne - ns), 0x01000193) ^ (pe - ps);
    let i = Math.max(ps, pe - 24);
    for (; i + 4 <= pe; i += 4) h = Math.imul(h ^ w.getInt32(i), 0x01000193);
    for (; i < pe; i++) h = Math.imul(h ^ b[i], 0x01000193);
    for (i = Math.max(ns, ne - 16); i + 4 <= ne; i += 4) h = Math.imul(h ^ w.getInt32(i), 0x01000193);
    for (; i < ne; i++) h = Math.imul(h ^ b[i], 0x01000193);
    // The low bits pick the slot; fold the high ones down (a multiply only carries bits upwards).
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s] - 1;
      if (e < 0) return this.add(s, h, ns, ne, ps, pe);
      if (this.hash[e] === h && this.same(e, ns, ne, ps, pe)) return e;
    }
  }

  private same(e: number, ns: number, ne: number, ps: number, pe: number): boolean {
    const pl = pe - ps;
    if (this.posLength[e] !== pl || this.nameLength[e] !== ne - ns) return false;
    const at = this.at[e];
    return this.sameBytes(at, ps, pl) && this.sameBytes(at + pl, ns, ne - ns);
  }

  /** store[a, a + n) against b[c, c + n). */
  private sameBytes(a: number, c: number, n: number): boolean {
    const sw = this.storeWords;
    const w = this.words;
    let i = 0;
    for (; i + 4 <= n; i += 4) if (sw.getInt32(a + i) !== w.getInt32(c + i)) return false;
    for (; i < n; i++) if (this.store[a + i] !== this.b[c + i]) return false;
    return true;
  }

  private add(slot: number, h: number, ns: number, ne: number, ps: number, pe: number): number {
    const id = this.into.frameAt(this.decoder.decode(this.b.subarray(ns, ne)), this.decoder.decode(this.b.subarray(ps, pe)));
    const e = this.ids.length;
    const need = this.stored + (pe - ps) + (ne - ns);
    if (need > this.store.length) {
      const store = new Uint8Array(Math.max(need, this.store.length * 2));
      store.set(this.store.subarray(0, this.stored));
      this.store = store;
      this.storeWords = new DataView(store.buffer);
    }
    this.at.push(this.stored);
    this.store.set(this.b.subarray(ps, pe), this.stored);
    this.store.set(this.b.subarray(ns, ne), this.stored + (pe - ps));
    this.stored = need;
    this.posLength.push(pe - ps);
    this.nameLength.push(ne - ns);
    this.hash.push(h);
    this.next.push(-1);
    this.ids.push(id);
    this.slots[slot] = e + 1;
    if (this.ids.length * 2 > this.slots.length) this.grow();
    return e;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.ids.length; e++) {
      let s = this.hash[e] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }
}

interface Header {
  readonly state: string;
  readonly wait: number | null;
  readonly locked: boolean;
}

/** Reads a debug=2 dump's bytes into the grouper; returns the number of goroutines read. */
export function readDebug2(b: Uint8Array, into: GoroutineGrouper): number {
  const table = new FrameTable(b, into);
  const decoder = new TextDecoder('utf-8');
  /** The states seen, each with its bytes: a dump has a dozen, and every header names one. */
  const states: { readonly bytes: Uint8Array; readonly state: string }[] = [];
  const stateAt = (from: number, to: number): string => {
    for (const s of states) if (s.bytes.length === to - from && startsWith(b, from, to, s.bytes)) return s.state;
    const bytes = b.slice(from, to);
    const state = decoder.decode(bytes);
    states.push({ bytes, state });
    return state;
  };
  let inGoroutine = false;
  let header: Header = { state: '', wait: null, locked: false };
  const frames: number[] = [];
  /** The function line read last, b[nameStart, nameEnd); -1 when none waits for its position. */
  let nameStart = -1;
  let nameEnd = -1;
  let creatorStart = -1;
  let creatorEnd = -1;
  let createdBy = -1;
  /** After `[originating from goroutine N]:` the frames are an ancestor's, not this goroutine's. */
  let ancestors = false;
  let count = 0;
  /** The entry of this goroutine's previous frame, and of the last goroutine's first: the guesses. */
  let previous = -1;
  let firstGuess = -1;
  const frame = (ns: number, ne: number, ps: number, pe: number): number => {
    const e = table.entry(ns, ne, ps, pe, previous < 0 ? firstGuess : table.next[previous]);
    if (previous < 0) firstGuess = e;
    else table.next[previous] = e;
    previous = e;
    return table.ids[e];
  };

  /** The bracket of `goroutine N [state, M minutes, locked to thread]:`, whose `]:` ends at `end`. */
  const parseHeader = (start: number, end: number): Header => {
    const open = b.indexOf(0x5b /* [ */, start + 10);
    const close = end - 2;
    let state = '';
    let wait: number | null = null;
    let locked = false;
    for (let from = open + 1, part = 0; from <= close; part++) {
      let to = from;
      while (to < close && !(b[to] === 0x2c /* , */ && b[to + 1] === SPACE)) to++;
      if (part === 0) {
        const stop = endsWith(b, from, to, SCAN) ? to - SCAN.length : to;
        state = stateAt(from, stop);
      } else if (to - from === LOCKED.length && startsWith(b, from, to, LOCKED)) {
        locked = true;
      } else if (isDigit(b[from]) && endsWith(b, from, to, MINUTES)) {
        let m = 0;
        for (let i = from; isDigit(b[i]); i++) m = m * 10 + (b[i] - 48);
        wait = m;
      }
      // Others (a synctest bubble, say) do not change what the goroutine waits for.
      from = to + 2;
    }
    return { state, wait, locked };
  };

  const finish = () => {
    if (!inGoroutine) return;
    if (nameStart >= 0) frames.push(frame(nameStart, nameEnd, nameEnd, nameEnd));
    into.add(1, header.state, header.locked, header.wait, createdBy, frames);
    count++;
    inGoroutine = false;
  };

  const n = b.length;
  for (let start = 0; start < n; ) {
    let next = b.indexOf(LF, start);
    if (next < 0) next = n;
    const end = next > start && b[next - 1] === CR ? next - 1 : next;
    const c = end > start ? b[start] : -1;
    if (c === -1) {
      finish();
    } else if (c === TAB) {
      if (inGoroutine && !ancestors) {
        // `file:line`: up to the digits after the line's last colon (a Windows drive's colon comes first).
        let colon = end - 1;
        while (colon > start && b[colon] !== COLON) colon--;
        let stop = colon + 1;
        while (stop < end && isDigit(b[stop])) stop++;
        const ok = colon > start + 1 && stop > colon + 1 && (stop === end || b[stop] === SPACE);
        const ps = start + 1;
        const pe = ok ? stop : ps;
        if (nameStart >= 0) {
          frames.push(frame(nameStart, nameEnd, ps, pe));
          nameStart = -1;
        } else if (creatorStart >= 0) {
          createdBy = frame(creatorStart, creatorEnd, ps, pe);
          creatorStart = -1;
        }
        // Otherwise a note such as `goroutine running on other thread; stack unavailable`.
      }
    } else if (c === 0x67 /* g */ && startsWith(b, start, end, GOROUTINE) && isDigit(b[start + 10]) && b[end - 1] === COLON && b[end - 2] === 0x5d /* ] */) {
      finish();
      inGoroutine = true;
      header = parseHeader(start, end);
      frames.length = 0;
      nameStart = creatorStart = createdBy = previous = -1;
      ancestors = false;
    } else if (inGoroutine && !ancestors) {
      if (nameStart >= 0) {
        // A function line whose position line never came.
        frames.push(frame(nameStart, nameEnd, nameEnd, nameEnd));
        nameStart = -1;
      }
      if (c === DOT && b[start + 1] === DOT && b[start + 2] === DOT) {
        // `...additional frames elided...`: the frames between are not printed.
      } else if (c === 0x63 /* c */ && startsWith(b, start, end, CREATED_BY)) {
        creatorStart = start + CREATED_BY.length;
        let k = end;
        while (k > creatorStart && isDigit(b[k - 1])) k--;
        creatorEnd = k < end && endsWith(b, creatorStart, k, IN_GOROUTINE) ? k - IN_GOROUTINE.length : end;
      } else if (c === 0x5b /* [ */ && startsWith(b, start, end, ORIGINATING)) {
        ancestors = true;
      } else {
        // The name ends before the argument list, the last parenthesised group; a receiver `(*T)` stays.
        nameStart = start;
        nameEnd = end;
        if (b[end - 1] === CLOSE) {
          for (let open = end - 2; open > start; open--) {
            if (b[open] === OPEN) {
              nameEnd = open;
              break;
            }
          }
        } else {
          while (nameEnd > start && b[nameEnd - 1] === SPACE) nameEnd--;
        }
      }
    }
    start = next + 1;
  }
  finish();
  return count;
}
