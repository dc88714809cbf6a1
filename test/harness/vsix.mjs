// Packages the extension (npm run package) and installs the .vsix into a run's extensions dir.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
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

/** The content of one file inside the .vsix (stored or deflated, as vsce writes them). */
export function vsixFile(name, vsix = vsixPath) {
  const zip = readFileSync(vsix);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${vsix} is not a zip file`);
  for (let i = 0, p = zip.readUInt32LE(eocd + 16); i < zip.readUInt16LE(eocd + 10); i++) {
    const [nameLen, extraLen, commentLen] = [zip.readUInt16LE(p + 28), zip.readUInt16LE(p + 30), zip.readUInt16LE(p + 32)];
    if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const [method, size, local] = [zip.readUInt16LE(p + 10), zip.readUInt32LE(p + 20), zip.readUInt32LE(p + 42)];
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: zip method ${method} is not read here`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} is not in ${vsix}`);
}

/** Installs the .vsix with code-server's own CLI; returns the ids it then lists. */
export function installVsix(runDir, vsix = vsixPath) {
  const cli = (...args) => execFileSync(process.execPath, [codeServerEntry, '--user-data-dir', join(runDir, 'ud'),
    '--extensions-dir', join(runDir, 'exts'), ...args], { env: isolatedEnv(runDir), encoding: 'utf8' });
  cli('--install-extension', vsix);
  return cli('--list-extensions').split('\n').filter(Boolean);
}
