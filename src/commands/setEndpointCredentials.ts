// pprof: Set Endpoint Credentials… stores a bearer token or basic credentials for a target's
// origin in SecretStorage; a Prometheus group's token is stored for its Prometheus's origin.
// Arguments `{ url, bearer? | username?+password? | clear? }` skip prompts.
import * as vscode from 'vscode';
import { getTargetGroupSettings, getTargets } from '../config';
import { captureRuntime } from '../capture/captureRuntime';
import type { Credentials } from '../capture/credentials';
import { pickTarget } from '../capture/prompts';
import { parseTargetUrl } from '../capture/targetUrl';
import { isPrometheusSource } from '../fleet/fleetTypes';
import { groupLabel, readTargetGroups } from '../fleet/targetGroups';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Set Endpoint Credentials';

interface CredentialArgs {
  url?: unknown;
  bearer?: unknown;
  username?: unknown;
  password?: unknown;
  clear?: unknown;
}

type ChoiceItem = vscode.QuickPickItem & { choice: 'bearer' | 'basic' | 'clear' };

export const setEndpointCredentials: CommandFactory = (services) => async (arg?: unknown) => {
  const store = captureRuntime(services).credentials;
  const a: CredentialArgs = typeof arg === 'object' && arg !== null ? (arg as CredentialArgs) : {};
  let url = typeof a.url === 'string' ? a.url : undefined;
  if (!url) {
    // Prometheus groups are listed too: their token is stored for the Prometheus URL's origin.
    const prometheus = readTargetGroups(getTargetGroupSettings()).groups.filter(isPrometheusSource).map((s) => ({ name: `${groupLabel(s)} (Prometheus)`, url: s.prometheus }));
    url = (await pickTarget([...getTargets(), ...prometheus], captureRuntime(services).history.recentUrls(), TITLE))?.url;
  }
  if (!url) return false;
  let origin: string;
  try {
    origin = parseTargetUrl(url).origin;
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }

  if (a.clear === true) {
    await store.delete(origin);
    return true;
  }
  let credentials: Credentials | 'clear' | undefined;
  if (typeof a.bearer === 'string' && a.bearer) credentials = { kind: 'bearer', token: a.bearer };
  else if (typeof a.username === 'string' && typeof a.password === 'string') credentials = { kind: 'basic', username: a.username, password: a.password };
  else credentials = await promptCredentials(origin, (await store.get(origin)) !== undefined);
  if (credentials === undefined) return false;
  if (credentials === 'clear') {
    await store.delete(origin);
    void vscode.window.showInformationMessage(`pprof: removed the credentials for ${origin}.`);
    return true;
  }
  await store.set(origin, credentials);
  void vscode.window.showInformationMessage(`pprof: credentials for ${origin} are stored in VS Code's secret storage.`);
  return true;
};

async function promptCredentials(origin: string, hasStored: boolean): Promise<Credentials | 'clear' | undefined> {
  const items: ChoiceItem[] = [
    { label: 'Bearer token', description: 'Authorization: Bearer …', choice: 'bearer' },
    { label: 'User name and password', description: 'HTTP basic authentication', choice: 'basic' },
  ];
  if (hasStored) items.push({ label: 'Remove stored credentials', choice: 'clear' });
  const pick = await vscode.window.showQuickPick(items, { title: `${TITLE}: ${origin}`, ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.choice === 'clear') return 'clear';
  const nonEmpty = (v: string) => (v ? undefined : 'Required');
  if (pick.choice === 'bearer') {
    const token = await vscode.window.showInputBox({ title: `${TITLE}: ${origin}`, prompt: 'Bearer token', password: true, ignoreFocusOut: true, validateInput: nonEmpty });
    return token ? { kind: 'bearer', token } : undefined;
  }
  const username = await vscode.window.showInputBox({ title: `${TITLE}: ${origin}`, prompt: 'User name', ignoreFocusOut: true, validateInput: nonEmpty });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({ title: `${TITLE}: ${origin}`, prompt: `Password for ${username}`, password: true, ignoreFocusOut: true });
  return password === undefined ? undefined : { kind: 'basic', username, password };
}
