// The environment of the engine's process (startEngineProcess.ts), and of the benchmarks' engine processes,
// so that the anchors measure the engine as the extension runs it.

/** glibc ≥ 2.35: malloc's mmap'd chunks madvise(MADV_HUGEPAGE). Other C libraries and systems ignore it. */
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';

export function engineEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const tunables = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${HUGE_PAGES}` : HUGE_PAGES;
  // A desktop VS Code's extension host is Electron: this makes its binary run the script as Node.
  return { ...env, GLIBC_TUNABLES: tunables, ELECTRON_RUN_AS_NODE: '1' };
}
