// Types for ensure.mjs, used by the TypeScript tests.
export function modulesMatchLock(dir: string): boolean;
export function missingDebianPackages(names: string[]): string[];
export function codeServerInstalled(): boolean;
