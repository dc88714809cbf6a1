// The capture QuickPick with the groups of pprofLens.targets: each group with its instance count,
// discovered when the pick opens (busy meanwhile; the error as the item's detail when discovery fails),
// and its instances under it; then the single targets, recent URLs and "Enter URL…" as before.
// A group item is for a fleet capture; an instance item captures that one service.
import * as vscode from 'vscode';
import type { CaptureTarget } from '../capture/policy';
import { recentUrlOf } from '../capture/targets';
import { validateTargetInput } from '../capture/targetUrl';
import type { TargetSetting } from '../config';
import type { Services } from '../services';
import { FleetInstance, FleetSource, isPrometheusSource } from './fleetTypes';
import { prometheusAccess } from './promAccess';
import { groupDetail, groupInstances, groupLabel } from './targetGroups';

export interface PickedGroup {
  readonly source: FleetSource;
  readonly instances: FleetInstance[];
}

export type PickedTarget = { readonly target: CaptureTarget } | { readonly group: PickedGroup };

type Discovery = { state: 'busy' } | { state: 'done'; instances: FleetInstance[] } | { state: 'failed'; message: string };

type Item = vscode.QuickPickItem & { target?: CaptureTarget; group?: number; enter?: true };

export interface GroupPickOptions {
  readonly title: string;
  readonly groups: readonly FleetSource[];
  /** Single targets, recent URLs and "Enter URL…"; omitted when only a group may be picked. */
  readonly singles?: { readonly configured: readonly TargetSetting[]; readonly recent: readonly string[] };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export async function pickTargetOrGroup(services: Services, opts: GroupPickOptions): Promise<PickedTarget | undefined> {
  const found: Discovery[] = opts.groups.map(() => ({ state: 'busy' }));
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = opts.title;
  qp.placeholder = opts.singles ? 'Which service, or which group of services?' : 'Which group of services?';
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;

  let closed = false;
  const render = () => {
    // Discoveries may finish after the pick closed.
    if (closed) return;
    const active = qp.activeItems[0];
    const items = buildItems(opts, found);
    qp.items = items;
    const same = active && items.find((i) => i.label === active.label && i.description === active.description);
    if (same) qp.activeItems = [same];
    qp.busy = found.some((d) => d.state === 'busy');
  };
  const discover = (n: number) => {
    found[n] = { state: 'busy' };
    render();
    const source = opts.groups[n];
    void (isPrometheusSource(source) ? prometheusAccess(services, source.prometheus) : Promise.resolve(undefined))
      .then((access) => groupInstances(source, access))
      .then(
        (instances) => (found[n] = { state: 'done', instances }),
        (e) => (found[n] = { state: 'failed', message: e instanceof Error ? e.message : String(e) }),
      )
      .then(render);
  };

  const picked = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item?.group !== undefined) {
        const d = found[item.group];
        // A group is taken once its instances are known; a failed discovery is tried again.
        if (d.state === 'failed') return discover(item.group);
        if (d.state !== 'done') return;
      }
      resolve(item);
    });
    qp.onDidHide(() => resolve(undefined));
    render();
    qp.show();
    opts.groups.forEach((_, n) => discover(n));
  });
  closed = true;
  qp.dispose();
  if (!picked) return undefined;
  if (picked.group !== undefined) {
    const d = found[picked.group];
    return d.state === 'done' ? { group: { source: opts.groups[picked.group], instances: d.instances } } : undefined;
  }
  if (picked.target) return { target: picked.target };
  if (!picked.enter) return undefined;
  const url = await vscode.window.showInputBox({
    title: opts.title,
    prompt: 'The service that serves net/http/pprof',
    placeHolder: 'localhost:6060, http://host:6060/debug/pprof, or http://host:6060/debug/pprof/heap',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? validateTargetInput(v) : undefined),
  });
  return url?.trim() ? { target: { url: url.trim() } } : undefined;
}

function buildItems(opts: GroupPickOptions, found: readonly Discovery[]): Item[] {
  const items: Item[] = [];
  opts.groups.forEach((source, n) => {
    const d = found[n];
    const name = groupLabel(source);
    items.push({ label: name, kind: vscode.QuickPickItemKind.Separator });
    if (d.state === 'busy') items.push({ label: `$(loading~spin) ${name}`, description: 'discovering…', detail: groupDetail(source), group: n });
    else if (d.state === 'failed') items.push({ label: `$(warning) ${name}`, description: 'discovery failed: pick to try again', detail: d.message, group: n });
    else {
      items.push({ label: `$(layers) ${name}`, description: `${plural(d.instances.length, 'instance')}: capture them all and merge`, detail: groupDetail(source), group: n });
      if (opts.singles) for (const i of d.instances) items.push({ label: `$(server) ${i.instance}`, description: i.url, target: { url: i.url, name: i.instance } });
    }
  });
  const singles = opts.singles;
  if (!singles) return items;
  if (singles.configured.length) items.push({ label: 'Targets', kind: vscode.QuickPickItemKind.Separator });
  for (const t of singles.configured) items.push({ label: `$(server) ${t.name}`, description: t.url, target: t });
  const known = new Set(singles.configured.map((t) => recentUrlOf(t.url)));
  const fresh = singles.recent.filter((u) => !known.has(u));
  if (fresh.length) items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator });
  for (const url of fresh) items.push({ label: `$(history) ${url}`, target: { url } });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(edit) Enter URL…', description: 'host:port, a /debug/pprof base, or a profile URL', enter: true });
  return items;
}
