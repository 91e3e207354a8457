import dgram from 'node:dgram';
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

  // The live DNS check (issue 18) asks a resolver on loopback: 27-dns-records.spec.ts answers on this port.
  process.env.DNS_RESOLVER = `127.0.0.1:${await freeUdpPort()}`;
  process.env.MAIL_HOSTNAME = 'mail.e2e.example';
  const server = await startServer();
  const { stop, ...info } = server;
  writeServerInfo(info);
  process.env[BASE_URL_ENV] = server.baseURL;
  console.log(`[e2e] mailpanel at ${server.baseURL} (pid ${server.pid}, data ${server.dataDir})`);
  return stop;
}

/** A UDP port free now on loopback (the DNS spec binds it later). */
function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
