// Fresh memory costs a page fault per 4 KB page at its first write: on L the decoder writes ~140 MB of
// sample columns, and on the virtual machine of bench/README.md, where a fault costs 10–15 µs, that was a
// third of the sample pass (bench/README.md, "The sample columns mapped ahead of the decoder"). Columns on shared
// memory can be faulted in by another thread that is idle while a profile decodes. It writes nothing (an
// atomic OR with 0 leaves every value as it is): it only makes the kernel map the pages, a little ahead of
// where the decoder writes, so the decoder finds them mapped. A comparison's target has room after its
// samples where the base's are copied: the thread waiting for the base maps that room as the base decodes.

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

/** A place in a profile's sample columns: after this many samples and ids. */
export interface SamplePosition {
  readonly samples: number;
  readonly ids: number;
}

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

  /**
   * `copiedAfter`: the columns are not the writer's own. They are a comparison's target, and what the writer
   * (the base's decoder) writes is copied into them after that position once it is done (concatComparison.ts);
   * the pages from there are touched as far as the writer has got, and up to its end once it is done.
   */
  constructor(
    private readonly columns: readonly AheadColumn[],
    private readonly progress: Int32Array,
    private readonly copiedAfter?: SamplePosition,
    aheadBytes = AHEAD_BYTES,
  ) {
    this.views = columns.map((c) => new Int32Array(c.buffer));
    this.touched = columns.map(() => 0);
    this.aheadWords = aheadBytes >> 2;
  }

  step(): TouchStep {
    const { progress } = this;
    const now = Atomics.load(progress, 0);
    if (now === DONE) {
      // In its own columns the writer has mapped every page it wrote.
      if (!this.copiedAfter) return 'done';
      return this.round(Atomics.load(progress, 2), Atomics.load(progress, 1), 0) ? 'touched' : 'done';
    }
    if (now !== this.samples) {
      this.samples = now;
      this.movedAt = Date.now();
    } else if (Date.now() - this.movedAt > STALL_MS) return 'done';
    // Another's part is touched only as far as it is written: how far it goes is known only once it is done.
    return this.round(now, Atomics.load(progress, 1), this.copiedAfter ? 0 : this.aheadWords) ? 'touched' : 'caughtUp';
  }

  /**
   * Runs to the end on this thread, sleeping a millisecond whenever it has caught up with the writer, or
   * until `stop` says so: for a thread that has nothing else to do until the writer is done (worker/analysis.ts,
   * a comparison's open, stops once the base's thread has answered, whatever its progress says).
   */
  untilDone(stop: () => boolean = () => false): void {
    while (!stop()) {
      const step = this.step();
      if (step === 'done') return;
      if (step === 'caughtUp') Atomics.wait(this.progress, 0, Atomics.load(this.progress, 0), 1);
    }
  }

  /** Touches each column up to `ahead` words past the writer, at most a round's worth; whether anything was touched. */
  private round(samples: number, ids: number, ahead: number): boolean {
    let moved = false;
    for (let c = 0; c < this.columns.length; c++) {
      const { byIds, wordsPer } = this.columns[c];
      const view = this.views[c];
      const start = this.copiedAfter ? (byIds ? this.copiedAfter.ids : this.copiedAfter.samples) * wordsPer : 0;
      const at = start + (byIds ? ids : samples) * wordsPer;
      // Never behind the writer in its own columns (the pages it wrote are mapped), and in another's from
      // where its part will go.
      const first = this.copiedAfter ? start : at;
      const from = Math.max(this.touched[c], first - (first % PAGE_WORDS));
      const until = Math.min(view.length, at + ahead, from + ROUND_WORDS);
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
