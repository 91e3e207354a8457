import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders } from 'node:http';
import { requestOutage, type RequestOutage } from './outage';

// A page that fails because the database is unreachable renders the panel's error page with Next's
// status for a failed render, 500, and Next has no way to choose another. The custom server answers 503
// with Retry-After instead, so that monitoring and proxies see "temporarily unavailable", not a bug:
// server.ts gives Node's HTTP server this response class (createServer's `ServerResponse` option) and
// runs each request in answeringOutagesWith503, where lib/errors.ts notes an outage (noteDatabaseDown).

/** Seconds a client is asked to wait before trying again during a database outage. */
export const OUTAGE_RETRY_AFTER = 5;

/** A response that turns its 500 into 503 when its request met a database outage. */
export class OutageAwareResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  readonly outage: RequestOutage = { databaseDown: false };

  // Node's implicit header write (statusCode set, then write/end) calls writeHead too.
  override writeHead(statusCode: number, ...rest: unknown[]): this {
    if (statusCode === 500 && this.outage.databaseDown) {
      statusCode = 503;
      this.setHeader('Retry-After', String(OUTAGE_RETRY_AFTER));
    }
    return super.writeHead(statusCode, ...(rest as [string | undefined, (OutgoingHttpHeaders | OutgoingHttpHeader[])?]));
  }
}

/** Runs `handle` for one request, so that an outage it meets is noted on `res`. */
export function answeringOutagesWith503<T>(res: OutageAwareResponse, handle: () => Promise<T>): Promise<T> {
  return requestOutage.getOrCreate(() => new AsyncLocalStorage<RequestOutage>()).run(res.outage, handle);
}
