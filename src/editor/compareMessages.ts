// The one-line messages of a comparison that cannot be made: what happened, and what to do. Pure, no vscode.

export interface SideNames {
  readonly base: string;
  readonly target: string;
}

export function missingFile(side: 'base' | 'target', path: string): string {
  return `cannot compare: the ${side} file ${path} does not exist. Pick an existing profile.`;
}

export function notLocal(side: 'base' | 'target', uri: string): string {
  return `cannot compare: the ${side} ${uri} is not a local file. Save it to disk first.`;
}

/** The worker's one-line reason, with the sides named (unless it names them) and what to do about it. */
export function compareFailure(reason: string, names: SideNames): string {
  const what = `cannot compare ${names.base} (base) with ${names.target} (target)`;
  const bare = reason.replace(/\.$/, '');
  if (/sample type/i.test(reason)) return `${/^cannot compare\b/i.test(reason) ? bare : `${what}: ${bare}`}. Pick two profiles of the same kind.`;
  const bad = ([['base', names.base], ['target', names.target]] as const).find(([, name]) => reason.startsWith(`${name}: `));
  if (bad) return `${what}: the ${bad[0]} is not a valid profile: ${bare.slice(bad[1].length + 2)}. Pick another file.`;
  return `${what}: ${reason}`;
}
