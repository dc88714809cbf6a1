// pprof: Capture Fleet… The same profile from every instance of a fleet, merged with an `instance` label.
// Takes `{ targets?: string[], prometheus?, job?, match?, type, seconds?, open?, name? }` and resolves to
// the merged profile's Uri; from the palette it asks for a group (or the instances' URLs), the type and the seconds.
import * as vscode from 'vscode';
import { getDefaultCpuSeconds, getTargetGroupSettings } from '../config';
import { pickTypeAndSeconds } from '../capture/prompts';
import { validateTargetInput } from '../capture/targetUrl';
import { groupName, hasFleetArgs, instancesOfUrls, parseFleetArgs, type FleetArgs } from '../fleet/fleetArgs';
import { isPrometheusSource, type FleetInstance, type FleetSource } from '../fleet/fleetTypes';
import { pickFleetGroup } from '../fleet/pickGroup';
import { prometheusAccess } from '../fleet/promAccess';
import { readTargetGroups } from '../fleet/targetGroups';
import { prometheusTargets } from '../fleet/prometheus';
import { runFleetCapture } from '../fleet/runFleetCapture';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture Fleet';

export const captureFleetCommand: CommandFactory = (services) => async (arg?: unknown) => {
  let args: FleetArgs | undefined;
  /** Those the palette's group pick has just discovered. */
  let known: FleetInstance[] | undefined;
  try {
    if (hasFleetArgs(arg)) args = parseFleetArgs(arg);
    else [args, known] = (await prompt(services)) ?? [];
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (!args) return undefined;
  let instances: FleetInstance[];
  try {
    instances = known ?? (await instancesOf(services, args.source));
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const seconds = args.type === 'cpu' ? (args.seconds ?? getDefaultCpuSeconds()) : undefined;
  return runFleetCapture(services, { group: groupName(args.source), instances, type: args.type, seconds }, args.open);
};

async function instancesOf(services: Services, source: FleetSource): Promise<FleetInstance[]> {
  if (!isPrometheusSource(source)) return instancesOfUrls(source.targets);
  return prometheusTargets(source, await prometheusAccess(services, source.prometheus));
}

/**
 * The palette path: a group of pprofLens.targets when some are configured (its instances discovered as the
 * pick opens), else the instances' URLs (comma-separated); then the type and, for CPU, the seconds.
 */
async function prompt(services: Services): Promise<[FleetArgs, FleetInstance[] | undefined] | undefined> {
  if (readTargetGroups(getTargetGroupSettings()).groups.length) {
    const group = await pickFleetGroup(services, TITLE);
    if (!group) return undefined;
    const kind = await pickKind();
    return kind && [{ source: group.source, ...kind, open: true }, group.instances];
  }
  const text = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The instances that serve net/http/pprof, separated by commas',
    placeHolder: '10.0.0.7:6060, 10.0.0.8:6060, http://10.0.0.9:6060/debug/pprof',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const urls = v.split(',').map((u) => u.trim()).filter(Boolean);
      if (!urls.length) return 'Enter at least one URL';
      for (const u of urls) {
        const bad = validateTargetInput(u);
        if (bad) return bad;
      }
      return undefined;
    },
  });
  const targets = text?.split(',').map((u) => u.trim()).filter(Boolean);
  if (!targets?.length) return undefined;
  const kind = await pickKind();
  return kind && [{ source: { name: 'fleet', targets }, ...kind, open: true }, undefined];
}

async function pickKind(): Promise<Pick<FleetArgs, 'type' | 'seconds'> | undefined> {
  const picked = await pickTypeAndSeconds(TITLE, getDefaultCpuSeconds());
  return picked && { type: picked.type, seconds: picked.seconds };
}
