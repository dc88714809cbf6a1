// The QuickPicks of pprof: Capture Snapshot Series after the target: the types, the interval, and the
// count or the total duration. Undefined means cancelled.
import * as vscode from 'vscode';
import { PROFILE_TYPE_INFO } from '../capture/profileTypes';
import { SERIES_TYPES, SeriesType } from '../model/profile/seriesManifest';
import { DEFAULT_SERIES_TYPES, MAX_COUNT, MAX_INTERVAL_SECONDS } from './seriesArgs';
import { countForDuration } from './schedule';

type TypeItem = vscode.QuickPickItem & { type: SeriesType };

export async function pickSeriesTypes(title: string): Promise<SeriesType[] | undefined> {
  const items: TypeItem[] = SERIES_TYPES.map((type) => {
    const info = PROFILE_TYPE_INFO[type];
    const detail = info.requires ? `The service must call ${info.requires}; otherwise this profile is empty.` : undefined;
    return { label: info.label, description: info.description, detail, type, picked: DEFAULT_SERIES_TYPES.includes(type) };
  });
  const picks = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which profiles in each snapshot? (heap and goroutine find most leaks)', canPickMany: true, ignoreFocusOut: true });
  if (!picks || picks.length === 0) return undefined;
  return picks.map((p) => p.type);
}

type NumberItem = vscode.QuickPickItem & { value?: number };

export async function pickInterval(title: string): Promise<number | undefined> {
  const choices: [string, number][] = [['10 s', 10], ['30 s', 30], ['1 min', 60], ['5 min', 300], ['15 min', 900]];
  return pickNumber(title, 'How long between snapshots?', choices, 1, {
    prompt: `Seconds between snapshots (1 to ${MAX_INTERVAL_SECONDS})`,
    check: (n) => Number.isFinite(n) && n >= 1 && n <= MAX_INTERVAL_SECONDS,
    error: `Enter a number of seconds from 1 to ${MAX_INTERVAL_SECONDS}`,
  });
}

/** The number of rounds, chosen as a count or as a total duration at this interval. */
export async function pickCount(title: string, intervalSeconds: number): Promise<number | undefined> {
  const choices: [string, number][] = [10, 20, 60].map((n) => [`${n} snapshots`, n]);
  for (const [label, seconds] of [['for 10 min', 600], ['for 1 hour', 3600], ['for 8 hours', 8 * 3600]] as const) {
    if (seconds >= intervalSeconds * 2) choices.push([`${countForDuration(seconds, intervalSeconds)} snapshots (${label})`, countForDuration(seconds, intervalSeconds)]);
  }
  return pickNumber(title, 'How many snapshots of each type?', choices.filter(([, n]) => n <= MAX_COUNT), 1, {
    prompt: `Snapshots of each type (2 to ${MAX_COUNT}); a trend needs several`,
    check: (n) => Number.isInteger(n) && n >= 2 && n <= MAX_COUNT,
    error: `Enter a whole number from 2 to ${MAX_COUNT}`,
  });
}

async function pickNumber(
  title: string,
  placeHolder: string,
  choices: readonly [string, number][],
  defaultIndex: number,
  custom: { prompt: string; check: (n: number) => boolean; error: string },
): Promise<number | undefined> {
  const items: NumberItem[] = choices.map(([label, value]) => ({ label, value }));
  items.push({ label: 'Custom…' });
  const qp = vscode.window.createQuickPick<NumberItem>();
  Object.assign(qp, { title, placeholder: placeHolder, ignoreFocusOut: true, items });
  qp.activeItems = [items[Math.min(defaultIndex, items.length - 1)]];
  const pick = await new Promise<NumberItem | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!pick) return undefined;
  if (pick.value !== undefined) return pick.value;
  const text = await vscode.window.showInputBox({
    title,
    prompt: custom.prompt,
    ignoreFocusOut: true,
    validateInput: (v) => (custom.check(Number(v.trim())) && v.trim() !== '' ? undefined : custom.error),
  });
  return text === undefined ? undefined : Number(text.trim());
}
