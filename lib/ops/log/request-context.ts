import { AsyncLocalStorage } from 'node:async_hooks';
import { processSlot } from '@/db/process-global';

/** What the request log line learns while Next handles the request. */
export type RequestContext = { reqId: string; callerId?: string };

// server.ts runs each request inside this store (lib/ops/log/http.ts); the code that loads the caller
// (lib/auth/session.ts, lib/api/handler.ts) runs in Next's bundles, another module graph: the store is
// process-wide (db/process-global.ts), like lib/request/outage.ts.
const store = processSlot<AsyncLocalStorage<RequestContext>>('requestContext');

export function requestContextStore(): AsyncLocalStorage<RequestContext> {
  return store.getOrCreate(() => new AsyncLocalStorage<RequestContext>());
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return store.get()?.getStore();
}

/** Records who the request's caller is (`admin:3`, `mailbox:12`): the request log line says it. */
export function noteCaller(callerId: string): void {
  const request = currentRequest();
  if (request) request.callerId = callerId;
}
