// The likely zooms of a drawn root (its widest frames), asked of the engine one at a time behind every other
// request, each tree handed to the page to keep: a zoom into one of them is then drawn at full detail at
// once, with no round trip through the host and the engine while the page is busy drawing. The next tree is
// sent only once the page has taken the last one, so that a zoom asked meanwhile waits behind one tree's
// way to the page at most, not behind a dozen (200 ms and more each while the page draws). A newer root, a
// reloaded profile or a closed view stops the trees still to come.
import type { FlameQuery, FlameTree } from '../model/profile/queries';
import type { EngineClientApi } from '../worker/rpc';

export class FlameAhead {
  private generation = 0;
  /** Lets the loop give its next tree. */
  private resume: () => void = () => {};

  constructor(
    /** A lane of its own: a newer root's request replaces an older one's, and no query of the page's is superseded by them. */
    private readonly engine: EngineClientApi,
    private readonly give: (query: FlameQuery, tree: FlameTree) => void,
  ) {}

  stop(): void {
    this.generation++;
    this.resume();
  }

  /** The page has taken the last tree. */
  pageTook(): void {
    this.resume();
  }

  async start(handle: string, root: FlameQuery): Promise<void> {
    // An older root's trees waiting for the page end here.
    this.stop();
    const generation = this.generation;
    try {
      const paths = await this.engine.zoomAhead(handle, root);
      let taken = Promise.resolve();
      for (const path of paths) {
        if (generation !== this.generation) return;
        const query = { ...root, path };
        // Computed while the page still takes the one before.
        const tree = await this.engine.flameAhead(handle, query);
        await taken;
        if (generation !== this.generation) return;
        taken = new Promise<void>((r) => (this.resume = r));
        this.give(query, tree);
      }
    } catch {
      // Only time is at stake: a profile closed meanwhile, or a failure, is said by the zoom that follows.
    }
  }
}
