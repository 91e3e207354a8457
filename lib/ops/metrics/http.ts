import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram } from 'prom-client';
import { processSlot } from '@/db/process-global';
import { processMetric } from './registry';
import { loadRouteTable, routeLabel, type RouteTable } from './routes';

// Every request the custom server answers (server.ts), pages, actions, API, static files and the ones
// it refuses itself alike, by method, route (lib/ops/metrics/routes.ts) and status.

const LABELS = ['method', 'route', 'status'] as const;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export const httpRequests = () =>
  processMetric('http_requests', (registry) => new Counter({ name: 'mailpanel_http_requests_total', help: 'HTTP requests answered, by method, route and status.', labelNames: LABELS, registers: [registry] }));

export const httpDuration = () =>
  processMetric(
    'http_duration',
    (registry) =>
      new Histogram({
        name: 'mailpanel_http_request_duration_seconds',
        help: 'Time from receiving an HTTP request to the end of its response, by method, route and status.',
        labelNames: LABELS,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
  );

const routes = processSlot<{ table: RouteTable | null }>('metrics.routes');

/** A method outside HTTP's usual ones is `other`: a stranger's invented verbs make no series. */
export function methodLabel(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return METHODS.has(upper) ? upper : 'other';
}

/** Counts the request and times its response once it is sent (or the connection is gone). */
export function observeRequest(req: IncomingMessage, res: ServerResponse, table: RouteTable | null = routes.getOrCreate(() => ({ table: loadRouteTable() })).table): void {
  const started = process.hrtime.bigint();
  const route = routeLabel(req.url ?? '/', table);
  const method = methodLabel(req.method);
  let done = false;
  const record = () => {
    if (done) return;
    done = true;
    // A connection closed before the response was complete has no real status: 499, as nginx says.
    const status = res.writableFinished ? String(res.statusCode) : '499';
    const labels = { method, route, status };
    httpRequests().inc(labels);
    httpDuration().observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
  };
  res.once('finish', record);
  res.once('close', record);
}
