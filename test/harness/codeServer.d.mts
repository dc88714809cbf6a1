// Types for codeServer.mjs, used by the TypeScript UI support.
export const repoRoot: string;
export const codeServerEntry: string;
export function freePort(): Promise<number>;
export function build(): void;
export function makeRunDir(prefix?: string): string;
export function isolatedEnv(runDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export function copyWorkspace(runDir: string, from?: string): string;
export function removeRunDir(runDir: string): void;
export interface CodeServer {
  origin: string;
  port: number;
  pid: number;
  remote(path: string): string;
  url(folder?: string, payload?: [string, string][]): string;
  /** Settles when the code-server process has exited. */
  exited: Promise<unknown>;
  stop(): Promise<void>;
}
export function startCodeServer(opts: {
  runDir: string;
  workspace: string;
  env?: Record<string, string>;
  log?: (s: string) => void;
}): Promise<CodeServer>;
