import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadResult } from './http';
import type { WorkerRequest } from './load-worker';

type Reply = { ok: true; result?: LoadResult } | { ok: false; error: string };

/** The load generator (bench/load-worker.ts) in a child process, one request to it at a time. */
export function startLoadGenerator(root: string) {
  const child = fork(path.join(root, 'bench', 'load-worker.ts'), [], { execArgv: ['--import', 'tsx'] });
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  child.on('message', (reply: Reply) => {
    const w = waiting;
    waiting = null;
    w?.resolve(reply);
  });
  child.on('exit', (code) => {
    const w = waiting;
    waiting = null;
    w?.reject(new Error(`The load generator exited (${code}).`));
  });
  const ask = (request: WorkerRequest) =>
    new Promise<LoadResult | undefined>((resolve, reject) => {
      waiting = { resolve: (reply) => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error))), reject };
      child.send(request);
    });
  return {
    async signIn(baseURL: string, concurrency: number, identifier: string, password: string): Promise<void> {
      await ask({ type: 'signIn', baseURL, concurrency, identifier, password });
    },
    async load(requestPath: string, options: { total: number; concurrency: number; mustContain: string[] }): Promise<LoadResult> {
      return (await ask({ type: 'load', path: requestPath, ...options }))!;
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}
