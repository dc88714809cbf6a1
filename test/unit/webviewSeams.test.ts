// The webview's seams, checked on its sources: one module imports d3-flame-graph, one folder imports the
// toolkit, and no code path writes HTML, so profile strings can only ever reach the DOM as text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(__dirname, '..', '..');
const sources = readdirSync(join(root, 'webview'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => ({ file: `webview/${f}`, text: readFileSync(join(root, 'webview', f), 'utf8') }));

const importers = (pkg: RegExp) => sources.filter((s) => pkg.test(s.text)).map((s) => s.file);

describe('webview seams', () => {
  test('the sources were found', () => assert.ok(sources.length > 10));

  test('only webview/flameGraph.ts imports d3-flame-graph or d3-selection', () => {
    assert.deepEqual(importers(/from ['"]d3-(flame-graph|selection)['"]/), ['webview/flameGraph.ts']);
  });

  test('only webview/ui/ imports the webview UI toolkit', () => {
    assert.deepEqual(importers(/from ['"]@vscode\/webview-ui-toolkit/), ['webview/ui/index.ts']);
  });

  test('nothing writes HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or d3 .html()', () => {
    const writers = sources.filter((s) => /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\.html\(/.test(s.text)).map((s) => s.file);
    assert.deepEqual(writers, []);
  });

  test('no style attribute is written: the CSP allows styles from its nonce and CSSOM properties only', () => {
    const writers = sources.filter((s) => /setAttribute\(\s*['"]style['"]|\bstyle:\s*['"`]|['"]style['"]\s*:/.test(s.text)).map((s) => s.file);
    assert.deepEqual(writers, []);
  });

  test('nothing imports vscode', () => {
    assert.deepEqual(importers(/from ['"]vscode['"]/), []);
  });
});
