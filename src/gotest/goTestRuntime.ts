// The output channel profiled test runs stream into, made once per activation.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { Services } from '../services';

export class GoTestRuntime extends Disposable {
  readonly output = this._register(vscode.window.createOutputChannel('pprof Lens: go test'));
}

const runtimes = new WeakMap<Services, GoTestRuntime>();

export function goTestRuntime(services: Services): GoTestRuntime {
  let r = runtimes.get(services);
  if (!r) {
    r = new GoTestRuntime();
    services.context.subscriptions.push(r);
    runtimes.set(services, r);
  }
  return r;
}
