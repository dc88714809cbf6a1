// pprof: Capture Snapshot Series… Prompts for the target, the types, the interval and the count, or takes
// them from `{ url, types?, intervalSeconds, count, open? }`; resolves to the series folder's Uri once the
// last snapshot is saved (or the series was stopped), undefined after a one-line error.
import * as vscode from 'vscode';
import { getTargets } from '../config';
import { captureRuntime } from '../capture/captureRuntime';
import { pickTarget } from '../capture/prompts';
import { hasSeriesArgs, parseSeriesArgs } from '../series/seriesArgs';
import { pickCount, pickInterval, pickSeriesTypes } from '../series/seriesPrompts';
import { seriesRuntime } from '../series/seriesRuntime';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture Snapshot Series';

export const captureSeries: CommandFactory = (services) => async (arg?: unknown) => {
  if (!hasSeriesArgs(arg)) return promptAndStart(services);
  let parsed;
  try {
    parsed = parseSeriesArgs(arg as { url: unknown } & Record<string, unknown>);
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  return seriesRuntime(services).start(parsed.spec, parsed.open);
};

async function promptAndStart(services: Services): Promise<vscode.Uri | undefined> {
  const target = await pickTarget(getTargets(), captureRuntime(services).history.recentUrls(), TITLE);
  if (!target) return undefined;
  const types = await pickSeriesTypes(TITLE);
  if (!types) return undefined;
  const intervalSeconds = await pickInterval(TITLE);
  if (intervalSeconds === undefined) return undefined;
  const count = await pickCount(TITLE, intervalSeconds);
  if (count === undefined) return undefined;
  return seriesRuntime(services).start({ url: target.url, name: target.name, types, intervalSeconds, count, gc: true }, true);
}
