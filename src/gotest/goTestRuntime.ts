// The output channel profiled test runs stream into, made once per activation.
import * as vscode from 'vscode';
import { Disposable, onePerOwner } from '../disposable';
import type { Services } from '../services';

export class GoTestRuntime extends Disposable {
  readonly output = this._register(vscode.window.createOutputChannel('pprof Lens: go test'));
}

/** The one GoTestRuntime of these services, disposed with the extension. */
export const goTestRuntime = onePerOwner((_services: Services) => new GoTestRuntime());
