// Packages the extension (npm run package) and installs the .vsix into a run's extensions dir.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry, isolatedEnv, repoRoot } from './codeServer.mjs';

export const vsixPath = join(repoRoot, 'dist-vsix/pprof-lens.vsix');

export function packageVsix() {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsixPath;
}

/** The file names inside the .vsix, read from the zip's central directory. */
export function vsixEntries(vsix = vsixPath) {
  const zip = readFileSync(vsix);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${vsix} is not a zip file`);
  const names = [];
  for (let i = 0, p = zip.readUInt32LE(eocd + 16); i < zip.readUInt16LE(eocd + 10); i++) {
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(p + 28), zip.readUInt16LE(p + 30), zip.readUInt16LE(p + 32)];
    names.push(zip.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Installs the .vsix with code-server's own CLI; returns the ids it then lists. */
export function installVsix(runDir, vsix = vsixPath) {
  const cli = (...args) => execFileSync(process.execPath, [codeServerEntry, '--user-data-dir', join(runDir, 'ud'),
    '--extensions-dir', join(runDir, 'exts'), ...args], { env: isolatedEnv(runDir), encoding: 'utf8' });
  cli('--install-extension', vsix);
  return cli('--list-extensions').split('\n').filter(Boolean);
}
