import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { build, makeRunDir, removeRunDir } from './codeServer.mjs';
import { builtinModules } from 'node:module';
import { installVsix, packageVsix, vsixEntries, vsixFile } from './vsix.mjs';

// Only the manifest, the README/licence and the built runtime files belong in the .vsix.
const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|license\.txt|LICENSE\.txt|media\/icon\.png|dist\/[\w/.-]+\.(js|css|svg|png|ttf|woff2?)))$/;

const runDir = makeRunDir('pprof-lens-vsix-');
after(() => {
  removeRunDir(runDir);
  build(); // back to the development build (with source maps) that the other suites load
});

test('npm run package gives a .vsix holding only the runtime files', () => {
  const entries = vsixEntries(packageVsix());
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/engineProcess.js', 'extension/dist/worker.js', 'extension/dist/web/extension.js', 'extension/dist/web/worker.js', 'extension/dist/webview/main.js', 'extension/dist/webview/goroutines.js', 'extension/dist/webview/media/goroutines.css']) {
    assert.ok(entries.includes(needed), `${needed} is missing from the .vsix`);
  }
  assert.deepEqual(entries.filter((e) => !allowed.test(e)), []);
});

/** What a bundle requires: each `require("x")` with whether it sits in a try block (an optional module). */
function requiresOf(code: string): { name: string; guarded: boolean }[] {
  return [...code.matchAll(/require\(\s*"([^"]+)"\s*\)/g)].map((m) => ({
    name: m[1],
    guarded: /try\s*\{[^{}]{0,60}$/.test(code.slice(Math.max(0, m.index! - 60), m.index)),
  }));
}

test('the .vsix declares both builds, and each bundle needs nothing it does not hold', () => {
  const entries = vsixEntries();
  const manifest = JSON.parse(vsixFile('extension/package.json').toString('utf8')) as { main: string; browser: string };
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.browser, './dist/web/extension.js');
  for (const entry of [manifest.main, manifest.browser, './dist/engineProcess.js', './dist/worker.js', './dist/web/worker.js']) {
    assert.ok(entries.includes(`extension/${entry.slice(2)}`), `${entry} is in the .vsix`);
  }
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  // The Node build: Node's own modules, vscode for the extension itself, and optional modules asked for
  // inside a try (protobufjs's long.js); no file of the .vsix is loaded by require.
  for (const file of ['dist/extension.js', 'dist/engineProcess.js', 'dist/worker.js', 'dist/cli.js', 'dist/mergeWorker.js']) {
    const missing = requiresOf(vsixFile(`extension/${file}`).toString('utf8')).filter(
      (r) => !builtins.has(r.name) && !(r.name === 'vscode' && file === 'dist/extension.js') && !r.guarded,
    );
    assert.deepEqual(missing, [], `${file} requires only what Node and VS Code give it`);
  }
  // The web build: the extension requires vscode and nothing else; its worker requires nothing.
  const web = vsixFile('extension/dist/web/extension.js').toString('utf8');
  assert.deepEqual([...new Set(requiresOf(web).map((r) => r.name))], ['vscode']);
  const worker = vsixFile('extension/dist/web/worker.js').toString('utf8');
  assert.deepEqual(requiresOf(worker).filter((r) => !r.guarded), [], 'the web worker requires nothing');
  for (const [file, code] of [['dist/web/extension.js', web], ['dist/web/worker.js', worker]]) {
    assert.doesNotMatch(code, /["']node:[a-z_/]+["']/, `${file} names no Node module`);
  }
});

test('code-server installs the .vsix', () => {
  assert.ok(installVsix(runDir).includes('pprof-lens.pprof-lens'));
});
