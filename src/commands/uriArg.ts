// Commands take files as Uris, or as string paths or URI strings from keybindings, tasks and scripts.
import * as vscode from 'vscode';

export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return /^[a-z][\w+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/** A Uri from what a menu passes: a Uri, a tree item's element ({ uri } or { resourceUri }), or a path. */
export function uriOfMenuArg(arg: unknown): vscode.Uri | undefined {
  const direct = toUri(arg);
  if (direct) return direct;
  const maybe = arg as { uri?: unknown; resourceUri?: unknown } | undefined;
  return toUri(maybe?.uri) ?? toUri(maybe?.resourceUri);
}
