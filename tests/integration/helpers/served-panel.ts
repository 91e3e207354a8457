import fs from 'node:fs';
import http from 'node:http';

// Talking to panels started as real servers (bench/server-process.ts) and reading their JSON log lines:
// which process answered a request is the `pid` of its request line, found by the X-Request-Id sent.
// Each request opens its own connection, so that connections, not requests, decide where it goes.

export type LogLine = { pid: number; msg: string; reqId?: string; reason?: string; component?: string; callerId?: string | null; route?: string; ip?: string };
export type Answer = { status: number; reqId: string; cookies: string[]; body: string; location?: string };

export function servedPanel({ baseURL, logFiles }: { baseURL: () => string; logFiles: () => string[] }) {
  let counter = 0;
  const lines = (): LogLine[] =>
    logFiles()
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const waitForLog = async (test: (lines: LogLine[]) => boolean, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!test(lines())) {
      if (Date.now() > deadline) throw new Error(`no ${what} in the log:\n${logFiles().map((file) => fs.readFileSync(file, 'utf8').slice(-2000)).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const request = (method: string, url: string, { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const reqId = `served-test-${++counter}`;
      const req = http.request(`${baseURL()}${url}`, { method, agent: false, timeout: 20_000, headers: { 'x-request-id': reqId, ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reqId, cookies: res.headers['set-cookie'] ?? [], body: text, location: res.headers.location }));
      });
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`${method} ${url} (${reqId}): no answer in 20 s`)));
      req.end(body);
    });
  const lineOf = async (reqId: string) => {
    await waitForLog((all) => all.some((line) => line.msg === 'request' && line.reqId === reqId), `request ${reqId}`);
    return lines().find((line) => line.msg === 'request' && line.reqId === reqId)!;
  };
  const pidOf = async (reqId: string) => (await lineOf(reqId)).pid;
  const jar = (cookies: string[]) => cookies.map((cookie) => cookie.split(';')[0]).join('; ');
  /** next-auth's credentials step as a browser does it (csrf cookie + token): the callback's answer. */
  const signIn = async (identifier: string, password: string) => {
    const csrf = await request('GET', '/api/auth/csrf');
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const body = new URLSearchParams({ identifier, password, csrfToken, json: 'true' }).toString();
    return request('POST', '/api/auth/callback/password', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar(csrf.cookies), 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
  };
  /** `count` page requests with a session cookie: each one's request line (its `callerId` says who was signed in). */
  const signedInLines = async (session: string, count: number) => {
    const found: LogLine[] = [];
    for (let i = 0; i < count; i++) {
      const page = await request('GET', '/domains', { headers: { cookie: session } });
      // Signed out it is sent to /login (a superadmin without a second factor may be sent to its gate instead).
      if (/\/login/.test(page.location ?? '')) throw new Error(`${page.reqId}: sent to sign-in`);
      found.push(await lineOf(page.reqId));
    }
    return found;
  };
  /** `count` sign-ins with a wrong password: the pids that refused them. */
  const failSignIns = async (identifier: string, count: number) => {
    const pids = new Set<number>();
    for (let i = 0; i < count; i++) {
      // A sign-in is two requests (csrf, then the password): one more now and then, or one process takes them all.
      if (i % 2) await request('GET', '/healthz');
      pids.add(await pidOf((await signIn(identifier, 'wrong-password')).reqId));
    }
    return pids;
  };
  return { lines, waitForLog, request, lineOf, pidOf, jar, signIn, signedInLines, failSignIns };
}
