import { createServer, type Server } from 'node:http';
import { metricsResponse, metricsToken } from './endpoint';
import { componentLogger } from '@/lib/ops/log/logger';

// `/metrics` for the processes that serve no HTTP of their own (`npm run worker`, `npm run policy`):
// a small listener on WORKER_METRICS_PORT / POLICY_METRICS_PORT (one variable each, as the service
// units share one environment file), on the loopback address unless METRICS_HOST says otherwise, with
// the same bearer token as the panel's (lib/ops/metrics/endpoint.ts).

export type MetricsPortVariable = 'WORKER_METRICS_PORT' | 'POLICY_METRICS_PORT';

export type MetricsListenerOptions = { port: number; host?: string; token?: string | null };

/** The port `variable` names; null when unset; throws on anything else (0: any free port). */
export function metricsPortFromEnv(variable: MetricsPortVariable, env: Record<string, string | undefined> = process.env): number | null {
  const raw = env[variable]?.trim();
  if (!raw) return null;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`${variable} must be a port number (1-65535).`);
  return port;
}

export function startMetricsListener({ port, host = '127.0.0.1', token }: MetricsListenerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    const answer =
      path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')
        ? metricsResponse(req.headers.authorization, token)
        : Promise.resolve(new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    answer
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal error\n');
      });
  });
  // The process keeps running on its own work, not on this listener.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Where the listener answers, e.g. http://127.0.0.1:9464/metrics. */
export function metricsUrl(server: Server): string {
  const address = server.address();
  if (!address || typeof address === 'string') return String(address);
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`;
}

/** Starts the listener when `variable` is set (METRICS_HOST: its address, default 127.0.0.1); says where. */
export async function startMetricsListenerFromEnv(name: 'worker' | 'policy', variable: MetricsPortVariable, env: Record<string, string | undefined> = process.env): Promise<Server | null> {
  const port = metricsPortFromEnv(variable, env);
  if (port === null) return null;
  const server = await startMetricsListener({ port, host: env.METRICS_HOST?.trim() || undefined });
  const url = metricsUrl(server);
  componentLogger(name).info({ url, on: metricsToken(env) !== null }, `metrics on ${url}${metricsToken(env) ? '' : ' (off: METRICS_TOKEN is not set)'}`);
  return server;
}
