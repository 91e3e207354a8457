import './scripts/outside-next'; // first: see scripts/outside-next.ts
import cluster from 'node:cluster';
import { createServer, type ServerResponse } from 'node:http';
import os from 'node:os';
import next from 'next';
import { closeDatabase } from '@/db';
import { ensureDataDir } from '@/db/data-dir';
import { unroutedApiRequest, unroutedApiResponse } from '@/lib/api/unrouted';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import { isCrossOriginAction } from '@/lib/request/cross-origin-action';
import { answeringOutagesWith503, OutageAwareResponse } from '@/lib/request/outage-status';
import { parseTrustedProxies, resolveClientIp } from '@/lib/request/resolve-client-ip';
import { startWorkerFromEnv } from '@/lib/jobs/start';
import { webConcurrency } from '@/lib/ops/cluster/concurrency';
import { applyHeapGrowing } from '@/lib/ops/heap/growing';
import { runPrimary } from '@/lib/ops/cluster/primary';
import { loggingRequests } from '@/lib/ops/log/http';
import { componentLogger } from '@/lib/ops/log/logger';
import { offerWorkerMetrics } from '@/lib/ops/metrics/cluster';
import { observeRequest } from '@/lib/ops/metrics/http';
import { registerPanelMetrics } from '@/lib/ops/metrics/panel';
import { metricsRegistry } from '@/lib/ops/metrics/registry';
import { applyPerRequestPolicy } from '@/lib/security/per-request-policy';
import { servedOverHttps } from '@/lib/security/csp';
import { resolveAuthSecret } from '@/lib/server-secret';
import { prepareDatabase } from '@/lib/startup';

// A small Node server in front of Next's handler: it alone knows the TCP peer, so it establishes the
// client address (honouring X-Forwarded-For only from TRUSTED_PROXIES) before Next sees the request. It
// also sets each response's Content-Security-Policy nonce here, which costs nothing, rather than in
// proxy.ts, which costs about a millisecond of CPU per request (bench/RESULTS.md).
//
// WEB_CONCURRENCY > 1 (PostgreSQL only): this process does the start-up work once (secret, migrations),
// then becomes the primary (lib/ops/cluster/primary.ts) and forks that many workers, each running this
// file again as a whole server on the same port (MAILPANEL_CLUSTER=1), the first with the job worker.
async function main() {
  // A self-hosted panel phones nowhere.
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  const dev = process.env.NODE_ENV !== 'production';
  // tsx turns Node's source maps on, and Node then reads and keeps the map of every chunk of Next's build
  // it loads: ~50 MB of each process's heap and a slower start (bench/RESULTS.md, memory). Stack traces
  // name the built files instead; SOURCE_MAPS=1 keeps the maps for debugging.
  if (!dev && process.env.SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);
  // Each process (a cluster's workers run this file too) holds its heap near what it keeps alive (lib/ops/heap).
  if (!dev) applyHeapGrowing(process.env);
  const port = Number(process.env.PORT ?? 3000);
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  if (cluster.isWorker && process.env.MAILPANEL_CLUSTER === '1') return serve({ dev, port, publicUrl });

  const concurrency = webConcurrency({ env: process.env, dev, cpus: os.availableParallelism() });
  if (concurrency.reduced) componentLogger('cluster')[concurrency.explicit ? 'warn' : 'info']({ workers: 1 }, concurrency.reduced);
  process.env.NEXTAUTH_SECRET = resolveAuthSecret(process.env, ensureDataDir());
  process.env.NEXTAUTH_URL = publicUrl;
  await prepareDatabase(publicUrl);
  if (concurrency.workers === 1) return serve({ dev, port, publicUrl });
  await closeDatabase(); // the primary needs it no more; each worker opens its own pool
  runPrimary({ workers: concurrency.workers, exec: __filename, log: componentLogger('cluster') });
}

/** The server itself: the only process (WEB_CONCURRENCY=1), or one worker of several. */
async function serve({ dev, port, publicUrl }: { dev: boolean; port: number; publicUrl: string }) {
  const host = process.env.HOST ?? '0.0.0.0';
  const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  const log = componentLogger('http');
  // One process of the cluster's runs the mail-host job worker (JOB_WORKER=off in the others); alone,
  // this one does: the embedded database can only be opened by one process.
  const worker = startWorkerFromEnv();
  if (cluster.isWorker) {
    // /metrics speaks for every worker: the primary gathers this registry, with the pool and queue gauges in it.
    registerPanelMetrics();
    offerWorkerMetrics(metricsRegistry());
  }

  const app = next({ dev, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const https = servedOverHttps();

  const server = createServer({ ServerResponse: OutageAwareResponse }, loggingRequests((req, res) => {
    observeRequest(req, res); // first, so that the requests refused below are counted too
    delete req.headers[CLIENT_IP_HEADER];
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
    if (ip) req.headers[CLIENT_IP_HEADER] = ip;
    applyPerRequestPolicy(req, res, { dev, https });
    // Next would refuse it too, but with a 500: a forged request is the client's fault (403), not the server's.
    if (isCrossOriginAction(req)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Cross-origin request refused.');
      return;
    }
    // An /api/v1 path no operation has, or a method it does not take: problem+json, not Next's HTML 404 / bare 405.
    const unrouted = unroutedApiRequest(req.method, req.url);
    if (unrouted) {
      void sendResponse(res, unroutedApiResponse(unrouted, req.method, req.headers['accept-language'] ?? null));
      return;
    }
    answeringOutagesWith503(res, () => handle(req, res)).catch((error: unknown) => {
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  }));
  server.listen(port, host, () => log.info({ url: publicUrl, mode: dev ? 'development' : 'production' }, `mailpanel listening on ${publicUrl}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      void Promise.resolve(worker?.stop())
        .then(() => closeDatabase())
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // The primary is gone (killed outright): a worker left alone would hold the port with nobody to restart it.
  if (cluster.isWorker) process.on('disconnect', () => stop('disconnect'));
}

/** Writes a fetch Response (a small, whole body) to Node's response. */
async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

main().catch(async (error: unknown) => {
  componentLogger('startup').fatal({ err: error }, 'mailpanel did not start');
  await closeDatabase().catch(() => {});
  process.exit(1);
});
