// The QuickPicks of the capture flow: target, profile type, CPU seconds. Undefined means cancelled.
import * as vscode from 'vscode';
import type { TargetSetting } from '../config';
import type { CaptureTarget } from './policy';
import { PROFILE_TYPE_INFO, PROFILE_TYPES, ProfileType } from './profileTypes';
import { validateTargetInput } from './targetUrl';
import { recentUrlOf } from './targets';

const ENTER_URL_LABEL = 'Enter URL…';

type TargetItem = vscode.QuickPickItem & { target?: CaptureTarget; enter?: true };

/** Configured targets, then recent URLs, then "Enter URL…". */
export async function pickTarget(configured: readonly TargetSetting[], recent: readonly string[], title: string): Promise<CaptureTarget | undefined> {
  const items: TargetItem[] = [];
  if (configured.length) items.push({ label: 'Targets', kind: vscode.QuickPickItemKind.Separator });
  for (const t of configured) items.push({ label: `$(server) ${t.name}`, description: t.url, target: t });
  const known = new Set(configured.map((t) => recentUrlOf(t.url)));
  const fresh = recent.filter((u) => !known.has(u));
  if (fresh.length) items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator });
  for (const url of fresh) items.push({ label: `$(history) ${url}`, target: { url } });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(edit) ${ENTER_URL_LABEL}`, description: 'host:port, a /debug/pprof base, or a profile URL', enter: true });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which service?', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.target) return pick.target;
  const url = await vscode.window.showInputBox({
    title,
    prompt: 'The service that serves net/http/pprof',
    placeHolder: 'localhost:6060, http://host:6060/debug/pprof, or http://host:6060/debug/pprof/heap',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? validateTargetInput(v) : undefined),
  });
  return url?.trim() ? { url: url.trim() } : undefined;
}

type TypeItem = vscode.QuickPickItem & { type: ProfileType; gc?: boolean };

export async function pickProfileType(title: string): Promise<{ type: ProfileType; gc?: boolean } | undefined> {
  const items: TypeItem[] = [];
  for (const type of PROFILE_TYPES) {
    const info = PROFILE_TYPE_INFO[type];
    const detail = info.requires ? `The service must call ${info.requires}; otherwise this profile is empty.` : undefined;
    items.push({ label: info.label, description: info.description, detail, type });
    if (type === 'heap') items.push({ label: 'Heap after GC', description: 'heap with gc=1: the runtime collects garbage first', type, gc: true });
  }
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which profile?', ignoreFocusOut: true, matchOnDescription: true });
  return pick && { type: pick.type, gc: pick.gc };
}

type SecondsItem = vscode.QuickPickItem & { seconds?: number };

export async function pickSeconds(defaultSeconds: number, title: string): Promise<number | undefined> {
  const choices = [...new Set([5, 10, 30, 60, defaultSeconds])].sort((a, b) => a - b);
  const items: SecondsItem[] = choices.map((s) => ({ label: `${s} s`, description: s === defaultSeconds ? 'default' : undefined, seconds: s }));
  items.push({ label: 'Custom…' });
  const qp = vscode.window.createQuickPick<SecondsItem>();
  qp.title = title;
  qp.placeholder = 'How many seconds of CPU profile?';
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.seconds === defaultSeconds);
  const pick = await new Promise<SecondsItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!pick) return undefined;
  if (pick.seconds !== undefined) return pick.seconds;
  const text = await vscode.window.showInputBox({
    title,
    prompt: 'Seconds of CPU profile (1 to 3600)',
    value: String(defaultSeconds),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 3600 ? undefined : 'Enter a whole number of seconds from 1 to 3600'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

/**
 * The profile type, then for CPU the seconds: what every capture asks once it has its target(s). A URL that
 * already names its profile (`named`) is not asked its type.
 */
export async function pickTypeAndSeconds(
  title: string,
  defaultSeconds: number,
  named?: ProfileType,
): Promise<{ type: ProfileType; seconds?: number; gc?: boolean } | undefined> {
  const picked = named ? { type: named } : await pickProfileType(title);
  if (!picked) return undefined;
  if (picked.type !== 'cpu') return picked;
  const seconds = await pickSeconds(defaultSeconds, title);
  return seconds === undefined ? undefined : { ...picked, seconds };
}
