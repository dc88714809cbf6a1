// Headless Debian Chromium driven by playwright-core, with its profile inside the run dir.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { isolatedEnv } from './codeServer.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser(runDir) {
  const context = await chromium.launchPersistentContext(join(runDir, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    env: isolatedEnv(runDir),
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
