import { createClient, load } from './http';

// The load generator, in a process of its own (bench/load-generator.ts starts it): the runner seeds the
// database and keeps the figures, and what its heap holds from that must not be collected while
// responses are in flight, which would count its pauses as the server's latency.

export type WorkerRequest =
  | { type: 'signIn'; baseURL: string; concurrency: number; identifier: string; password: string }
  | { type: 'load'; path: string; total: number; concurrency: number; mustContain: string[] };

let client: ReturnType<typeof createClient> | undefined;

process.on('message', (request: WorkerRequest) => {
  const answer = async () => {
    if (request.type === 'signIn') {
      client = createClient(request.baseURL, request.concurrency);
      await client.signIn(request.identifier, request.password);
      return undefined;
    }
    if (!client) throw new Error('Not signed in.');
    const { mustContain } = request;
    return load(client, request.path, { total: request.total, concurrency: request.concurrency, check: (body) => mustContain.every((part) => body.includes(part)) });
  };
  answer().then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

process.on('disconnect', () => {
  client?.close();
  process.exit(0);
});
