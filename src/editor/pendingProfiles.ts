// Profiles already open in the worker for a file that is about to open in the profile editor. A capture
// checks its body by opening it in the worker; the editor that then opens the saved file adopts that
// handle instead of reading and decoding the file again. An offer nobody takes is closed, so a profile
// is never kept in the worker for an editor that did not come.
import { Disposable } from '../disposable';
import type { ProfileSummary } from '../model/profile/queries';

export interface OpenProfile {
  readonly handle: string;
  readonly summary: ProfileSummary;
}

interface Offer {
  readonly profile: OpenProfile;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class PendingProfiles extends Disposable {
  private readonly offers = new Map<string, Offer>();

  constructor(
    private readonly close: (handle: string) => void,
    private readonly ttlMs = 60_000,
  ) {
    super();
    // Disposed with the extension, and the worker goes with it: only the timers need stopping.
    this._register({
      dispose: () => {
        for (const o of this.offers.values()) clearTimeout(o.timer);
        this.offers.clear();
      },
    });
  }

  /** Offers `profile` to the editor of the file at `path`; an earlier offer for the path is withdrawn. */
  offer(path: string, profile: OpenProfile): void {
    this.withdraw(path);
    if (this.isDisposed) return;
    const timer = setTimeout(() => this.withdraw(path), this.ttlMs);
    timer.unref?.();
    this.offers.set(path, { profile, timer });
  }

  /** The profile offered for `path`, once: the caller owns its handle from then on. */
  take(path: string): OpenProfile | undefined {
    const o = this.offers.get(path);
    if (!o) return undefined;
    this.offers.delete(path);
    clearTimeout(o.timer);
    return o.profile;
  }

  /** Closes the profile offered for `path`, unless an editor took it. */
  withdraw(path: string): void {
    const p = this.take(path);
    if (p) this.close(p.handle);
  }
}
