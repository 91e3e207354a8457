import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/metrics/route';
import { setDatabaseHandle } from '@/db';
import type { DatabaseHandle } from '@/db/open';
import { insertMailJobs } from '@/db/queries/mail-jobs';
import { mailJobs } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { THROTTLE_MAX_FAILURES } from '@/lib/auth/throttle';
import type { MailHost } from '@/lib/jobs/mail-host';
import { runDueJobs } from '@/lib/jobs/worker';
import { bearerToken } from '@/lib/ops/metrics/endpoint';
import { observeRequest } from '@/lib/ops/metrics/http';
import { metricsPortFromEnv, startMetricsListener } from '@/lib/ops/metrics/listener';
import { metricsRegistry } from '@/lib/ops/metrics/registry';
import type { SendingStore } from '@/lib/policy/decide';
import { createPolicyServer } from '@/lib/policy/server';
import { proxy } from '@/proxy';
import { NextRequest } from 'next/server';
import { resetTables, useTestDatabase } from './helpers/db';

// /metrics (issue 20, point 2): off without METRICS_TOKEN, 401 without it, Prometheus' text with it;
// and each family moves after the action that should move it. Both drivers.

vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [], get: () => undefined, set: () => {} }) }));
process.env.NEXTAUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefghij';

const t = useTestDatabase();
const TOKEN = 'metrics-test-token-0123456789abcdef';

beforeAll(() => {
  process.env.METRICS_TOKEN = TOKEN;
});
afterAll(() => {
  delete process.env.METRICS_TOKEN;
});
beforeEach(() => resetTables(t.db()));

function scrapeWith(authorization: string | null): Promise<Response> {
  return GET(new Request('http://panel.test/metrics', { headers: authorization === null ? {} : { authorization } }));
}

async function scrape(): Promise<string> {
  const response = await scrapeWith(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  return response.text();
}

type Sample = { name: string; labels: Record<string, string>; value: number };

function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The sample `name` with (at least) these labels; 0 when there is none yet. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value ?? 0;
}

const has = (text: string, name: string) => samples(text).some((s) => s.name === name);

describe('access', () => {
  it('answers 404 while METRICS_TOKEN is not set, whatever the caller sends', async () => {
    delete process.env.METRICS_TOKEN;
    try {
      for (const authorization of [null, `Bearer ${TOKEN}`, 'Bearer ']) {
        const response = await scrapeWith(authorization);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('mailpanel_');
      }
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
    }
  });

  it('answers 401 (never 500, never a metric) without the right bearer token', async () => {
    const refused = [
      null,
      '',
      'Bearer',
      'Bearer wrong-token',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      TOKEN,
      `Bearer ${TOKEN}\u0000`,
      `Bearer \u0000${TOKEN}`,
      `Bearer ${TOKEN} extra`,
      `Bearer ${'A'.repeat(64 * 1024)}`,
      `Bearer ${'é'.repeat(1000)}`,
    ];
    for (const authorization of refused) {
      const response = await GET({ headers: new Headers(authorization === null ? {} : { authorization: authorization.replace(/\u0000/g, '') }) } as unknown as Request).catch(() => null);
      // Headers refuse NUL: a raw request object carries it to the handler as it came.
      const raw = await GET({ headers: { get: (name: string) => (name === 'authorization' ? authorization : null) } } as unknown as Request);
      for (const answer of [response, raw]) {
        if (!answer) continue;
        const text = await answer.text();
        if (answer === response && authorization !== null && authorization.replace(/\u0000/g, '') === `Bearer ${TOKEN}`) {
          expect(answer.status, 'the same token without its NUL is the token').toBe(200);
          continue;
        }
        expect(answer.status, String(authorization).slice(0, 40)).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
        expect(text).not.toContain('mailpanel_');
      }
    }
  });

  it('answers 401 to any other Authorization header (fast-check), and a signed-in session is no token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string().map((s) => `Bearer ${s}`), fc.string().map((s) => `Bearer ${TOKEN}${s}`)), async (authorization) => {
        fc.pre(bearerToken(authorization) !== TOKEN);
        const answer = await GET({ headers: { get: (name: string) => (name === 'authorization' ? authorization : null) } } as unknown as Request);
        expect(answer.status).toBe(401);
        expect(await answer.text()).toBe('Unauthorized\n');
      }),
      { numRuns: 200 },
    );
    const withCookie = await GET(new Request('http://panel.test/metrics', { headers: { cookie: 'next-auth.session-token=anything' } }));
    expect(withCookie.status).toBe(401);
  });

  it('answers 200 in the Prometheus text format with the token, uncached, with the process metrics', async () => {
    const response = await scrapeWith(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(has(text, 'mailpanel_process_cpu_user_seconds_total')).toBe(true);
    expect(has(text, 'mailpanel_nodejs_heap_size_used_bytes')).toBe(true);
    // The sign-in families exist from the start, at 0 (no code step runs in this file).
    expect(samples(text).find((s) => s.name === 'mailpanel_sign_in_throttled_total' && s.labels.step === 'code')?.value).toBe(0);
    expect(samples(text).find((s) => s.name === 'mailpanel_sign_in_failures_total' && s.labels.reason === 'badCode')?.value).toBe(0);
    // The scheme word is case-insensitive (RFC 7235).
    expect((await scrapeWith(`bearer ${TOKEN}`)).status).toBe(200);
  });

  it('is not sent to sign-in by the proxy (the token decides)', () => {
    const response = proxy(new NextRequest('http://panel.test/metrics'));
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('each family moves after its action', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('counts a request by method, route and status, and times it', async () => {
    server = createServer((req, res) => {
      observeRequest(req, res);
      res.writeHead(req.url?.startsWith('/domains/') ? 200 : 404).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const labels = { method: 'GET', route: '/domains/[id]', status: '200' };
    const before = await scrape();
    expect((await fetch(`http://127.0.0.1:${port}/domains/4711?page=2`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/wp-login.php`)).status).toBe(404);
    const after = await scrape();
    expect(value(after, 'mailpanel_http_requests_total', labels) - value(before, 'mailpanel_http_requests_total', labels)).toBe(1);
    expect(value(after, 'mailpanel_http_request_duration_seconds_count', labels) - value(before, 'mailpanel_http_request_duration_seconds_count', labels)).toBe(1);
    expect(value(after, 'mailpanel_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBeGreaterThanOrEqual(1);
    const unmatched = { method: 'GET', route: '(unmatched)', status: '404' };
    expect(value(after, 'mailpanel_http_requests_total', unmatched) - value(before, 'mailpanel_http_requests_total', unmatched)).toBe(1);
    // The raw path is never a label.
    expect(after).not.toContain('4711');
    expect(after).not.toContain('wp-login');
  });

  it('counts a failed sign-in, and a throttled one', async () => {
    const failures = { step: 'password', reason: 'invalid' };
    const throttles = { step: 'password' };
    const ip = '198.51.100.23';
    const before = await scrape();
    expect(await signInWithPassword({ identifier: 'nobody@example.test', password: 'wrong' }, { ip })).toEqual({ ok: false, error: { code: 'invalid' } });
    const once = await scrape();
    expect(value(once, 'mailpanel_sign_in_failures_total', failures) - value(before, 'mailpanel_sign_in_failures_total', failures)).toBe(1);
    expect(value(once, 'mailpanel_sign_in_throttled_total', throttles)).toBe(value(before, 'mailpanel_sign_in_throttled_total', throttles));

    for (let i = 1; i < THROTTLE_MAX_FAILURES; i++) await signInWithPassword({ identifier: 'nobody@example.test', password: 'wrong' }, { ip });
    const throttled = await signInWithPassword({ identifier: 'nobody@example.test', password: 'wrong' }, { ip });
    expect(throttled).toMatchObject({ ok: false, error: { code: 'throttled' } });
    const after = await scrape();
    expect(value(after, 'mailpanel_sign_in_throttled_total', throttles) - value(before, 'mailpanel_sign_in_throttled_total', throttles)).toBe(1);
    expect(value(after, 'mailpanel_sign_in_failures_total', failures) - value(before, 'mailpanel_sign_in_failures_total', failures)).toBe(THROTTLE_MAX_FAILURES);
    expect(after).not.toContain('nobody@example.test');
  });

  it('reports the job queue: depth, the oldest job’s age, failures', async () => {
    const empty = await scrape();
    expect(value(empty, 'mailpanel_job_queue_depth', { state: 'pending' })).toBe(0);
    expect(value(empty, 'mailpanel_jobs_failed')).toBe(0);
    expect(value(empty, 'mailpanel_job_oldest_queued_age_seconds')).toBe(0);
    expect(value(empty, 'mailpanel_job_stats_ok')).toBe(1);

    const [job] = await insertMailJobs({ ex: t.db(), jobs: [{ kind: 'kick', address: 'someone@example.test', mailboxId: null, domainId: null }] });
    await t.db().update(mailJobs).set({ createdAt: sql`now() - interval '90 seconds'` }).where(eq(mailJobs.id, job!.id));
    const queued = await scrape();
    expect(value(queued, 'mailpanel_job_queue_depth', { state: 'pending' })).toBe(1);
    expect(value(queued, 'mailpanel_job_oldest_queued_age_seconds')).toBeGreaterThanOrEqual(90);

    const failing: MailHost = {
      describe: 'unreachable',
      kick: () => Promise.reject(new Error('mail host unreachable')),
      recalcQuota: () => Promise.reject(new Error('mail host unreachable')),
      removeMail: () => Promise.reject(new Error('mail host unreachable')),
      removeDomainMail: () => Promise.reject(new Error('mail host unreachable')),
    };
    expect(await runDueJobs({ host: failing, maxAttempts: 1 })).toMatchObject({ failed: 1 });
    const failed = await scrape();
    expect(value(failed, 'mailpanel_jobs_failed')).toBe(1);
    expect(value(failed, 'mailpanel_job_queue_depth', { state: 'pending' })).toBe(0);
    expect(value(failed, 'mailpanel_job_oldest_queued_age_seconds')).toBe(0);
  });

  it('still answers when the database does not: the queue gauges say they could not be read', async () => {
    const refuse = () => Promise.reject(new Error('PGlite is closed'));
    const down = { kind: 'embedded', db: { execute: refuse }, poolStats: () => null, withConnection: refuse, close: async () => {} } as unknown as DatabaseHandle;
    setDatabaseHandle(down);
    try {
      const text = await scrape();
      expect(value(text, 'mailpanel_job_stats_ok')).toBe(0);
      expect(has(text, 'mailpanel_job_queue_depth')).toBe(false);
      expect(text).not.toContain('closed');
    } finally {
      setDatabaseHandle(t.handle());
    }
    expect(value(await scrape(), 'mailpanel_job_stats_ok')).toBe(1);
  });

  it('counts policy decisions by what was answered, and times them', async () => {
    const limitOf = new Map([['full@example.test', 0], ['free@example.test', 100]]);
    const store: SendingStore = {
      sendingState: async (address) => {
        if (address === 'broken@example.test') throw new Error('database down');
        const limit = limitOf.get(address);
        return limit === undefined ? null : { limit, sent: 5 };
      },
      countSent: async () => {},
      refusingList: async () => null,
      messageSizeLimit: async (domain) => (domain === 'small.example.test' ? 1024 * 1024 : null),
    };
    const policy = createPolicyServer({ store, logger: { error: () => {} } });
    await new Promise<void>((resolve) => policy.listen(0, '127.0.0.1', resolve));
    const ask = (address: string, extra = '') =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port: (policy.address() as net.AddressInfo).port });
        let got = '';
        socket.setEncoding('utf8');
        socket.on('data', (data: string) => {
          got += data;
          if (!got.endsWith('\n\n')) return;
          socket.end();
          resolve(got);
        });
        socket.on('error', reject);
        socket.write(`protocol_state=RCPT\nsasl_username=${address}\n${extra}\n`);
      });
    try {
      const before = await scrape();
      expect(await ask('full@example.test')).toMatch(/^action=DEFER_IF_PERMIT Daily sending limit/);
      expect(await ask('free@example.test')).toBe('action=DUNNO\n\n');
      expect(await ask('broken@example.test')).toMatch(/^action=DEFER_IF_PERMIT Temporary failure/);
      expect(await ask('free@example.test', 'recipient=a@small.example.test\nsize=2000000\n')).toMatch(/^action=552 5\.3\.4 Message too big/);
      const after = await scrape();
      for (const decision of ['deferred', 'allowed', 'refused', 'failed']) {
        const d = (name: string) => value(after, name, { decision }) - value(before, name, { decision });
        expect(d('mailpanel_policy_decisions_total'), decision).toBe(1);
        expect(d('mailpanel_policy_decision_duration_seconds_count'), decision).toBe(1);
      }
      expect(after).not.toContain('full@example.test');
    } finally {
      await new Promise((resolve) => policy.close(resolve));
    }
  });

  it('reports the database pool: connections in use and requests waiting (PostgreSQL); no pool samples on the embedded database', async () => {
    const idle = await scrape();
    if (t.kind === 'embedded') {
      for (const name of ['mailpanel_db_pool_connections_in_use', 'mailpanel_db_pool_connections_idle', 'mailpanel_db_pool_waiting_requests', 'mailpanel_db_pool_max_connections']) {
        expect(has(idle, name), name).toBe(false);
      }
      return;
    }
    const panel = { database: 'panel' };
    const max = value(idle, 'mailpanel_db_pool_max_connections', panel);
    expect(max).toBe(4); // tests/integration/helpers/db.ts
    expect(samples(idle).find((s) => s.name === 'mailpanel_db_pool_connections_in_use')?.labels).toEqual(panel);
    // Hold every connection in a transaction, then ask for one more: it waits.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: max }, () => t.db().transaction(async (tx) => (await tx.execute(sql`select 1`), await gate)));
    const registry = metricsRegistry();
    const gauge = async (name: string) => value(await registry.getSingleMetricAsString(name), name, panel);
    try {
      await vi.waitFor(async () => expect(await gauge('mailpanel_db_pool_connections_in_use')).toBe(max));
      // (A drizzle query runs when awaited or then-ed.)
      const waiting = t.db().execute(sql`select 1`).then(() => {});
      await vi.waitFor(async () => expect(await gauge('mailpanel_db_pool_waiting_requests')).toBe(1));
      release();
      await Promise.all([...holders, waiting]);
    } finally {
      release();
    }
    await vi.waitFor(async () => expect(await gauge('mailpanel_db_pool_waiting_requests')).toBe(0));
    expect(await gauge('mailpanel_db_pool_connections_in_use')).toBe(0);
  });
});

describe('the loopback listener of the worker and the policy service', () => {
  it('serves the same metrics under the same token, and nothing else', async () => {
    const listener = await startMetricsListener({ port: 0, token: TOKEN });
    const { port } = listener.address() as net.AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}`;
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(has(await ok.text(), 'mailpanel_process_cpu_user_seconds_total')).toBe(true);
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
      expect((await fetch(`${url}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      expect((await fetch(`${url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      expect(listener.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
    const off = await startMetricsListener({ port: 0, token: null });
    try {
      expect((await fetch(`http://127.0.0.1:${(off.address() as net.AddressInfo).port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await new Promise((resolve) => off.close(resolve));
    }
  });

  // A script still running when its test timed out is stopped all the same.
  const children = new Set<ChildProcess>();
  afterEach(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    children.clear();
  });

  /** Starts `script` with `env`, waits for its "metrics on URL" line, and stops it once `check` is done. */
  async function withScript(script: string, args: string[], env: Record<string, string>, check: (url: string) => Promise<void>): Promise<void> {
    // The "metrics on" line is logged at info (the tests' own processes log at warn).
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), [script, ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no metrics line from ${script}:\n${out}`)), 60_000);
        const read = (data: Buffer) => {
          out += data.toString();
          const found = /metrics on (http:\/\/\S+\/metrics)/.exec(out);
          if (!found) return;
          clearTimeout(timer);
          resolve(found[1]!);
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`${script} exited (${code}):\n${out}`)));
      });
      await check(url);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  it.runIf(t.kind === 'embedded')('npm run policy with its metrics port serves its decisions, its pool and its process on loopback', async () => {
    // The worker's variable too, as in a shared environment file: the policy service takes its own.
    const env = { POLICY_METRICS_PORT: '0', WORKER_METRICS_PORT: '1', METRICS_TOKEN: TOKEN };
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    await withScript('scripts/policy.ts', ['--database-url', 'postgres://nobody@127.0.0.1:1/none', '--port', port], env, async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(url)).status).toBe(401);
      const text = await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      for (const decision of ['allowed', 'deferred', 'refused', 'failed']) expect(value(text, 'mailpanel_policy_decisions_total', { decision }), decision).toBe(0);
      expect(has(text, 'mailpanel_policy_decision_duration_seconds_bucket')).toBe(true);
      expect(value(text, 'mailpanel_db_pool_max_connections', { database: 'mail' })).toBe(5);
      expect(has(text, 'mailpanel_process_cpu_user_seconds_total')).toBe(true);
      expect(has(text, 'mailpanel_job_queue_depth')).toBe(false);
    });
  }, 120_000);

  it.runIf(t.kind === 'postgres')('npm run worker with its metrics port serves the job queue, its pool and its process on loopback', async () => {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `mp_metrics_worker_${process.pid}`;
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const adminQuery = async (text: string) => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(text).finally(() => client.end());
    };
    await adminQuery(`create database "${name}"`);
    try {
      await withScript('scripts/worker.ts', [], { WORKER_METRICS_PORT: '0', POLICY_METRICS_PORT: '1', METRICS_TOKEN: TOKEN, DATABASE_URL: url.toString() }, async (metrics) => {
        const text = await (await fetch(metrics, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
        expect(value(text, 'mailpanel_job_stats_ok')).toBe(1);
        expect(value(text, 'mailpanel_job_queue_depth', { state: 'pending' })).toBe(0);
        expect(has(text, 'mailpanel_db_pool_connections_in_use')).toBe(true);
        expect(has(text, 'mailpanel_sign_in_failures_total')).toBe(true);
        expect(has(text, 'mailpanel_process_cpu_user_seconds_total')).toBe(true);
      });
    } finally {
      await adminQuery(`drop database if exists "${name}" with (force)`);
    }
  }, 90_000);

  it('reads WORKER_METRICS_PORT and POLICY_METRICS_PORT', () => {
    expect(metricsPortFromEnv('WORKER_METRICS_PORT', {})).toBeNull();
    expect(metricsPortFromEnv('WORKER_METRICS_PORT', { WORKER_METRICS_PORT: ' ' })).toBeNull();
    expect(metricsPortFromEnv('WORKER_METRICS_PORT', { WORKER_METRICS_PORT: '9465', POLICY_METRICS_PORT: '9466' })).toBe(9465);
    expect(metricsPortFromEnv('POLICY_METRICS_PORT', { WORKER_METRICS_PORT: '9465', POLICY_METRICS_PORT: '9466' })).toBe(9466);
    for (const bad of ['x', '70000', '-1', '1.5', '1e3']) expect(() => metricsPortFromEnv('POLICY_METRICS_PORT', { POLICY_METRICS_PORT: bad }), bad).toThrow(/POLICY_METRICS_PORT/);
  }, 120_000);
});
