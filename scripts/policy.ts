import './outside-next'; // first: see scripts/outside-next.ts
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pgPoolSource, registerPoolGauges } from '@/lib/ops/metrics/db-pool';
import { startMetricsListenerFromEnv } from '@/lib/ops/metrics/listener';
import { registerPolicyMetrics } from '@/lib/ops/metrics/policy';
import { pgSendingStore, POLICY_CONNECTION_OPTIONS } from '@/lib/policy/pg-store';
import { createPolicyServer } from '@/lib/policy/server';
import { DEFAULT_PORTS } from '@/lib/mail-servers/settings';
import { componentLogger } from '@/lib/ops/log/logger';

const USAGE = `Usage: npm run policy -- [--database-url URL] [--host ADDRESS] [--port N]
mailpanel's Postfix policy service: counts the messages each account sends and defers the ones over its
daily sending limit; refuses senders a distribution list does not take mail from. Postfix reaches it through check_policy_service (npm run mail:config sets that up).
  --database-url URL   the mail servers' role (default: $MAILPANEL_MAIL_DATABASE_URL)
  --host ADDRESS       default 127.0.0.1
  --port N             default ${DEFAULT_PORTS.policy}
Prometheus metrics: set POLICY_METRICS_PORT (and METRICS_TOKEN) for /metrics on 127.0.0.1 (docs/operations.md).`;

function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const url = values['database-url'] ?? process.env.MAILPANEL_MAIL_DATABASE_URL;
  if (!url) {
    console.error(`The database URL is missing (--database-url or MAILPANEL_MAIL_DATABASE_URL).\n${USAGE}`);
    process.exit(2);
  }
  const port = Number(values.port ?? DEFAULT_PORTS.policy);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error('--port must be a port number (1-65535).');
    process.exit(2);
  }
  const host = values.host ?? '127.0.0.1';
  const log = componentLogger('policy');
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 5_000, options: POLICY_CONNECTION_OPTIONS });
  pool.on('error', (error) => log.error({ err: error }, 'idle database connection error'));
  const server = createPolicyServer({ store: pgSendingStore(pool) });
  server.listen(port, host, () => log.info({ host, port }, `policy service listening on ${host}:${port}`));
  // POLICY_METRICS_PORT: its decisions, their latency, its pool, its CPU and memory on a loopback port.
  registerPoolGauges('mail', pgPoolSource(pool));
  registerPolicyMetrics();
  startMetricsListenerFromEnv('policy', 'POLICY_METRICS_PORT').catch((error: unknown) => {
    log.error({ err: error }, 'metrics listener failed');
    process.exit(2);
  });
  const stop = (signal: string) => {
    log.info({ signal }, `${signal}: shutting down`);
    server.close();
    // Open Postfix connections would keep close() waiting for minutes.
    server.unref();
    void pool.end().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main();
