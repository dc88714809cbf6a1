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
  private readonly pending = new Map<number, (a: Answer) => void>();

  constructor(onMessage: (m: HostToWebview) => void) {
    window.addEventListener('message', (e: MessageEvent<HostToWebview>) => {
      const m = e.data;
      if (m.type === 'answer') {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.answer);
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

  query(query: Query): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
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
