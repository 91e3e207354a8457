import http from 'node:http';
import { resolveClientIp, parseTrustedProxies } from '@/lib/request/resolve-client-ip';
import type { ApiRouteHandler } from '@/lib/api/handler';

// The panel's API as Roundcube's password driver reaches it, served from the test's own process (so it
// uses the test's database): a node HTTP server handing each request to a route handler, with the client
// address established as server.ts does (X-Forwarded-For only from a trusted proxy: here loopback, where
// Roundcube runs). The test mocks '@/lib/request/client-ip' to answer `clientIp.current`.

export const clientIp = { current: null as string | null };

export async function servePanelRoute({ port, path, handler }: { port: number; path: string; handler: ApiRouteHandler }): Promise<() => Promise<void>> {
  const trusted = parseTrustedProxies('127.0.0.1, ::1');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (req.url !== path) {
          res.writeHead(404).end();
          return;
        }
        clientIp.current = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
        const request = new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
        const response = await handler(request, { params: Promise.resolve({}) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
