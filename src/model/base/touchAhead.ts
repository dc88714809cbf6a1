// Fresh memory costs a page fault per 4 KB page at its first write: on L the decoder writes ~140 MB of
// sample columns, and on the virtual machine of bench/README.md, where a fault costs 10–15 µs, that was a
// third of the sample pass (bench/README.md, "The sample columns mapped ahead of the decoder"). Columns on shared
// memory can be faulted in by another thread that is idle while a profile decodes. It writes nothing (an
// atomic OR with 0 leaves every value as it is): it only makes the kernel map the pages, a little ahead of
// where the decoder writes, so the decoder finds them mapped.

/** A shared column that a writer fills from its start. */
export interface AheadColumn {
  readonly buffer: SharedArrayBuffer;
  /** 4-byte words written per unit of progress. */
  readonly wordsPer: number;
  /** Whether the column follows progress[1] (ids written) rather than progress[0] (samples written). */
  readonly byIds: boolean;
}

/** progress[0] once the writer has stopped, whatever the reason. */
export const DONE = -1;

/**
 * The writer's progress on shared memory: [samples written or DONE, ids written, samples written in all],
 * the last set when it stops.
 */
export function writerProgress(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(12));
}

/** The writer has written this many samples and ids. */
export function publish(progress: Int32Array, samples: number, ids: number): void {
  Atomics.store(progress, 1, ids);
  Atomics.store(progress, 0, samples);
}

/** The writer has stopped, after this many samples and ids. */
export function finish(progress: Int32Array, samples: number, ids: number): void {
  Atomics.store(progress, 1, ids);
  Atomics.store(progress, 2, samples);
  Atomics.store(progress, 0, DONE);
}

/** How far ahead of the writer pages are touched, per column: more only costs memory if the writer stops short. */
export const AHEAD_BYTES = 16 << 20;

/**
 * What else will be written after the writer's own part, in units of progress: a comparison's base, which
 * is appended in the room after the target's samples (concatComparison.ts). Those pages are touched too,
 * after the writer is done.
 */
export interface Appended {
  readonly samples: number;
  readonly ids: number;
}

const NOTHING_APPENDED: Appended = { samples: 0, ids: 0 };

/** A writer that has not moved for this long is taken to have stopped (a thread that died mid-write). */
const STALL_MS = 5000;

const PAGE_WORDS = 1024; // 4 KB
/** At most this much is touched per column between two reads of the writer's progress. */
const ROUND_WORDS = 256 * PAGE_WORDS;

/** What a step did: touched pages (more may follow at once), caught up with the writer, or finished. */
export type TouchStep = 'touched' | 'caughtUp' | 'done';

/**
 * Faults in the pages of each column ahead of the writer, a step at a time, so that the thread doing it can
 * answer other requests between steps (worker/threads.ts).
 */
export class PageToucher {
  private readonly views: Int32Array[];
  private readonly touched: number[];
  private readonly aheadWords: number;
  /** Bytes touched so far. */
  bytes = 0;
  /** The writer's samples when last read. */
  private samples = 0;
  private movedAt = Date.now();

  constructor(
    private readonly columns: readonly AheadColumn[],
    private readonly progress: Int32Array,
    private readonly appended: Appended = NOTHING_APPENDED,
    aheadBytes = AHEAD_BYTES,
  ) {
    this.views = columns.map((c) => new Int32Array(c.buffer));
    this.touched = columns.map(() => 0);
    this.aheadWords = aheadBytes >> 2;
  }

  step(): TouchStep {
    const { progress, appended } = this;
    const now = Atomics.load(progress, 0);
    if (now === DONE) {
      // The writer is done: what is appended after its part goes in next.
      if (appended.samples === 0 && appended.ids === 0) return 'done';
      const end = (c: number, written: number) => written + PAGE_WORDS + (this.columns[c].byIds ? appended.ids : appended.samples) * this.columns[c].wordsPer;
      return this.round(Atomics.load(progress, 2), Atomics.load(progress, 1), end) ? 'touched' : 'done';
    }
    if (now !== this.samples) {
      this.samples = now;
      this.movedAt = Date.now();
    } else if (Date.now() - this.movedAt > STALL_MS) return 'done';
    return this.round(now, Atomics.load(progress, 1), (_c, written) => written + this.aheadWords) ? 'touched' : 'caughtUp';
  }

  /** Touches each column from where the writer is, at most a round's worth; whether anything was touched. */
  private round(samples: number, ids: number, reach: (c: number, written: number) => number): boolean {
    let moved = false;
    for (let c = 0; c < this.columns.length; c++) {
      const view = this.views[c];
      const written = (this.columns[c].byIds ? ids : samples) * this.columns[c].wordsPer;
      // Never behind the writer: the pages it has written are mapped already.
      const from = Math.max(this.touched[c], written - (written % PAGE_WORDS));
      const until = Math.min(view.length, reach(c, written), from + ROUND_WORDS);
      let w = from;
      for (; w < until; w += PAGE_WORDS) Atomics.or(view, w, 0);
      if (w > from) {
        this.bytes += (w - from) * 4;
        this.touched[c] = w;
        moved = true;
      }
    }
    return moved;
  }
}
