import { createHash, timingSafeEqual } from 'node:crypto';
import { inClusterWorker, wholeServerMetrics } from './cluster';
import { metricsRegistry } from './registry';

// `/metrics` (app/metrics/route.ts, and the loopback listener of the worker and the policy service):
// Prometheus' text format to whoever presents METRICS_TOKEN as a bearer token. Without METRICS_TOKEN
// set, metrics are off and the path answers 404 like any unknown one. A wrong or missing token gets
// 401 and nothing else: no metric, no hint which part was wrong.

const NO_STORE = { 'cache-control': 'no-store' };

/** METRICS_TOKEN, or null when metrics are off (unset or blank). */
export function metricsToken(env: Record<string, string | undefined> = process.env): string | null {
  const token = env.METRICS_TOKEN?.trim();
  return token ? token : null;
}

/** Equal tokens, in time that does not depend on where they differ (both hashed to the same length first). */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export async function metricsResponse(authorization: string | null | undefined, token: string | null = metricsToken()): Promise<Response> {
  if (!token) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE } });
  const given = bearerToken(authorization);
  if (given === null || !sameToken(given, token)) {
    return new Response('Unauthorized\n', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"', ...NO_STORE } });
  }
  const registry = metricsRegistry();
  // One worker of several (WEB_CONCURRENCY): the whole server's, or nothing rather than a part taken for the whole.
  const text = inClusterWorker() ? await wholeServerMetrics().catch(() => null) : await registry.metrics();
  if (text === null) return new Response('Metrics unavailable\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE } });
  return new Response(text, { status: 200, headers: { 'content-type': registry.contentType, ...NO_STORE } });
}
