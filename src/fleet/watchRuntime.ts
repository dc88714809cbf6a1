// The PromQL watches running in this extension host: each polls its query (watchRun.ts), captures the
// instances its series name through the ordinary capture (saved, remembered, opened), shows a status-bar
// item, and ends on its timeout, a PromQL error, or a stop. Disposing stops them all.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { runCapture } from '../capture/runCapture';
import { Disposable, onePerOwner } from '../disposable';
import type { Services } from '../services';
import { pprofUrlOf } from './promAnswers';
import { prometheusAccess } from './promAccess';
import { prometheusQuery, prometheusTargets } from './prometheus';
import type { WatchSpec } from './watchArgs';
import { runWatch, WatchEnd } from './watchRun';
import { WatchStatusItem } from './watchStatus';

interface Watch {
  readonly id: string;
  readonly spec: WatchSpec;
  readonly stop: AbortController;
}

export class WatchRuntime extends Disposable {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly services: Services) {
    super();
    this._register({ dispose: () => this.watches.forEach((w) => w.stop.abort()) });
  }

  running(): { id: string; query: string; prometheus: string }[] {
    return [...this.watches.values()].map((w) => ({ id: w.id, query: w.spec.query, prometheus: w.spec.prometheus }));
  }

  stop(id?: string): number {
    const which = id === undefined ? [...this.watches.values()] : [this.watches.get(id)].filter((w): w is Watch => w !== undefined);
    which.forEach((w) => w.stop.abort());
    return which.length;
  }

  /**
   * Starts a watch. Resolves to the first capture's Uri as soon as it is saved (the watch goes on until
   * its timeout or a stop), or to undefined when the watch ended without one, after a one-line message.
   */
  start(spec: WatchSpec): Promise<vscode.Uri | undefined> {
    const id = randomUUID().slice(0, 8);
    const watch: Watch = { id, spec, stop: new AbortController() };
    this.watches.set(id, watch);
    const status = new WatchStatusItem(id, spec, Date.now() + spec.timeoutSeconds * 1000);
    let resolveFirst!: (uri: vscode.Uri | undefined) => void;
    const first = new Promise<vscode.Uri | undefined>((r) => (resolveFirst = r));
    const ended = runWatch(spec, {
      signal: watch.stop.signal,
      query: async (signal) => prometheusQuery(spec.prometheus, spec.query, await prometheusAccess(this.services, spec.prometheus, { signal })),
      capture: (instance) => this.capture(spec, instance),
      onPoll: (n) => status.polled(n),
      onOutage: (message) => {
        if (message) void vscode.window.showWarningMessage(`pprof: ${message} (still watching ${spec.query} until the timeout)`);
      },
      onNoInstance: () =>
        void vscode.window.showWarningMessage(`pprof: ${spec.query} returns series without an instance label, so no instance can be captured: keep the label (no sum without it)`),
      onCapture: (_instance, path) => {
        status.captured();
        resolveFirst(vscode.Uri.file(path));
      },
    });
    void ended
      .catch((e): WatchEnd => ({ reason: 'promql', message: e instanceof Error ? e.message : String(e), captures: [] }))
      .then((end) => {
        this.watches.delete(id);
        status.dispose();
        this.report(spec, end);
        resolveFirst(undefined);
      });
    return first;
  }

  private report(spec: WatchSpec, end: WatchEnd): void {
    const n = end.captures.length;
    if (end.reason === 'promql') void vscode.window.showErrorMessage(`pprof: ${end.message}`);
    else if (n === 0 && end.reason === 'timeout') void vscode.window.showWarningMessage(`pprof: ${spec.query} returned no series within ${spec.timeoutSeconds} s; nothing was captured`);
    else if (n === 0) vscode.window.setStatusBarMessage(`pprof: stopped watching ${spec.query}; nothing was captured`, 5000);
    else vscode.window.setStatusBarMessage(`pprof: stopped watching ${spec.query}: ${n} ${n === 1 ? 'capture' : 'captures'}`, 5000);
  }

  /** The instance's pprof URL from Prometheus's targets (its scrape address), else from the label itself. */
  private async capture(spec: WatchSpec, instance: string): Promise<string | undefined> {
    const source = { prometheus: spec.prometheus, pprofPort: spec.pprofPort, pprofPath: spec.pprofPath, scheme: spec.scheme };
    const known = await prometheusAccess(this.services, spec.prometheus)
      .then((access) => prometheusTargets(source, access))
      .catch(() => []);
    const url = known.find((i) => i.instance === instance)?.url ?? pprofUrlOf({ labels: { instance } }, source);
    if (!url) return undefined;
    const uri = await runCapture(this.services, { url, name: instance, type: spec.type, seconds: spec.seconds }, spec.open);
    return uri?.fsPath;
  }
}

/** The one WatchRuntime of these services, disposed with the extension. */
export const watchRuntime = onePerOwner((services: Services) => new WatchRuntime(services));
