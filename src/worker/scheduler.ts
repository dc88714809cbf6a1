// The order in which one worker thread answers: by priority, then by arrival. A request is queued, not run,
// when its message arrives; between two requests the thread goes back to its event loop, so a zoom that
// arrived during a long answer is the next to run, ahead of everything that was waiting. A newer request
// in a lane cancels an older one of that lane that has not started. Pure: no threads, no timers of its own.

export interface Job {
  /** Lower runs first. */
  readonly priority: number;
  /** Requests in one lane supersede each other. */
  readonly lane?: string;
  /** Waits while the other thread is busy (see Neighbour). */
  readonly yields: boolean;
  /** Waits while the table thread is busy as well (see Neighbour.tableBusy). */
  readonly yieldsToTable?: boolean;
  run(): void;
  /** Answers the request as superseded instead of running it. */
  cancel(): void;
}

/** The other worker thread, as far as yielding jobs care. */
export interface Neighbour {
  busy(): boolean;
  /** The table thread is busy (for the jobs that yield to it too). */
  tableBusy?(): boolean;
  /** Settles when busy() may have changed. */
  changed(): Promise<void>;
}

export class Scheduler {
  private readonly queue: Job[] = [];
  private scheduled = false;
  private waiting = false;

  constructor(
    /** Runs the next job after the thread's event loop has taken in the messages that arrived meanwhile. */
    private readonly defer: (next: () => void) => void,
    private readonly neighbour?: Neighbour,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  push(job: Job): void {
    if (job.lane !== undefined) {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if (this.queue[i].lane !== job.lane) continue;
        const [stale] = this.queue.splice(i, 1);
        stale.cancel();
      }
    }
    this.queue.push(job);
    this.kick();
  }

  private kick(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.runNext();
    });
  }

  private runNext(): void {
    const i = this.pick();
    if (i < 0) return this.waitForNeighbour();
    const [job] = this.queue.splice(i, 1);
    try {
      job.run();
    } finally {
      this.kick();
    }
  }

  /** The first job of the lowest priority that may start now; -1 when only yielding jobs wait on a busy neighbour. */
  private pick(): number {
    const held = this.neighbour?.busy() ?? false;
    const tableHeld = this.neighbour?.tableBusy?.() ?? false;
    let best = -1;
    for (let i = 0; i < this.queue.length; i++) {
      const j = this.queue[i];
      if (held && j.yields) continue;
      if (tableHeld && j.yieldsToTable) continue;
      if (best < 0 || j.priority < this.queue[best].priority) best = i;
    }
    return best;
  }

  private waitForNeighbour(): void {
    if (this.waiting || !this.neighbour) return;
    this.waiting = true;
    void this.neighbour.changed().then(() => {
      this.waiting = false;
      this.kick();
    });
  }
}
