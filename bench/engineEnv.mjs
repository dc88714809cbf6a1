// The environment the extension gives its engine's process (src/worker/engineEnv.ts), for the benchmarks'
// engine processes: an anchor measures the engine as the extension runs it.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const src = fileURLToPath(new URL('../src/worker/engineEnv.ts', import.meta.url));
const { outputFiles } = await esbuild.build({ entryPoints: [src], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
const { engineEnv } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);

/** process.env as the engine's process gets it. */
export const ENGINE_ENV = engineEnv(process.env);
