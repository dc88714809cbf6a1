// pprof: Capture Fleet… The same profile from every instance of a fleet, merged with an `instance` label.
// Takes `{ targets?: string[], prometheus?, job?, match?, type, seconds?, open?, name? }` and resolves to
// the merged profile's Uri; from the palette it asks for the instances' URLs, the type and the seconds.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { getCaFile, getDefaultCpuSeconds } from '../config';
import { captureRuntime } from '../capture/captureRuntime';
import { authorizationHeader } from '../capture/credentials';
import { pickProfileType, pickSeconds } from '../capture/prompts';
import { parseTargetUrl, validateTargetInput } from '../capture/targetUrl';
import { groupName, hasFleetArgs, instancesOfUrls, parseFleetArgs, type FleetArgs } from '../fleet/fleetArgs';
import { isPrometheusSource, type FleetInstance, type FleetSource, type PrometheusAccess } from '../fleet/fleetTypes';
import { prometheusTargets } from '../fleet/prometheus';
import { runFleetCapture } from '../fleet/runFleetCapture';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture Fleet';

export const captureFleetCommand: CommandFactory = (services) => async (arg?: unknown) => {
  let args: FleetArgs | undefined;
  try {
    args = hasFleetArgs(arg) ? parseFleetArgs(arg) : await prompt();
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (!args) return undefined;
  let instances: FleetInstance[];
  try {
    instances = await instancesOf(services, args.source);
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

/** Prometheus behind auth: the credentials stored for its origin and the capture's CA file, as for a capture. */
async function prometheusAccess(services: Services, base: string): Promise<PrometheusAccess> {
  const credentials = await captureRuntime(services).credentials.get(parseTargetUrl(base).origin);
  const caFile = getCaFile();
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read the CA file ${caFile} (${(e as { code?: string }).code ?? String(e)}): fix pprofLens.capture.caFile`);
    }
  }
  return { ...(credentials ? { authorization: authorizationHeader(credentials) } : {}), ...(ca ? { ca } : {}) };
}

/** The palette path: the instances' URLs (comma-separated), then the type and, for CPU, the seconds. */
async function prompt(): Promise<FleetArgs | undefined> {
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
  const picked = await pickProfileType(TITLE);
  if (!picked) return undefined;
  const seconds = picked.type === 'cpu' ? await pickSeconds(getDefaultCpuSeconds(), TITLE) : undefined;
  if (picked.type === 'cpu' && seconds === undefined) return undefined;
  return { source: { name: 'fleet', targets }, type: picked.type, seconds, open: true };
}
