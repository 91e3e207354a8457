import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../bench/server-process';
import { THROTTLE_MAX_FAILURES } from '@/lib/auth/throttle';
import { createPostgresDatabase, testDriver } from './helpers/db';
import { servedPanel } from './helpers/served-panel';

// The built production server with WEB_CONCURRENCY=2 (server.ts → lib/ops/cluster/primary.ts) on real
// PostgreSQL: both workers take requests, and what must hold across processes does. Which worker answered
// comes from the request log lines (pino writes each process's pid on every line; X-Request-Id picks the
// line). Each request opens its own connection: the kernel hands connections, not requests, to workers.
// Needs `next build` first (like the Playwright specs).

const PASSWORD = 'cluster-Test-passw0rd';
const METRICS_TOKEN = 'cluster-test-metrics-token';
const built = fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'));
// `npm test` builds before it runs vitest; in CI a missing build is a failure, not a skip.
if (!built && process.env.CI) throw new Error('No production build: run `next build` first (npm test does).');

describe.runIf(testDriver() === 'postgres' && built)('the server on two worker processes', () => {
  let server: Server;
  let dataDir: string;
  let dropDatabase: () => Promise<void>;
  let databaseUrl: string;
  const email = 'cluster-admin@example.net';
  const { lines, waitForLog, request, pidOf, jar, signIn: signInAs, signedInLines, failSignIns } = servedPanel({ baseURL: () => server.baseURL, logFiles: () => [path.join(dataDir, 'server.log')] });
  const signIn = (password: string) => signInAs(email, password);

  beforeAll(async () => {
    ({ url: databaseUrl, drop: dropDatabase } = await createPostgresDatabase());
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailpanel-cluster-'));
    server = await startServer(databaseUrl, dataDir, process.cwd(), { WEB_CONCURRENCY: '2', METRICS_TOKEN, LOG_LEVEL: 'info', LOG_PRETTY: '0', JOB_POLL_MS: '500' });
    await waitForLog((all) => all.some((line) => line.msg === 'all 2 workers listening'), 'cluster start');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`insert into admins (email, role, password_hash) values ($1, 'superadmin', $2)`, [email, await bcrypt.hash(PASSWORD, 4)]);
    await client.end();
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
    await dropDatabase?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts once: one migration, one job worker (one heartbeat row), two request-serving workers', async () => {
    const all = lines();
    expect(all.filter((line) => line.msg === 'database migrated')).toHaveLength(1);
    const primary = all.find((line) => line.msg === 'starting 2 workers')!.pid;
    const jobWorkers = all.filter((line) => line.component === 'worker' && /mail-host jobs|no mail host configured/.test(line.msg) && !/JOB_WORKER=off/.test(line.msg));
    expect(jobWorkers).toHaveLength(1);
    expect(jobWorkers[0]!.pid).not.toBe(primary);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // several turns of the job loop
      expect((await client.query('select worker from worker_heartbeats')).rows).toHaveLength(1);
    } finally {
      await client.end();
    }

    const pids = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const answer = await request('GET', '/healthz');
      expect(answer.status).toBe(200);
      pids.add(await pidOf(answer.reqId));
    }
    expect(pids.size).toBe(2);
    expect(pids.has(primary)).toBe(false);
  });

  it('keeps a session made through one worker on the other', async () => {
    const signedIn = await signIn(PASSWORD);
    const session = jar(signedIn.cookies);
    expect(session).toContain('next-auth.session-token=');
    const seen = await signedInLines(session, 6);
    for (const line of seen) expect(line.callerId).toMatch(/^admin:\d+$/); // each worker loaded the caller from the session
    expect(new Set(seen.map((line) => line.pid)).size).toBe(2);
  });

  it('holds the sign-in throttle across workers: the right password is refused after the limit of wrong ones', async () => {
    expect((await failSignIns(email, THROTTLE_MAX_FAILURES)).size).toBe(2);
    const after = await signIn(PASSWORD);
    expect(after.cookies.join(';')).not.toContain('next-auth.session-token=');
    await waitForLog((all) => all.some((line) => line.msg === 'sign-in refused' && line.reason === 'throttled'), 'throttled sign-in');
  });

  it('reports the whole server at /metrics', async () => {
    const scrape = await request('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    const healthzLines = lines().filter((line) => line.msg === 'request' && line.route === '/healthz');
    expect(new Set(healthzLines.map((line) => line.pid)).size).toBe(2);
    const healthz = /^mailpanel_http_requests_total\{[^}]*route="\/healthz"[^}]*\} (\d+)$/m.exec(scrape.body);
    expect(Number(healthz?.[1])).toBe(healthzLines.length); // served by two processes, all counted
    // The queue is read from the database, the same for both workers: once, not summed.
    expect(scrape.body).toMatch(/^mailpanel_job_stats_ok 1$/m);
  });

  it('restarts a worker that dies, and keeps answering meanwhile', async () => {
    const victim = await pidOf((await request('GET', '/healthz')).reqId);
    process.kill(victim, 'SIGKILL');
    // A connection the primary hands to a worker in the instant it dies is lost (Node's cluster): the
    // requests start once the primary knows. Until the replacement listens, the other worker serves all.
    await waitForLog((all) => all.some((line) => line.component === 'cluster' && line.msg.includes(`(pid ${victim}) exited (SIGKILL): restarting`)), 'worker exit');
    for (let i = 0; i < 4; i++) expect((await request('GET', '/healthz')).status).toBe(200);
    await waitForLog((all) => all.some((line) => line.component === 'cluster' && /is back/.test(line.msg)), 'restarted worker');
    const pids = new Set<number>();
    for (let i = 0; i < 6; i++) pids.add(await pidOf((await request('GET', '/healthz')).reqId));
    expect(pids.size).toBe(2);
    expect(pids.has(victim)).toBe(false);
  }, 60_000);
});
