// The prompts of pprof: Capture When a PromQL Condition Fires, from the palette: which Prometheus (a
// configured Prometheus group, or a URL), the condition, the profile type (and CPU seconds).
import * as vscode from 'vscode';
import { pickTypeAndSeconds } from '../capture/prompts';
import { getDefaultCpuSeconds, getTargetGroupSettings } from '../config';
import { isPrometheusSource, PrometheusSource } from './fleetTypes';
import { normalizeBase } from './promHttp';
import { groupLabel, readTargetGroups } from './targetGroups';
import { DEFAULT_COOLDOWN_SECONDS, DEFAULT_POLL_SECONDS, DEFAULT_WATCH_TIMEOUT_SECONDS, WatchSpec } from './watchArgs';

type SourceItem = vscode.QuickPickItem & { source?: PrometheusSource };

export async function promptWatch(title: string): Promise<WatchSpec | undefined> {
  const sources = readTargetGroups(getTargetGroupSettings()).groups.filter(isPrometheusSource);
  let source: PrometheusSource | undefined;
  if (sources.length) {
    const items: SourceItem[] = sources.map((s) => ({ label: `$(pulse) ${groupLabel(s)}`, description: s.prometheus, source: s }));
    items.push({ label: '$(edit) Enter Prometheus URL…' });
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which Prometheus?', ignoreFocusOut: true });
    if (!pick) return undefined;
    source = pick.source;
  }
  if (!source) {
    const url = await vscode.window.showInputBox({
      title,
      prompt: "Prometheus's base URL",
      value: 'http://localhost:9090',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          normalizeBase(v);
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      },
    });
    if (!url?.trim()) return undefined;
    source = { prometheus: url.trim() };
  }
  const example = source.job ? `go_goroutines{job="${source.job}"} > 5000` : 'go_goroutines > 5000';
  const query = await vscode.window.showInputBox({
    title,
    prompt: `A PromQL condition, asked every ${DEFAULT_POLL_SECONDS} s; each series it returns names an instance to capture`,
    placeHolder: example,
    value: example,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a PromQL condition'),
  });
  if (!query?.trim()) return undefined;
  const picked = await pickTypeAndSeconds(title, getDefaultCpuSeconds());
  if (!picked) return undefined;
  return {
    prometheus: source.prometheus,
    query: query.trim(),
    type: picked.type,
    seconds: picked.seconds,
    timeoutSeconds: DEFAULT_WATCH_TIMEOUT_SECONDS,
    intervalSeconds: DEFAULT_POLL_SECONDS,
    cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
    pprofPort: source.pprofPort,
    pprofPath: source.pprofPath,
    scheme: source.scheme,
    open: true,
  };
}
