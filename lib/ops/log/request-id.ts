import { randomUUID } from 'node:crypto';

// A proxy in front may send its own X-Request-Id, so that its log and the panel's share an id. It is
// written into every log line of the request and echoed back: only a short, plain token is taken.
const SANE = /^[A-Za-z0-9._:-]{8,64}$/;

/** The incoming id if it is a sane short token, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? undefined : header;
  return value !== undefined && SANE.test(value) ? value : randomUUID();
}
