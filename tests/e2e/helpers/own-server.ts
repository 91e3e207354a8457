import { execFileSync, spawn } from 'node:child_process';
import { expect } from '@playwright/test';
import { freePort, repoRoot } from './server';

export type OwnServer = { baseURL: string; pid: number; output: () => string; stop: () => Promise<void> };

/**
 * A production panel of the test's own (`next build` must have run), beside the shared one: on an empty
 * embedded database under `env.DATA_DIR`, or on `env.DATABASE_URL` (then AUTH_SECRET is needed too).
 */
export async function startOwnServer(env: Record<string, string>, port?: number): Promise<OwnServer> {
  port ??= await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'PUBLIC_URL', 'TRUSTED_PROXIES']) delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(`${repoRoot}/node_modules/.bin/tsx`, ['server.ts'], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  };
  try {
    await expect.poll(() => output, { timeout: 90_000 }).toContain('listening on');
  } catch (error) {
    await stop();
    throw new Error(`The panel did not start:\n${output}`, { cause: error });
  }
  return { baseURL: `http://127.0.0.1:${port}`, pid: child.pid!, output: () => output, stop };
}

/**
 * The superadmin of an own server's database, created as an operator does (scripts/admin-create.ts, the
 * password on stdin) with the server's `env`. On the embedded database, before the server starts (it is the
 * server's alone once it runs); on PostgreSQL, either.
 */
export function createSuperadmin(env: Record<string, string>, admin: { email: string; name: string; password: string }): void {
  execFileSync(`${repoRoot}/node_modules/.bin/tsx`, ['scripts/admin-create.ts', '--email', admin.email, '--name', admin.name], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    input: admin.password,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
