// Types for vsix.mjs, used by the TypeScript tests.
export const vsixPath: string;
export function packageVsix(): string;
export function vsixEntries(vsix?: string): string[];
export function vsixFile(name: string, vsix?: string): Buffer;
export function installVsix(runDir: string, vsix?: string): string[];
