import type { IncomingMessage } from 'node:http';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import type { OutageAwareResponse } from '@/lib/request/outage-status';
import { componentLogger } from './logger';
import { requestContextStore, type RequestContext } from './request-context';
import { requestIdFrom } from './request-id';
import { routeOf } from './route';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Wraps server.ts's request listener: gives each request an id (echoed as X-Request-Id), runs it in the
 * request context (so any line logged meanwhile carries the id, and the code that loads the caller can
 * note it), and writes one line when the response is finished or the client went away. Never the query
 * string, a header or a body: they may carry secrets.
 */
export function loggingRequests(
  listener: (req: IncomingMessage, res: OutageAwareResponse) => void,
): (req: IncomingMessage, res: OutageAwareResponse) => void {
  const log = componentLogger('http');
  return (req, res) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { reqId: requestIdFrom(req.headers['x-request-id']) };
    res.setHeader(REQUEST_ID_HEADER, context.reqId);
    let logged = false;
    const line = () => {
      if (logged) return;
      logged = true;
      const route = routeOf(req.url);
      const fields = {
        reqId: context.reqId,
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ip: headerValue(req.headers[CLIENT_IP_HEADER]),
        callerId: context.callerId ?? null,
        ...(res.writableFinished ? {} : { aborted: true }),
        // Next's router prefetches a page's static parts without running it: no caller there.
        ...(req.headers['next-router-prefetch'] ? { prefetch: true } : {}),
      };
      // Static files are many and say little: at debug, so that info shows what people did.
      if (route.startsWith('/_next/static/') || route === '/favicon.ico') log.debug(fields, 'request');
      else log.info(fields, 'request');
    };
    res.once('finish', line);
    res.once('close', line);
    requestContextStore().run(context, () => listener(req, res));
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
