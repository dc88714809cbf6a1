// A load run aimed outside loopback asks once per host, with a modal yes; pprofLens.load.allowedHosts skips the
// question. The hosts said yes to are remembered per workspace.
import * as vscode from 'vscode';
import { getLoadAllowedHosts } from '../config';
import { needsConfirmation } from './loadHosts';

const MEMENTO_KEY = 'pprofLens.load.confirmedHosts';

export async function confirmHost(memento: vscode.Memento, url: URL): Promise<boolean> {
  const confirmed = memento.get<string[]>(MEMENTO_KEY, []);
  if (!needsConfirmation(url, getLoadAllowedHosts(), confirmed)) return true;
  const yes = 'Send Load';
  const pick = await vscode.window.showWarningMessage(
    `pprof: send load to ${url.host}? It is not a loopback address. Only ${url.href} is requested, for the run's seconds.`,
    { modal: true, detail: 'Add the host to pprofLens.load.allowedHosts to stop this question.' },
    yes,
  );
  if (pick !== yes) return false;
  await memento.update(MEMENTO_KEY, [...confirmed, url.host.toLowerCase()]);
  return true;
}
