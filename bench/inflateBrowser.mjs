// pako against DecompressionStream('gzip') where the web build runs them: a Web Worker of headless Chromium
// (Debian's, driven by playwright-core, as the tests drive it). A loopback server hands the page the worker
// (bench/inflateWorker.ts, bundled) and the profile.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

export async function inflateInBrowser(file, runs = 5) {
  const built = await esbuild.build({ entryPoints: [join(here, 'inflateWorker.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'warning' });
  const worker = built.outputFiles[0].contents;
  const profile = readFileSync(file);
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker);
    if (req.url === '/profile.pb.gz') return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(profile);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>inflate</title>');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const r = await page.evaluate(
      ({ runs }) =>
        new Promise((resolve) => {
          const w = new Worker('/worker.js');
          w.onmessage = (e) => resolve(e.data);
          w.onerror = (e) => resolve({ ok: false, error: e.message });
          w.postMessage({ url: '/profile.pb.gz', runs });
        }),
      { runs },
    );
    if (!r.ok) throw new Error(`inflate in Chromium: ${r.error}`);
    if (r.sizes[0] !== r.sizes[1]) throw new Error(`inflate in Chromium: sizes differ ${r.sizes.join(' ')}`);
    return r;
  } finally {
    await browser.close();
    server.close();
  }
}
