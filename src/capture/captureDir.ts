// Where captures go: the setting if given (relative to the first workspace folder, `~` and
// ${workspaceFolder} expanded), else `.pprof/` in that folder, else the extension's global storage.
import * as os from 'node:os';
import * as path from 'node:path';

const DEFAULT_CAPTURE_FOLDER = '.pprof';

export function resolveCaptureDir(setting: string, workspaceFolder: string | undefined, globalStorage: string): string {
  let s = setting.trim();
  if (!s) return workspaceFolder ? path.join(workspaceFolder, DEFAULT_CAPTURE_FOLDER) : path.join(globalStorage, 'captures');
  if (workspaceFolder) s = s.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (s === '~' || s.startsWith('~/')) s = path.join(os.homedir(), s.slice(1));
  if (path.isAbsolute(s)) return path.normalize(s);
  return path.resolve(workspaceFolder ?? globalStorage, s);
}
