// Asks for a group of pprofLens.targets, for a fleet capture: the groups with their instances discovered
// as the pick opens. Undefined when cancelled, or (after a one-line message) when no group is configured.
import * as vscode from 'vscode';
import { getTargetGroupSettings } from '../config';
import type { Services } from '../services';
import type { FleetInstance, FleetSource } from './fleetTypes';
import { pickTargetOrGroup } from './groupPick';
import { readTargetGroups } from './targetGroups';

export async function pickFleetGroup(services: Services, title = 'pprof: Capture Fleet'): Promise<{ source: FleetSource; instances: FleetInstance[] } | undefined> {
  const { groups, problems } = readTargetGroups(getTargetGroupSettings());
  if (problems.length) void vscode.window.showWarningMessage(`pprof: ${problems[0]}`);
  if (!groups.length) {
    void vscode.window.showErrorMessage(
      'pprof: no group in pprofLens.targets: add { "name": "api", "targets": ["host:6060", …] } or { "prometheus": "http://localhost:9090", "job": "api" }',
    );
    return undefined;
  }
  const picked = await pickTargetOrGroup(services, { title, groups });
  return picked && 'group' in picked ? picked.group : undefined;
}
