// The profile files of a folder (the capture directory), read through workspace.fs so that both builds list them.
import * as vscode from 'vscode';

export interface ProfileEntry {
  readonly uri: vscode.Uri;
  readonly mtimeMs: number;
  readonly size: number;
}

/** The names the pprof Profiles view lists, and the Explorer's profile commands accept. */
export const PROFILE_FILE = /\.(pb\.gz|pprof|prof)$/i;

/** The profiles in `dir`, newest first; an absent directory has none. */
export async function listProfiles(dir: vscode.Uri): Promise<ProfileEntry[]> {
  let names: [string, vscode.FileType][];
  try {
    names = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names
      .filter(([n, type]) => PROFILE_FILE.test(n) && !n.startsWith('.') && !(type & vscode.FileType.Directory))
      .map(async ([n]) => {
        const uri = vscode.Uri.joinPath(dir, n);
        const s = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
        return s && s.type & vscode.FileType.File ? { uri, mtimeMs: s.mtime, size: s.size } : undefined;
      }),
  );
  return entries.filter((e): e is ProfileEntry => e !== undefined).sort((a, b) => b.mtimeMs - a.mtimeMs || b.uri.path.localeCompare(a.uri.path));
}
