// Settings are read only through these getters, so every reader sees the same defaults.
import * as vscode from 'vscode';
import type { DiffPalette } from './protocol/messages';

export interface TargetSetting {
  readonly name: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly insecureSkipVerify?: boolean;
}

const section = () => vscode.workspace.getConfiguration('pprofLens');

const targetItems = (): unknown[] => {
  const v = section().get<unknown>('targets', []);
  return Array.isArray(v) ? v : [];
};
const isSingleTarget = (t: unknown): t is TargetSetting => typeof t === 'object' && t !== null && typeof (t as TargetSetting).url === 'string';
/** The single services of pprofLens.targets (items with a `url`). */
export const getTargets = (): TargetSetting[] => targetItems().filter(isSingleTarget);
/** The groups of pprofLens.targets (a list of URLs, or a Prometheus source), unchecked: src/fleet/targetGroups.ts reads them. */
export const getTargetGroupSettings = (): unknown[] => targetItems().filter((t) => !isSingleTarget(t));
export const getDefaultCpuSeconds = (): number => section().get<number>('capture.defaultSeconds', 30);
export const getCaptureDirectorySetting = (): string => section().get<string>('capture.directory', '');
export const getMaxBodyBytes = (): number => section().get<number>('capture.maxBodyMB', 256) * 1024 * 1024;
export const getCaFile = (): string => section().get<string>('capture.caFile', '');
export const getCodeLensEnabled = (): boolean => section().get<boolean>('codeLens.enabled', true);
/** As a fraction of the total (the setting is in percent). */
export const getCodeLensThreshold = (): number => section().get<number>('codeLens.threshold', 1) / 100;
/** The colours of a comparison: red/green, or blue/orange for colour-blind eyes. */
export const getComparePalette = (): DiffPalette => (section().get<string>('compare.palette', 'redGreen') === 'blueOrange' ? 'blueOrange' : 'redGreen');
/** Whether a series left `running` by a window that closed is taken over (else it is marked interrupted). */
export const getSeriesResume = (): boolean => section().get<boolean>('series.resume', true);
export const getFleetConcurrency = (): number => Math.max(1, Math.floor(section().get<number>('fleet.concurrency', 32)) || 32);
/** Load and Profile's bounds and defaults: no run longer or wider than the settings allow. */
export const getLoadMaxSeconds = (): number => positiveInt(section().get<number>('load.maxSeconds', 120), 120);
export const getLoadMaxConnections = (): number => positiveInt(section().get<number>('load.maxConnections', 64), 64);
export const getLoadDefaultSeconds = (): number => positiveInt(section().get<number>('load.defaultSeconds', 10), 10);
export const getLoadDefaultConnections = (): number => positiveInt(section().get<number>('load.defaultConnections', 8), 8);
export const getLoadTimeoutSeconds = (): number => Math.max(0.1, Number(section().get<number>('load.timeoutSeconds', 10)) || 10);
/** Hosts outside loopback that may be loaded without asking (host or host:port). */
export const getLoadAllowedHosts = (): string[] => {
  const v = section().get<unknown>('load.allowedHosts', []);
  return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
};
/** Seconds per CPU window of the live view during a load run; 0 turns the live view off. */
export const getLoadLiveWindowSeconds = (): number => Math.max(0, Math.floor(Number(section().get<number>('load.liveWindowSeconds', 3)) || 0));
export const getPathMappings = (): Record<string, string> => section().get<Record<string, string>>('pathMappings', {});
/** The go command for profiled tests: pprofLens.goPath, else `go` from PATH. */
export const getGoPath = (): string => section().get<string>('goPath', '').trim() || 'go';
/** Flags added to every profiled `go test` (`-benchtime=2s`, `-count=3`, `-tags=…`). */
export const getTestFlags = (): string[] => {
  const v = section().get<unknown>('test.flags', []);
  return Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim()) : [];
};
/** The profile kinds a lens is shown for above each test, unchecked: src/gotest/ keeps the known ones. */
export const getTestProfileKindSettings = (): unknown[] => {
  const v = section().get<unknown>('test.profileKinds', ['cpu', 'mem']);
  return Array.isArray(v) ? v : [];
};
/** How many runs of each test and profile kind are kept in the capture directory. */
export const getTestHistory = (): number => Math.max(1, Math.floor(section().get<number>('test.history', 5)) || 5);

function positiveInt(v: unknown, fallback: number): number {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

/** Fires `listener` when any pprofLens setting changes. */
export function onDidChangeConfig(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('pprofLens')) listener();
  });
}
