// "Go to source" from the profile view: finds the file a profile names and opens it beside the editor.
// Paths are tried as written, then as a suffix under each workspace folder (profiles from other machines
// or -trimpath builds name files that exist here under another prefix).
import * as vscode from 'vscode';
import type { Platform } from '../platform/platform';
import type { SourceResolver } from '../source/sourceResolver';
import { LineIndexTable } from '../protocol/lineIndexColumns';
import { unpackStrings } from '../protocol/packedStrings';
import type { Services } from '../services';
import type { EngineCalls } from '../worker/engineCalls';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function resolveSourceFile(file: string, platform: Platform, sources?: SourceResolver): Promise<vscode.Uri | undefined> {
  if (!file) return undefined;
  // The annotations' resolver knows go.mod module paths, GOROOT, the module cache and the user's mappings.
  if (sources) {
    await sources.ready;
    const hit = sources.resolver()(file);
    if (hit) return platform.sourceUri(hit.path);
  }
  const normalized = file.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[A-Za-z]:\//.test(normalized)) {
    const exact = platform.sourceUri(normalized);
    if (await exists(exact)) return exact;
  }
  const parts = normalized.split('/').filter((p) => p !== '' && p !== '.');
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // Longest suffix first, so a/b/main.go wins over main.go.
    for (let i = 0; i < parts.length; i++) {
      const candidate = vscode.Uri.joinPath(folder.uri, ...parts.slice(i));
      if (await exists(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Where a function starts, from the worker's line index; 0 when the profile does not say. */
async function functionStartLine(engine: EngineCalls, handle: string, name: string, file: string): Promise<number> {
  // File names are distinct in the index.
  const i = unpackStrings((await engine.lineIndexHead(handle)).files).indexOf(file);
  if (i < 0) return 0;
  const fn = new LineIndexTable(await engine.lineIndexFiles(handle, [i])).file(0).functions.find((x) => x.name === name);
  return fn && fn.startLine > 0 ? fn.startLine : 0;
}

export async function openSource(services: Services, handle: string, name: string, file: string, line: number): Promise<void> {
  const engine = services.engine;
  const uri = await resolveSourceFile(file, services.platform, services.sources);
  if (!uri) {
    const shown = file || name;
    void vscode.window.showWarningMessage(`pprof Lens: cannot find the source of ${shown} in this workspace.`);
    return;
  }
  let target = line;
  if (target <= 0) target = await functionStartLine(engine, handle, name, file).catch(() => 0);
  const pos = new vscode.Position(Math.max(0, target - 1), 0);
  await vscode.window.showTextDocument(uri, {
    viewColumn: vscode.ViewColumn.Beside,
    selection: new vscode.Range(pos, pos),
    preserveFocus: false,
  });
}
