// The webview's side of the protocol: typed messages to the host, queries answered by id, and the
// view state kept with setState so it survives the webview being destroyed while hidden.
import type { Answer, HostToWebview, Query, WebviewToHost } from '../src/protocol/messages';
import type { ViewState } from '../src/protocol/viewState';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostChannel {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { answered(a: Answer): void; received?(): void }>();
  /** Answers the host sent before they were asked for, by query, each used once. */
  private readonly given = new Map<string, Answer>();

  constructor(onMessage: (m: HostToWebview) => void) {
    window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
      const m = e.data;
      if (m.type === 'answer') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.answered(m.answer);
      } else if (m.type === 'received') {
        this.pending.get(m.id)?.received?.();
      } else {
        onMessage(m);
      }
    });
  }

  restoredState(): ViewState | null {
    const s = this.api.getState();
    return s && typeof s === 'object' ? (s as ViewState) : null;
  }

  post(m: WebviewToHost): void {
    this.api.postMessage(m);
  }

  /** Keeps answers the host sent ahead of the questions (see the init message), in place of any kept before. */
  give(answers: readonly { readonly query: Query; readonly answer: Answer }[]): void {
    this.given.clear();
    for (const a of answers) this.given.set(JSON.stringify(a.query), a.answer);
  }

  /** Asks the worker, through the host; `received` is called once the host has the query. */
  query(query: Query, received?: () => void): Promise<Answer> {
    const key = JSON.stringify(query);
    const given = this.given.get(key);
    if (given) {
      this.given.delete(key);
      received?.();
      return Promise.resolve(given);
    }
    const id = this.nextId++;
    return new Promise((answered) => {
      this.pending.set(id, { answered, received });
      this.post({ type: 'query', id, query });
    });
  }

  saveState(state: ViewState): void {
    this.api.setState(state);
    this.post({ type: 'state', state });
  }
}

/** Drops answers that a newer request has made stale: only the latest call's result is delivered. */
export function latestOnly<A extends unknown[], R>(fn: (...a: A) => Promise<R>): (...a: A) => Promise<R | undefined> {
  let generation = 0;
  return async (...a: A) => {
    const mine = ++generation;
    const r = await fn(...a);
    return mine === generation ? r : undefined;
  };
}
