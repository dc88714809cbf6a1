import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { build, makeRunDir, removeRunDir } from './codeServer.mjs';
import { installVsix, packageVsix, vsixEntries } from './vsix.mjs';

// Only the manifest, the README/licence and the built runtime files belong in the .vsix.
const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|license\.txt|LICENSE\.txt|media\/icon\.png|dist\/[\w/.-]+\.(js|css|svg|png|ttf|woff2?)))$/;

const runDir = makeRunDir('pprof-lens-vsix-');
after(() => {
  removeRunDir(runDir);
  build(); // back to the development build (with source maps) that the other suites load
});

test('npm run package gives a .vsix holding only the runtime files', () => {
  const entries = vsixEntries(packageVsix());
  for (const needed of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/worker.js', 'extension/dist/webview/main.js', 'extension/dist/webview/goroutines.js', 'extension/dist/webview/media/goroutines.css']) {
    assert.ok(entries.includes(needed), `${needed} is missing from the .vsix`);
  }
  assert.deepEqual(entries.filter((e) => !allowed.test(e)), []);
});

test('code-server installs the .vsix', () => {
  assert.ok(installVsix(runDir).includes('pprof-lens.pprof-lens'));
});
