// The palette path of pprof: Load and Profile…: the URL, method, body, headers, connections, seconds and the
// pprof target, each answer remembered per workspace (workspaceState) and offered next time, so a second run
// is Enter after Enter. Credentials in headers (Authorization, Cookie) are not remembered. Undefined: cancelled.
import * as vscode from 'vscode';
import type { TargetSetting } from '../config';
import { validateTargetInput } from '../capture/targetUrl';
import { defaultTarget, LOAD_METHODS, parseHeaders, parseLoadUrl, validateLoadUrl, type LoadArgs } from './loadArgs';

const MEMENTO_KEY = 'pprofLens.load.lastArgs';
const SECRET_HEADERS = /^(authorization|cookie|proxy-authorization)$/i;

export interface LoadPromptDefaults {
  readonly seconds: number;
  readonly connections: number;
  readonly maxSeconds: number;
  readonly maxConnections: number;
  readonly targets: readonly TargetSetting[];
}

export async function promptLoadArgs(memento: vscode.Memento, d: LoadPromptDefaults, title: string): Promise<LoadArgs | undefined> {
  const last = memento.get<Partial<LoadArgs>>(MEMENTO_KEY, {});
  const url = await vscode.window.showInputBox({
    title,
    prompt: 'The URL to put load on (only this URL is requested)',
    placeHolder: 'http://127.0.0.1:8080/work',
    value: last.url ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? validateLoadUrl(v) : 'Enter the URL to load'),
  });
  if (!url?.trim()) return undefined;
  const method = await pickMethod(last.method ?? 'GET', title);
  if (!method) return undefined;
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    body = await vscode.window.showInputBox({ title, prompt: `The ${method} body (empty: none)`, value: last.body ?? '', ignoreFocusOut: true });
    if (body === undefined) return undefined;
  }
  const headerText = await vscode.window.showInputBox({
    title,
    prompt: 'Request headers, "Name: value" separated by ";" (empty: none)',
    placeHolder: 'Content-Type: application/json; Authorization: Bearer …',
    value: headersText(last.headers),
    ignoreFocusOut: true,
    validateInput: (v) => (parseHeaders(v) ? undefined : 'Write each header as "Name: value", separated by ";"'),
  });
  if (headerText === undefined) return undefined;
  const connections = await askNumber(title, `Connections (1 to ${d.maxConnections})`, last.connections ?? d.connections, d.maxConnections);
  if (connections === undefined) return undefined;
  const seconds = await askNumber(title, `Seconds of load and CPU profile (1 to ${d.maxSeconds})`, last.seconds ?? d.seconds, d.maxSeconds);
  if (seconds === undefined) return undefined;
  const target = await pickTarget(url.trim(), last.url === url.trim() ? last.target : undefined, d.targets, title);
  if (target === undefined) return undefined;
  const args: LoadArgs = { url: url.trim(), method, ...(body ? { body } : {}), headers: parseHeaders(headerText) ?? {}, connections, seconds, target, open: true };
  await memento.update(MEMENTO_KEY, { ...args, headers: withoutSecrets(args.headers ?? {}) });
  return args;
}

async function pickMethod(last: string, title: string): Promise<string | undefined> {
  const items = LOAD_METHODS.map((m) => ({ label: m, description: m === last ? 'last used' : undefined }));
  const qp = vscode.window.createQuickPick();
  qp.title = title;
  qp.placeholder = 'Which method?';
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.label === last);
  const pick = await new Promise<string | undefined>((resolve) => {
    qp.onDidAccept(() => resolve((qp.selectedItems[0] ?? qp.activeItems[0])?.label));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return pick;
}

async function askNumber(title: string, prompt: string, value: number, max: number): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    value: String(Math.min(value, max)),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= max ? undefined : `Enter a whole number from 1 to ${max}`),
  });
  return text === undefined ? undefined : Number(text.trim());
}

type TargetItem = vscode.QuickPickItem & { target?: string };

/**
 * The pprof endpoint: the loaded URL's host first (Enter takes it), the configured targets, the one used last
 * for this URL, or one typed in.
 */
async function pickTarget(url: string, last: string | undefined, configured: readonly TargetSetting[], title: string): Promise<string | undefined> {
  const same = defaultTarget(parseLoadUrl(url));
  const items: TargetItem[] = [{ label: `$(server) ${same}`, description: 'the same host and port', target: same }];
  if (last && last !== same) items.unshift({ label: `$(history) ${last}`, description: 'last used with this URL', target: last });
  for (const t of configured) if (t.url !== same && t.url !== last) items.push({ label: `$(server) ${t.name}`, description: t.url, target: t.url });
  items.push({ label: '$(edit) Enter URL…', description: 'host:port or a /debug/pprof URL' });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Capture the CPU profile from which pprof endpoint?', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.target) return pick.target;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: 'The pprof endpoint of the service under load',
    placeHolder: 'localhost:6060 or http://host:6060/debug/pprof',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? validateTargetInput(v) : 'Enter the pprof endpoint'),
  });
  return typed?.trim() || undefined;
}

function headersText(h: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(h ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ');
}

function withoutSecrets(h: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !SECRET_HEADERS.test(k)));
}
