// The set-up check that npm's pre-hooks run (test/harness/ensure.mjs): when node_modules needs `npm ci`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { missingDebianPackages, modulesMatchLock } from '../harness/ensure.mjs';

const base = mkdtempSync(join(tmpdir(), 'pprof-lens-ensure-'));
after(() => rmSync(base, { recursive: true, force: true }));

const pkg = (version: string, extra: object = {}) => ({ version, integrity: `sha512-${version}`, dev: true, ...extra });
const lockPackages = {
  '': { name: 'x', devDependencies: { a: '1.0.0' } },
  'node_modules/a': pkg('1.0.0'),
  'node_modules/@esbuild/darwin-arm64': pkg('0.28.2', { optional: true, os: ['darwin'] }),
};
const installedPackages = { 'node_modules/a': pkg('1.0.0') };

let n = 0;
/** A repo dir with package-lock.json and, unless `installed` is null, node_modules/.package-lock.json. */
function repo(lock: object, installed: object | null, installedIsNewer: boolean): string {
  const dir = join(base, String(n++));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: lock }));
  const older = new Date(Date.now() - 60_000);
  if (installed) {
    const file = join(dir, 'node_modules/.package-lock.json');
    writeFileSync(file, JSON.stringify({ lockfileVersion: 3, packages: installed }));
    utimesSync(installedIsNewer ? join(dir, 'package-lock.json') : file, older, older);
  }
  return dir;
}

describe('modulesMatchLock', () => {
  test('no node_modules/.package-lock.json: install', () => {
    assert.equal(modulesMatchLock(repo(lockPackages, null, false)), false);
  });

  test('installed after package-lock.json was written: nothing to do', () => {
    assert.equal(modulesMatchLock(repo(lockPackages, installedPackages, true)), true);
  });

  test('package-lock.json rewritten with the same packages: nothing to do; another platform\'s optional package is not missing', () => {
    assert.equal(modulesMatchLock(repo(lockPackages, installedPackages, false)), true);
  });

  test('package-lock.json newer, with another version, a new package or one fewer: install', () => {
    const bumped = { ...lockPackages, 'node_modules/a': pkg('1.0.1') };
    assert.equal(modulesMatchLock(repo(bumped, installedPackages, false)), false);
    const added = { ...lockPackages, 'node_modules/b': pkg('2.0.0') };
    assert.equal(modulesMatchLock(repo(added, installedPackages, false)), false);
    const removed = { '': lockPackages[''] };
    assert.equal(modulesMatchLock(repo(removed, installedPackages, false)), false);
  });

  test('an unreadable lockfile: install', () => {
    const dir = repo(lockPackages, installedPackages, false);
    writeFileSync(join(dir, 'node_modules/.package-lock.json'), '{ truncated');
    utimesSync(join(dir, 'node_modules/.package-lock.json'), new Date(0), new Date(0));
    assert.equal(modulesMatchLock(dir), false);
  });
});

test('missingDebianPackages names the packages dpkg does not have installed', () => {
  assert.deepEqual(missingDebianPackages(['pprof-lens-no-such-package']), ['pprof-lens-no-such-package']);
});
