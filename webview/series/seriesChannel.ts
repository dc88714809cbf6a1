// The series page's side of its protocol: typed posts to the host, and the view state kept with setState.
import type { SeriesHostToWebview, SeriesWebviewToHost } from '../../src/protocol/seriesMessages';

interface VsCodeApi {
  postMessage(message: SeriesWebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class SeriesChannel {
  private readonly api = acquireVsCodeApi();

  constructor(onMessage: (m: SeriesHostToWebview) => void) {
    window.addEventListener('message', (e: MessageEvent<SeriesHostToWebview>) => onMessage(e.data));
  }

  post(m: SeriesWebviewToHost): void {
    this.api.postMessage(m);
  }

  restored(): unknown {
    return this.api.getState();
  }

  save(state: unknown): void {
    this.api.setState(state);
  }
}
