// Types for browser.mjs, used by the TypeScript UI support.
import type { BrowserContext, Page } from 'playwright-core';
export const chromiumPath: string;
export function launchBrowser(runDir: string): Promise<{ context: BrowserContext; page: Page }>;
