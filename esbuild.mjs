// Builds the entries: extension + worker + cli + the cli's merge thread for Node (cjs), the webview pages (profile, goroutines, series) for the browser (iife).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', worker: 'src/worker/worker.ts', cli: 'src/cli.ts', mergeWorker: 'src/cli/mergeWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // protobufjs asks for long.js inside a try and falls back to plain numbers, which is all the decoder
    // reads (int64 as an exact number, never Long), so long.js stays out of the bundle.
    external: ['vscode', 'long'],
  },
  {
    ...common,
    entryPoints: { main: 'webview/main.ts', series: 'webview/series/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  // The goroutine dump view: a page of its own.
  {
    ...common,
    entryPoints: { goroutines: 'webview/goroutines/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

mkdirSync('dist/webview', { recursive: true });
cpSync('media', 'dist/webview/media', { recursive: true });

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
