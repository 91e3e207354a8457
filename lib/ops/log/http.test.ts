import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '@/lib/request/client-ip-header';
import { OutageAwareResponse } from '@/lib/request/outage-status';
import { loggingRequests } from './http';
import { componentLogger } from './logger';
import { noteCaller } from './request-context';
import { capturingLogger, installLogger } from './test-sink';

let server: Server | undefined;
let restore: (() => void) | undefined;

afterEach(async () => {
  restore?.();
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

/** A server like server.ts: the listener notes the caller after awaits (as a render does), then answers. */
async function serve(): Promise<{ url: string; captured: ReturnType<typeof capturingLogger>['captured'] }> {
  const { logger, captured } = capturingLogger();
  restore = installLogger(logger);
  server = createServer(
    { ServerResponse: OutageAwareResponse },
    loggingRequests((req, res) => {
      req.headers[CLIENT_IP_HEADER] = '192.0.2.7';
      void (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.resolve();
        if (req.url?.startsWith('/signed-in')) noteCaller('admin:3');
        componentLogger('api').info('inside the request');
        res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
        res.end('ok');
      })();
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, captured };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the request log line', () => {
  it('has the request id (echoed), method, route without the query, status, duration, ip and caller', async () => {
    const { url, captured } = await serve();
    const response = await fetch(`${url}/signed-in/12?token=Sekrit-Reset-Token`);
    const reqId = response.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => captured.lines.some((line) => line.msg === 'request'));
    const line = captured.lines.find((candidate) => candidate.msg === 'request');
    expect(line).toMatchObject({ component: 'http', reqId, method: 'GET', route: '/signed-in/:id', status: 200, ip: '192.0.2.7', callerId: 'admin:3' });
    expect(typeof line?.durationMs).toBe('number');
    // A line logged while the request is handled carries its id too.
    expect(captured.lines.find((candidate) => candidate.msg === 'inside the request')).toMatchObject({ reqId, component: 'api' });
    expect(captured.text).not.toContain('Sekrit-Reset-Token');
  });

  it('takes a sane incoming X-Request-Id, and keeps concurrent requests’ callers apart', async () => {
    const { url, captured } = await serve();
    const [mine, anonymous] = await Promise.all([
      fetch(`${url}/signed-in`, { headers: { 'X-Request-Id': 'proxy-req-0001' } }),
      fetch(`${url}/missing`, { headers: { 'X-Request-Id': 'bad id\twith tab' } }),
    ]);
    expect(mine.headers.get('x-request-id')).toBe('proxy-req-0001');
    expect(anonymous.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => captured.lines.filter((line) => line.msg === 'request').length === 2);
    const lines = captured.lines.filter((line) => line.msg === 'request');
    expect(lines.find((line) => line.reqId === 'proxy-req-0001')).toMatchObject({ status: 200, callerId: 'admin:3' });
    expect(lines.find((line) => line.reqId === anonymous.headers.get('x-request-id'))).toMatchObject({ status: 404, callerId: null, route: '/missing' });
  });
});
