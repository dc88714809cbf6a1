// Builds the entries: extension + the engine's process and its worker threads + cli + the cli's merge thread for Node (cjs); the web extension
// (cjs, package.json `browser`) and its worker (iife) for the web worker extension host; the webview pages
// (profile, goroutines, series) for the browser (iife).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// The web build inflates with pako where the Node build has node:zlib: the one module that differs.
const webInflate = {
  name: 'web-inflate',
  setup(build) {
    const at = (rel) => fileURLToPath(new URL(rel, import.meta.url));
    const [nodeInflate, pako] = [at('src/model/decode/inflate'), at('src/model/decode/inflatePako.ts')];
    build.onResolve({ filter: /(^\.|\/decode)\/inflate$/ }, (args) =>
      resolve(args.resolveDir, args.path) === nodeInflate ? { path: pako } : undefined,
    );
  },
};

const web = {
  ...common,
  platform: 'browser',
  target: 'chrome120',
  plugins: [webInflate],
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', engineProcess: 'src/worker/engineProcess.ts', worker: 'src/worker/worker.ts', cli: 'src/cli.ts', mergeWorker: 'src/cli/mergeWorker.ts' },
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
  // The web extension: what runs in the web worker extension host. Only vscode is left to require.
  { ...web, entryPoints: { extension: 'src/extensionWeb.ts' }, outdir: 'dist/web', format: 'cjs', external: ['vscode'] },
  // Its engine: a Web Worker started from a blob: URL, so a classic script.
  { ...web, entryPoints: { worker: 'src/worker/webWorker.ts' }, outdir: 'dist/web', format: 'iife' },
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
