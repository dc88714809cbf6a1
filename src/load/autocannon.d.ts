// autocannon's run entry (lib/init, without its command line), as far as the load generator uses it.
declare module 'autocannon/lib/init' {
  import type { EventEmitter } from 'node:events';
  interface Tracker extends EventEmitter, PromiseLike<unknown> {
    stop(): void;
  }
  function init(opts: Record<string, unknown>): Tracker;
  export = init;
}
