// pprof: Capture Profile… in the web build: the same argument object `{ url, type, seconds?, open?, gc?, name? }`
// and prompts as the Node build, fetched by the browser (see capture/webCapture.ts). Resolves to the saved Uri.
import * as vscode from 'vscode';
import { getDefaultCpuSeconds, getTargets } from '../config';
import { hasCaptureArgs, parseCaptureArgs } from '../capture/captureArgs';
import { isCancelled } from '../capture/captureError';
import { pickTarget, pickTypeAndSeconds } from '../capture/prompts';
import { parseTargetUrl } from '../capture/targetUrl';
import type { CaptureSpec } from '../capture/targets';
import { captureInBrowser } from '../capture/webCapture';
import { ProfileEditorProvider } from '../editor/profileEditorProvider';
import type { Services } from '../services';
import type { CommandFactory } from './commandFactory';

const TITLE = 'pprof: Capture Profile';

export const captureProfileWeb: CommandFactory = (services) => async (arg?: unknown) => {
  let spec: CaptureSpec | undefined;
  let open = true;
  try {
    if (hasCaptureArgs(arg)) {
      const parsed = parseCaptureArgs(arg as { url: unknown } & Record<string, unknown>);
      const type = parsed.spec.type ?? parseTargetUrl(parsed.spec.url).profileType;
      if (!type) throw new Error(`The argument "type" is needed: ${parsed.spec.url} does not name a profile`);
      spec = { ...parsed.spec, type, seconds: type === 'cpu' ? (parsed.spec.seconds ?? getDefaultCpuSeconds()) : undefined };
      open = parsed.open;
    } else {
      spec = await prompt();
    }
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (!spec) return undefined;
  return capture(services, spec, open);
};

async function prompt(): Promise<CaptureSpec | undefined> {
  const target = await pickTarget(getTargets(), [], TITLE);
  if (!target) return undefined;
  const picked = await pickTypeAndSeconds(TITLE, getDefaultCpuSeconds(), parseTargetUrl(target.url).profileType);
  return picked && { url: target.url, name: target.name, type: picked.type, seconds: picked.seconds, gc: picked.gc };
}

async function capture(services: Services, spec: CaptureSpec, open: boolean): Promise<vscode.Uri | undefined> {
  let uri: vscode.Uri;
  try {
    uri = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `pprof: capturing ${spec.type} from ${spec.name ?? spec.url}`, cancellable: true },
      (_progress, token) => captureInBrowser(services, spec, token),
    );
  } catch (e) {
    if (!isCancelled(e)) void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (open) await vscode.commands.executeCommand('vscode.openWith', uri, ProfileEditorProvider.viewType);
  return uri;
}
