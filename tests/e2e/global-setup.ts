import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { startServer, writeServerInfo } from './helpers/server';

/** Read by playwright.config.ts (`use.baseURL`), which the workers load after this has run. */
const BASE_URL_ENV = 'MAILPANEL_E2E_BASE_URL';

// Playwright requires the global setup to be the default export; what it returns is the teardown.
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  for (const project of config.projects) {
    const executable = project.use.launchOptions?.executablePath;
    if (executable && !fs.existsSync(executable)) {
      throw new Error(`Chromium not found at ${executable}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
    }
  }

  const server = await startServer();
  const { stop, ...info } = server;
  writeServerInfo(info);
  process.env[BASE_URL_ENV] = server.baseURL;
  console.log(`[e2e] mailpanel at ${server.baseURL} (pid ${server.pid}, data ${server.dataDir})`);
  return stop;
}
