import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../bench/server-process';
import { API_RATE_LIMIT } from '@/lib/api/authenticate';
import { generateApiToken } from '@/lib/api-tokens/secret';
import { THROTTLE_MAX_FAILURES } from '@/lib/auth/throttle';
import { createPostgresDatabase, testDriver } from './helpers/db';
import { servedPanel } from './helpers/served-panel';

// Two panels (each one process, as on two machines) on one PostgreSQL behind a small loopback proxy that
// sends each request to the next panel in turn, as a load balancer does (docs/scaling.md). The panels
// trust the proxy (TRUSTED_PROXIES), which names one client address in X-Forwarded-For. Needs `next build`.

const PASSWORD = 'two-servers-Passw0rd';
const CLIENT = '203.0.113.7';
const built = fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'));
// `npm test` builds before it runs vitest; in CI a missing build is a failure, not a skip.
if (!built && process.env.CI) throw new Error('No production build: run `next build` first (npm test does).');

describe.runIf(testDriver() === 'postgres' && built)('two panels behind a proxy, one database', () => {
  const email = 'two-servers@example.net';
  let servers: Server[] = [];
  let proxy: http.Server;
  let proxyURL = '';
  let dataDir: string;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  const { lines, jar, signIn, signedInLines, failSignIns } = servedPanel({
    baseURL: () => proxyURL,
    logFiles: () => ['a', 'b'].map((name) => path.join(dataDir, name, 'server.log')),
  });
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    ({ url: databaseUrl, drop: dropDatabase } = await createPostgresDatabase());
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-two-'));
    const env = { WEB_CONCURRENCY: '1', AUTH_SECRET: randomBytes(48).toString('base64url'), TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'info', LOG_PRETTY: '0', JOB_POLL_MS: '300' };
    // Started together on an empty database: both migrate, under the advisory lock.
    servers = await Promise.all(['a', 'b'].map((name) => startServer(databaseUrl, path.join(dataDir, name), process.cwd(), env)));
    let next = 0;
    proxy = http.createServer((req, res) => {
      const target = new URL(servers[next++ % servers.length]!.baseURL);
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, agent: false, headers: { ...req.headers, 'x-forwarded-for': CLIENT } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyURL = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    await query(`insert into admins (email, role, password_hash) values ('${email}', 'superadmin', '${await bcrypt.hash(PASSWORD, 4)}')`);
  }, 180_000);

  afterAll(async () => {
    proxy?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await dropDatabase?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrated the database once', async () => {
    const files = fs.readdirSync(path.join(process.cwd(), 'db', 'migrations')).filter((file) => file.endsWith('.sql'));
    expect(await query('select hash from drizzle.__drizzle_migrations')).toHaveLength(files.length);
    expect(lines().filter((line) => line.msg === 'database migrated')).toHaveLength(2);
  });

  it('keeps a session made on one panel on the other, and both see the client the proxy names', async () => {
    const session = jar((await signIn(email, PASSWORD)).cookies);
    expect(session).toContain('next-auth.session-token=');
    const seen = await signedInLines(session, 4);
    for (const line of seen) {
      expect(line.callerId).toMatch(/^admin:\d+$/);
      expect(line.ip).toBe(CLIENT);
    }
    expect(new Set(seen.map((line) => line.pid)).size).toBe(2);
  });

  it('shares the sign-in throttle: the right password is refused after the limit of wrong ones over both', async () => {
    expect((await failSignIns(email, THROTTLE_MAX_FAILURES)).size).toBe(2);
    expect((await signIn(email, PASSWORD)).cookies.join(';')).not.toContain('next-auth.session-token=');
  });

  it('shares the API rate limit: a token near its limit gets exactly the rest, over both panels', async () => {
    const { token, tokenHash, prefix } = generateApiToken();
    await query(
      `insert into api_tokens (admin_id, name, access, token_hash, prefix, rate_window_started_at, rate_count)
       select id, 'two-servers', 'read', '${tokenHash}', '${prefix}', now(), ${API_RATE_LIMIT - 4} from admins where email = '${email}'`,
    );
    // One after another, so the proxy hands them to the panels in turn: four to each.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await fetch(`${proxyURL}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      await answer.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect((await query(`select rate_count from api_tokens where token_hash = '${tokenHash}'`))[0]!.rate_count).toBe(API_RATE_LIMIT + 4);
  });

  it('does each mail-host job once, with a job worker in each panel', async () => {
    await query(`insert into mail_jobs (address, kind) select 'u' || g || '@example.net', 'kick' from generate_series(1, 40) g`);
    await query(`select pg_notify('mail_jobs', '')`);
    const deadline = Date.now() + 30_000;
    while ((await query(`select count(*)::int as n from mail_jobs where state <> 'done'`))[0]!.n !== 0) {
      if (Date.now() > deadline) throw new Error('the jobs were not done in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await query(`select id from mail_jobs where attempts <> 1`)).toEqual([]);
    expect(await query('select worker from worker_heartbeats')).toHaveLength(2);
  });
});
