import http from 'node:http';

// A small HTTP/1.1 client for the benchmark: keep-alive connections to 127.0.0.1 only, the session
// cookie carried by hand, and every response body read to the end (what a browser waits for).

export type Response = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function createClient(baseURL: string, concurrency: number) {
  const base = new URL(baseURL);
  if (base.hostname !== '127.0.0.1') throw new Error('The benchmark only talks to 127.0.0.1.');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const cookies = new Map<string, string>();

  function remember(headers: http.IncomingHttpHeaders) {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  function request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Response> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers: http.OutgoingHttpHeaders = { accept: 'text/html,application/json' };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: base.hostname, port: base.port, path, method, headers, agent }, (res) => {
        // Decoded chunk by chunk into one string: joining the chunks as Buffers first (outside V8's heap)
        // made this process run a full collection every few hundred milliseconds, pausing every request in flight.
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** next-auth's credentials flow: the CSRF token and its cookie, then the callback; keeps the session cookie. */
  async function signIn(identifier: string, password: string): Promise<void> {
    const csrf = await request('GET', '/api/auth/csrf');
    remember(csrf.headers);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const res = await request('POST', '/api/auth/callback/password', { identifier, password, csrfToken, json: 'true' });
    remember(res.headers);
    if (![...cookies.keys()].some((name) => name.endsWith('next-auth.session-token'))) {
      throw new Error(`Sign-in failed (HTTP ${res.status}): ${res.body.slice(0, 200)}`);
    }
  }

  return { request, signIn, close: () => agent.destroy() };
}

export type LoadResult = { requests: number; errors: number; p50: number; p95: number; p99: number; max: number; rps: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `total` GETs of `path` from `concurrency` workers in a closed loop (each sends its next request when
 * the last one has been read). A response is an error unless it is 200 and passes `check`.
 */
export async function load(
  client: ReturnType<typeof createClient>,
  path: string,
  { total, concurrency, check }: { total: number; concurrency: number; check: (body: string) => boolean },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      const t0 = performance.now();
      try {
        const res = await client.request('GET', path);
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || !check(res.body)) {
          errors++;
          firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) console.error(`    first error on ${path}: ${firstError}`);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / elapsed,
  };
}
