// The load runs going on in this window, so pprof: Stop Load can cancel them (as the notification's Cancel
// does) and a window that closes stops its load. One per activation.
import type * as vscode from 'vscode';
import { Disposable, onePerOwner } from '../disposable';
import type { Services } from '../services';

export class LoadRuns extends Disposable {
  private readonly running = new Set<AbortController>();

  /** Tracks `ac` until the returned disposable is disposed. */
  add(ac: AbortController): vscode.Disposable {
    this.running.add(ac);
    return { dispose: () => this.running.delete(ac) };
  }

  get count(): number {
    return this.running.size;
  }

  /** Cancels every run; how many there were. */
  stopAll(): number {
    const n = this.running.size;
    for (const ac of this.running) ac.abort();
    this.running.clear();
    return n;
  }

  override dispose(): void {
    this.stopAll();
    super.dispose();
  }
}

/** The one LoadRuns of these services, disposed with the extension. */
export const loadRuns = onePerOwner((_services: Services) => new LoadRuns());
