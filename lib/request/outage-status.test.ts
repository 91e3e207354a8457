import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { noteDatabaseDown } from './outage';
import { answeringOutagesWith503, OutageAwareResponse } from './outage-status';

let server: Server | undefined;

async function close(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
}

afterEach(close);

/** A server whose handler notes an outage (after an await, like a render) or not, then answers `status`. */
async function serve(noteOutage: boolean, status: number): Promise<Response> {
  server = createServer({ ServerResponse: OutageAwareResponse }, (req, res) => {
    void answeringOutagesWith503(res, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (noteOutage) noteDatabaseDown();
      res.statusCode = status;
      res.end('page');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

describe('answeringOutagesWith503', () => {
  it('turns the 500 of a request that met a database outage into 503 with Retry-After', async () => {
    const response = await serve(true, 500);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.text()).toBe('page');
  });

  it('leaves any other 500, and any answer that is not a 500, alone', async () => {
    const bug = await serve(false, 500);
    expect(bug.status).toBe(500);
    expect(bug.headers.get('retry-after')).toBeNull();
    await close();
    const notFound = await serve(true, 404);
    expect(notFound.status).toBe(404);
  });

  it('does nothing outside a request', () => {
    expect(() => noteDatabaseDown()).not.toThrow();
  });
});
