// The quick pick of one side of a comparison: the open profiles, the pprof Profiles view's captures, and
// "Browse…" for any other file.
import * as vscode from 'vscode';
import { listProfiles } from '../capture/profileListing';
import { fileNameOf } from '../editor/comparisonDocument';
import type { Services } from '../services';

interface Item extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
  readonly browse?: true;
}

export interface PickOptions {
  readonly title: string;
  readonly placeHolder: string;
  /** Left out of the list (the other side, already chosen). */
  readonly exclude?: vscode.Uri;
}

export async function pickProfile(services: Services, o: PickOptions): Promise<vscode.Uri | undefined> {
  const skip = new Set(o.exclude ? [o.exclude.toString()] : []);
  const item = (uri: vscode.Uri, description?: string): Item => {
    skip.add(uri.toString());
    return { label: fileNameOf(uri), description: description ?? vscode.workspace.asRelativePath(uri), uri };
  };
  const open = services.profiles.openUris().filter((u) => !skip.has(u.toString())).map((u) => item(u));
  const captured = (await listProfiles(services.platform.captureDir(services.context)))
    .filter((e) => !skip.has(e.uri.toString()))
    .map((e) => item(e.uri, new Date(e.mtimeMs).toLocaleString()));
  const items: Item[] = [
    ...(open.length ? [{ label: 'Open profiles', kind: vscode.QuickPickItemKind.Separator }, ...open] : []),
    ...(captured.length ? [{ label: 'pprof Profiles', kind: vscode.QuickPickItemKind.Separator }, ...captured] : []),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder-opened) Browse…', description: 'another profile file', browse: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: o.title, placeHolder: o.placeHolder, matchOnDescription: true });
  if (!picked?.browse) return picked?.uri;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Compare',
    title: o.title,
    filters: { 'pprof profiles': ['pb.gz', 'pprof', 'prof', 'gz', 'pb'], 'All files': ['*'] },
  });
  return files?.[0];
}
