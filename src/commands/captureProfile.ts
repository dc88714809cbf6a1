// pprof: Capture Profile… Prompts for target, type and seconds, or takes them all from an
// argument object `{ url, type, seconds?, open?, gc?, name? }` and resolves to the saved Uri.
import * as vscode from 'vscode';
import { getDefaultCpuSeconds, getTargetGroupSettings, getTargets } from '../config';
import { hasCaptureArgs, parseCaptureArgs } from '../capture/captureArgs';
import { captureRuntime } from '../capture/captureRuntime';
import { pickTarget, pickTypeAndSeconds } from '../capture/prompts';
import { runCapture } from '../capture/runCapture';
import { parseTargetUrl } from '../capture/targetUrl';
import { PickedGroup, pickTargetOrGroup } from '../fleet/groupPick';
import { readTargetGroups } from '../fleet/targetGroups';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture Profile';

export const captureProfile: CommandFactory = (services) => async (arg?: unknown) => {
  if (!hasCaptureArgs(arg)) return promptAndCapture(services);
  let parsed;
  try {
    parsed = parseCaptureArgs(arg as { url: unknown } & Record<string, unknown>);
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const { spec, open } = parsed;
  const type = spec.type ?? safeParse(spec.url)?.profileType;
  if (!type) {
    void vscode.window.showErrorMessage(`pprof: The argument "type" is needed: ${spec.url} does not name a profile`);
    return undefined;
  }
  return runCapture(services, { ...spec, type, seconds: type === 'cpu' ? (spec.seconds ?? getDefaultCpuSeconds()) : undefined }, open);
};

export async function promptAndCapture(services: Services): Promise<vscode.Uri | undefined> {
  const { groups } = readTargetGroups(getTargetGroupSettings());
  const recent = captureRuntime(services).history.recentUrls();
  let target;
  if (groups.length) {
    const picked = await pickTargetOrGroup(services, { title: TITLE, groups, singles: { configured: getTargets(), recent } });
    if (picked && 'group' in picked) return captureGroup(picked.group);
    target = picked?.target;
  } else {
    target = await pickTarget(getTargets(), recent, TITLE);
  }
  if (!target) return undefined;
  // A full profile URL already says which profile it is.
  const picked = await pickTypeAndSeconds(TITLE, getDefaultCpuSeconds(), safeParse(target.url)?.profileType);
  if (!picked) return undefined;
  return runCapture(services, { url: target.url, name: target.name, type: picked.type, seconds: picked.seconds, gc: picked.gc });
}

/** A group picked in the capture pick: the type (and seconds), then the fleet capture of its instances. */
async function captureGroup(group: PickedGroup): Promise<vscode.Uri | undefined> {
  const picked = await pickTypeAndSeconds(TITLE, getDefaultCpuSeconds());
  if (!picked) return undefined;
  // The instances as discovered now, so the fleet capture takes exactly those the pick counted.
  return vscode.commands.executeCommand<vscode.Uri | undefined>('pprofLens.captureFleet', {
    targets: group.instances.map((i) => i.url),
    type: picked.type,
    seconds: picked.seconds,
  });
}

function safeParse(url: string) {
  try {
    return parseTargetUrl(url);
  } catch {
    return undefined;
  }
}
